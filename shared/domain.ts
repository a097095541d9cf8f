/** Words of the domain shared by both ends. */
export const itemKinds = [
  'apologies',
  'confidentiality',
  'matters-arising',
  'previous-minutes',
  'new-referral',
  'case-review',
  'any-other-business',
  'standing',
] as const;
export type ItemKind = (typeof itemKinds)[number];

export const itemKindLabels: Record<ItemKind, string> = {
  apologies: 'Apologies',
  confidentiality: 'Confidentiality statement',
  'matters-arising': 'Matters arising',
  'previous-minutes': 'Minutes of the last meeting',
  'new-referral': 'New referral',
  'case-review': 'Case review',
  'any-other-business': 'Any other business',
  standing: 'Standing item',
};

export const caseKinds: readonly ItemKind[] = ['new-referral', 'case-review'];
export const isCaseKind = (kind: ItemKind): boolean => caseKinds.includes(kind);

/** Pseudonymous case reference, e.g. RR-2026-014. Never a name. */
export const caseRefPattern = /^[A-Z]{2,4}-\d{4}-\d{3,4}$/;

/** A cancelled meeting is kept (with its reason) and shown, never deleted; it cannot be opened or rescheduled. */
export const meetingStatuses = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatusLabels: Record<MeetingStatus, string> = { scheduled: 'Scheduled', live: 'Live', ended: 'Held', cancelled: 'Cancelled' };

/** How often a series meets. Monthly means the n-th weekday of each month (n = -1: the last). */
export const cadenceKinds = ['weekly', 'fortnightly', 'monthly'] as const;
export type CadenceKind = (typeof cadenceKinds)[number];
export const cadenceKindLabels: Record<CadenceKind, string> = { weekly: 'Weekly', fortnightly: 'Fortnightly', monthly: 'Monthly' };

/** ISO weekdays, Monday = 1 … Sunday = 7 (Luxon's numbering). */
export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const monthlyOrdinals = [1, 2, 3, 4, 5, -1] as const;
export const ordinalLabels: Record<(typeof monthlyOrdinals)[number], string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };

/** Every series meets on the London calendar: a 10:00 meeting stays at 10:00 across the clock changes. */
export const meetingZone = 'Europe/London';

/**
 * Standing items a series' agenda template may hold, in the order the template lists them. Each becomes an agenda
 * item of that kind in every new meeting; `custom` items become "any other business"-like standing items by title.
 */
export const standingItemKinds = ['apologies', 'confidentiality', 'previous-minutes', 'matters-arising', 'any-other-business', 'custom'] as const;
export type StandingItemKind = (typeof standingItemKinds)[number];
export const standingItemLabels: Record<StandingItemKind, string> = {
  apologies: 'Apologies',
  confidentiality: 'Confidentiality statement',
  'previous-minutes': 'Minutes of the last meeting',
  'matters-arising': 'Matters arising',
  'any-other-business': 'Any other business',
  custom: 'Standing item',
};

/** How decisions are numbered within a series and calendar year: `<prefix>NNN/YYYY` or `<prefix>YYYY/NNN`. */
export const decisionSchemes = ['NNN/YYYY', 'YYYY/NNN'] as const;
export type DecisionScheme = (typeof decisionSchemes)[number];

export const defaultConfidentialityStatement =
  'Information shared at this meeting is confidential. It is shared only for the purposes of this meeting and may not be passed on without the agreement of the agency that provided it.';

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


export const caseKinds: readonly ItemKind[] = ['new-referral', 'case-review'];
export const isCaseKind = (kind: ItemKind): boolean => caseKinds.includes(kind);

/** Pseudonymous case reference, e.g. RR-2026-014. Never a name. */
export const caseRefPattern = /^[A-Z]{2,6}-\d{4}-\d{3,4}$/;

/** A cancelled meeting is kept (with its reason) and shown, never deleted; it cannot be opened or rescheduled. */
export const meetingStatuses = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const riskLevels = ['high', 'medium', 'standard'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const consentStatuses = ['given', 'not-sought', 'refused'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];
/** Sharing without consent needs a lawful basis written down. */
export const needsLawfulBasis = (consent: ConsentStatus): boolean => consent !== 'given';

/**
 * A case on the register. `referred`: issued a reference, not yet screened. `merged`: its referral was matched to an
 * earlier case, so this reference is retired (never reused) and the earlier case carries the history.
 */
export const caseStatuses = ['referred', 'open', 'closed', 'merged'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const referralStates = ['pending', 'more-info-requested', 'accepted', 'declined'] as const;
export type ReferralState = (typeof referralStates)[number];
/** Referrals the coordinator may still accept, decline, ask about or match. */
export const openReferralStates: readonly ReferralState[] = ['pending', 'more-info-requested'];

/** The repeat rule: a case referred or closed within this many months before a new referral makes it a repeat. */
export const repeatWindowMonths = 12;

/** The instant `months` calendar months before `at` (UTC calendar; the 31st falls back to the month's last day). */
export function monthsBefore(at: number, months: number): number {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

/** True when `earlier` falls within the repeat window before `at` (the boundary instant itself counts). */
export const withinRepeatWindow = (earlier: number, at: number): boolean => earlier <= at && earlier >= monthsBefore(at, repeatWindowMonths);

/** "RR" from "Repeat Removals Triage": the initials of the series name without the generic words, 2–4 letters. */
export function caseRefPrefixFor(seriesName: string): string {
  const words = seriesName
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter((w) => w && !['TRIAGE', 'MEETING', 'MEETINGS', 'PANEL', 'THE', 'AND', 'OF'].includes(w));
  const initials = words.map((w) => w[0]).join('').slice(0, 4);
  return initials.length >= 2 ? initials : `${initials}${(words[0] ?? 'CASE').slice(1)}`.slice(0, 2).padEnd(2, 'X');
}

/** RR-2026-017: series prefix, year, sequence (three digits, four past 999). */
export const formatCaseRef = (prefix: string, year: number, seq: number): string => `${prefix}-${year}-${String(seq).padStart(3, '0')}`;

/** How often a series meets. Monthly means the n-th weekday of each month (n = -1: the last). */
export const cadenceKinds = ['weekly', 'fortnightly', 'monthly'] as const;
export type CadenceKind = (typeof cadenceKinds)[number];

export const monthlyOrdinals = [1, 2, 3, 4, 5, -1] as const;

/** Every series meets on the London calendar: a 10:00 meeting stays at 10:00 across the clock changes. */
export const meetingZone = 'Europe/London';

/**
 * Standing items a series' agenda template may hold, in the order the template lists them. Each becomes an agenda
 * item of that kind in every new meeting; `custom` items become "any other business"-like standing items by title.
 */
export const standingItemKinds = ['apologies', 'confidentiality', 'previous-minutes', 'matters-arising', 'any-other-business', 'custom'] as const;
export type StandingItemKind = (typeof standingItemKinds)[number];

/** How decisions are numbered within a series and calendar year: `<prefix>NNN/YYYY` or `<prefix>YYYY/NNN`. */
export const decisionSchemes = ['NNN/YYYY', 'YYYY/NNN'] as const;
export type DecisionScheme = (typeof decisionSchemes)[number];


/**
 * What a person is in one series. `governance`: a member of the programme's governance board, who reads the series'
 * outcome figures and never its case content (no meetings, minutes, cases or tracker).
 */
export const seriesRoles = ['coordinator', 'chair', 'member', 'observer', 'governance'] as const;
export type SeriesRole = (typeof seriesRoles)[number];
/** Roles that take part in the meetings (research, receive extracts, may lead an agency): not observers or governance. */
export const participatingRoles: readonly SeriesRole[] = ['coordinator', 'chair', 'member'];

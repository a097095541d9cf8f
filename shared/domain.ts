/** Words of the domain shared by both ends. */
export const itemKinds = [
  'apologies',
  'confidentiality',
  'matters-arising',
  'new-referral',
  'case-review',
  'any-other-business',
] as const;
export type ItemKind = (typeof itemKinds)[number];

export const itemKindLabels: Record<ItemKind, string> = {
  apologies: 'Apologies',
  confidentiality: 'Confidentiality statement',
  'matters-arising': 'Matters arising',
  'new-referral': 'New referral',
  'case-review': 'Case review',
  'any-other-business': 'Any other business',
};

export const caseKinds: readonly ItemKind[] = ['new-referral', 'case-review'];
export const isCaseKind = (kind: ItemKind): boolean => caseKinds.includes(kind);

/** Pseudonymous case reference, e.g. RR-2026-014. Never a name. */
export const caseRefPattern = /^[A-Z]{2,4}-\d{4}-\d{3,4}$/;

export const meetingStatuses = ['scheduled', 'live', 'ended'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

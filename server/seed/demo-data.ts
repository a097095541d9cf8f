/** Synthetic demo records. Every name, email and case reference here is invented. */
import type { ItemKind, SeriesRole } from '../../shared/domain.js';

/** The demo series' statement: the wording a new series starts with (domain:defaultConfidentialityStatement). */
const defaultConfidentialityStatement =
  'Information shared in this meeting is confidential and shared for the purpose of safeguarding the families ' +
  'discussed and agreeing the support they need. Do not share it outside this meeting except as the law and your ' +
  "agency's information-sharing agreement allow, and record only what is needed for that purpose.";
import type { StoredStandingItem } from '../db/schema.js';
import type { CaseDetails } from '../../shared/case-details.js';
import type { Language } from '../../shared/i18n/languages.js';

export const demoPassword = 'triage-demo-2026';

export const demoAgencies = [
  { key: 'cs', name: "Children's Services", shortName: 'CSC' },
  { key: 'amh', name: 'Adult Mental Health (NHS)', shortName: 'AMH' },
  { key: 'sms', name: 'Substance Misuse Service', shortName: 'SMS' },
  { key: 'pol', name: 'Police Public Protection Unit', shortName: 'POL' },
  { key: 'hou', name: 'Housing Options', shortName: 'HOU' },
  { key: 'adv', name: 'Advocacy Partnership (VCS)', shortName: 'ADV' },
] as const;

type Role = 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';

/**
 * `seriesRole` when the person's role in the demo series differs from their highest role (`role`); `language` when
 * they chose to use Triage Room in Welsh (screens, emails).
 */
export const demoPeople: { agency: (typeof demoAgencies)[number]['key']; name: string; email: string; jobTitle: string; role: Role; seriesRole?: SeriesRole; language?: Language }[] = [
  { agency: 'cs', name: 'Alex Admin', email: 'admin@demo.triage.test', jobTitle: 'System administrator', role: 'admin' },
  { agency: 'cs', name: 'Morgan Chair', email: 'chair@demo.triage.test', jobTitle: 'Triage chair', role: 'chair' },
  { agency: 'cs', name: 'Casey Coordinator', email: 'coordinator@demo.triage.test', jobTitle: 'Repeat removals coordinator', role: 'coordinator' },
  { agency: 'amh', name: 'Riley Mental-Health', email: 'mh@demo.triage.test', jobTitle: 'Perinatal mental health nurse', role: 'member' },
  { agency: 'sms', name: 'Jordan Recovery', email: 'sms@demo.triage.test', jobTitle: 'Drug and alcohol worker', role: 'member' },
  { agency: 'pol', name: 'Sam Constable', email: 'police@demo.triage.test', jobTitle: 'PPU detective sergeant', role: 'member' },
  { agency: 'hou', name: 'Taylor Housing', email: 'housing@demo.triage.test', jobTitle: 'Housing options officer', role: 'member' },
  { agency: 'adv', name: 'Jamie Advocate', email: 'advocate@demo.triage.test', jobTitle: 'Advocate', role: 'member' },
  { agency: 'adv', name: 'Quinn Observer', email: 'observer@demo.triage.test', jobTitle: 'Trainee advocate', role: 'observer' },
  // The programme's governance board: the series' outcome figures only, never its meetings or cases.
  { agency: 'cs', name: 'Glenys Governance', email: 'governance@demo.triage.test', jobTitle: 'Governance board member', role: 'observer', seriesRole: 'governance' },
  // Reads Triage Room in Welsh: every screen and email in Welsh, and coordinates the series, so can set its minutes to
  // Welsh or bilingual and download them (North Wales councils offer their records in both languages).
  { agency: 'adv', name: 'Eleri Prys', email: 'cymraeg@demo.triage.test', jobTitle: 'Advocacy coordinator (Welsh speaker)', role: 'coordinator', language: 'cy' },
];

/** The demo series' standing agenda: every new meeting of the series starts from it. */
export const demoTemplate: StoredStandingItem[] = [
  { kind: 'apologies', title: 'Apologies' },
  { kind: 'confidentiality', title: 'Confidentiality statement', text: defaultConfidentialityStatement },
  { kind: 'previous-minutes', title: 'Minutes of the last meeting' },
  { kind: 'matters-arising', title: 'Matters arising: open actions' },
  { kind: 'any-other-business', title: 'Any other business' },
];

/** This week's cases, listed between the standing items and any other business. */
export const demoCases: { kind: ItemKind; title: string; caseRef?: string; details?: Partial<CaseDetails> }[] = [
  { kind: 'new-referral', title: 'New referral: mother, 24, third pregnancy', caseRef: 'RR-2026-014', details: { referringAgency: 'Midwifery', riskLevel: 'high', childrenInvolved: true, consent: 'given', vulnerabilities: ['substance misuse', 'housing'], repeatReferral: true } },
  { kind: 'new-referral', title: 'New referral: mother, 31, two children in care', caseRef: 'RR-2026-015', details: { referringAgency: "Children's Services", riskLevel: 'medium', childrenInvolved: true, consent: 'not-sought', lawfulBasis: 'Safeguarding a child at risk of significant harm', vulnerabilities: ['mental health'] } },
  { kind: 'case-review', title: 'Review: housing and tenancy support', caseRef: 'RR-2026-009', details: { referringAgency: 'Housing Options', riskLevel: 'standard', childrenInvolved: false, consent: 'given', vulnerabilities: ['housing'] } },
  { kind: 'case-review', title: 'Review: engagement with recovery service', caseRef: 'RR-2026-011', details: { referringAgency: 'Substance Misuse Service', riskLevel: 'medium', childrenInvolved: false, consent: 'given', vulnerabilities: ['substance misuse'] } },
  { kind: 'new-referral', title: 'New referral: domestic abuse disclosure', caseRef: 'RR-2026-016', details: { referringAgency: 'Police Public Protection Unit', riskLevel: 'high', childrenInvolved: true, consent: 'refused', lawfulBasis: 'Prevention of serious harm (domestic abuse)', vulnerabilities: ['domestic abuse'] } },
];

const standingKind = (kind: StoredStandingItem['kind']): ItemKind => (kind === 'custom' ? 'standing' : kind);

/** This week's whole agenda in order: the template's items, the cases before any other business. */
export const demoAgenda: { kind: ItemKind; title: string; caseRef?: string }[] = [
  ...demoTemplate.slice(0, -1).map((t) => ({ kind: standingKind(t.kind), title: t.title })),
  ...demoCases,
  ...demoTemplate.slice(-1).map((t) => ({ kind: standingKind(t.kind), title: t.title })),
];

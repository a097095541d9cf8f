/**
 * What a case item carries besides its title: the facts the room triages on. Stored as plain fields of the item's
 * Y.Map, so two people editing different fields never clash; the same field is last-writer-wins.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

import { consentStatuses, riskLevels } from './domain.js';

// Defined once in domain; re-exported because the meeting screens import them from here.
export { consentStatuses, riskLevels, type ConsentStatus, type RiskLevel } from './domain.js';

export const caseDetailsSchema = lazySchema(() =>
  z.object({
    referringAgency: z.string().trim().max(120).nullable(),
    vulnerabilities: z.array(z.string().trim().min(1).max(60)).max(20),
    riskLevel: z.enum(riskLevels).nullable(),
    childrenInvolved: z.boolean().nullable(),
    consent: z.enum(consentStatuses).nullable(),
    /** Required in practice when consent was refused or not sought: why sharing is lawful anyway. */
    lawfulBasis: z.string().trim().max(500),
    repeatReferral: z.boolean(),
  }),
);
export type CaseDetails = z.infer<typeof caseDetailsSchema>;

export const emptyCaseDetails = (): CaseDetails => ({
  referringAgency: null,
  vulnerabilities: [],
  riskLevel: null,
  childrenInvolved: null,
  consent: null,
  lawfulBasis: '',
  repeatReferral: false,
});

/** The fields, in order (read from the empty details, so loading this module makes no schema). */
export const caseDetailFields = Object.keys(emptyCaseDetails()) as (keyof CaseDetails)[];

/** Reads each field on its own: one junk field from a broken peer falls back to empty, the rest survive. */
export function readCaseDetails(map: Y.Map<unknown>): CaseDetails {
  const details = emptyCaseDetails() as Record<string, unknown>;
  for (const field of caseDetailFields) {
    const parsed = caseDetailsSchema.shape[field].safeParse(map.get(field));
    if (parsed.success && map.has(field)) details[field] = parsed.data;
  }
  return details as CaseDetails;
}

/** Validates and writes only the fields given. Throws on invalid input, writing nothing. */
export function writeCaseDetails(map: Y.Map<unknown>, patch: Partial<CaseDetails>): void {
  const clean = caseDetailsSchema.partial().strict().parse(patch);
  const doc = map.doc;
  const write = () => {
    for (const [field, value] of Object.entries(clean)) map.set(field, value);
  };
  if (doc) doc.transact(write);
  else write();
}

/** MARAC practice: children involved and high risk first, then high, then medium with children, medium, standard. */
export function riskRank(details: CaseDetails): number {
  const risk = details.riskLevel === 'high' ? 0 : details.riskLevel === 'medium' ? 2 : details.riskLevel === 'standard' ? 4 : 6;
  return risk + (details.childrenInvolved ? 0 : 1);
}

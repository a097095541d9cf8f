/**
 * What a value in a meeting document may be: the fields of an agenda item, the reasons a change is refused (shown to
 * its writer), and the small shapes several rules share. Pure functions of a value; no document, no writer.
 */
import { itemKinds } from '../../shared/domain.js';
import { caseDetailsSchema } from '../../shared/case-details.js';
import { removedByKey, removedMarkerKey } from '../../shared/meeting-doc.js';
import { docLimits, limits, workLimits } from '../../shared/limits.js';

export const structureFields = new Set(['position', 'kind', 'caseRef']);
/**
 * Fields only the server writes (its own transactions are not checked here): whether a case is a repeat referral is
 * worked out from the case register's referral dates when a referral is accepted onto the agenda, never ticked.
 */
export const serverOnlyFields = new Set<string>(['repeatReferral']);
/** The soft delete's marker and its "by" (shared/meeting-doc.ts): setting or clearing either is structure. */
export const isRemovedMarker = (field: string) => field === removedMarkerKey || field === removedByKey;
const detailFields = new Set(Object.keys(caseDetailsSchema.shape));
export const actionFields = new Set(['what', 'owner', 'due', 'status', 'position']);
export const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export const positionLength = 128;

export const msg = {
  structure: 'Only the chair or coordinator can change the agenda’s order or items while the meeting is live',
  decision: 'Only the chair or coordinator can record the decision while the meeting is live',
  ownAgency: 'You can only write your own agency’s contribution',
  layout: 'That change is not part of a meeting document and was not kept',
  serverOnly: 'Whether a case is a repeat referral comes from its referrals, not from the agenda',
  owner: 'That owner is not part of this meeting: the action stays unassigned',
  apology: 'Apologies can only be recorded for people in this meeting',
  agendaFull: `An agenda holds at most ${limits.agendaItems} items`,
  actionsFull: `An item holds at most ${workLimits.actionsPerItem} actions`,
  apologiesFull: `At most ${docLimits.apologies} apologies can be recorded`,
  contributorsFull: 'This item has too many contributors',
  tooLong: (what: string, max: number) => `Too long: ${what} holds at most ${max.toLocaleString('en-GB')} characters`,
};

export const plainString = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;

/** An agenda item's field values, checked one by one. Returns a reason when the value may not stand. */
export function itemFieldProblem(field: string, value: unknown): string | null {
  if (value === undefined) return field === 'title' || field === 'kind' || field === 'position' ? msg.layout : null;
  if (field === 'title') return typeof value !== 'string' || value.trim() === '' ? msg.layout : value.length > limits.itemTitleLength ? msg.tooLong('an agenda item title', limits.itemTitleLength) : null;
  if (field === 'kind') return itemKinds.includes(value as never) ? null : msg.layout;
  if (field === 'position') return plainString(value, positionLength) ? null : msg.layout;
  if (field === 'caseRef') return value === null || plainString(value, limits.caseRefLength) ? null : msg.tooLong('a case reference', limits.caseRefLength);
  if (isRemovedMarker(field)) return value === null || typeof value === 'boolean' || typeof value === 'number' || plainString(value, docLimits.nameLength) ? null : msg.layout;
  if (detailFields.has(field)) return caseDetailsSchema.shape[field as keyof typeof caseDetailsSchema.shape].safeParse(value).success ? null : 'That case detail is not valid';
  return msg.layout;
}

/**
 * What a value in a meeting document may be: the fields of an agenda item, the reasons a change is refused (codes
 * the writer's screen words, shared/doc-refusals.ts), and the small shapes several rules share. Pure functions of a value; no document, no writer.
 */
import { itemKinds } from '../../shared/domain.js';
import { caseDetailFields, caseDetailsSchema } from '../../shared/case-details.js';
import { removedByKey, removedMarkerKey } from '../../shared/meeting-doc.js';
import { docLimits, limits } from '../../shared/limits.js';
import type { DocRefusal, TooLongField } from '../../shared/doc-refusals.js';

export const structureFields = new Set(['position', 'kind', 'caseRef']);
/**
 * Fields only the server writes (its own transactions are not checked here): whether a case is a repeat referral is
 * worked out from the case register's referral dates when a referral is accepted onto the agenda, never ticked.
 */
export const serverOnlyFields = new Set<string>(['repeatReferral']);
/** The soft delete's marker and its "by" (shared/meeting-doc.ts): setting or clearing either is structure. */
export const isRemovedMarker = (field: string) => field === removedMarkerKey || field === removedByKey;
const detailFields = new Set<string>(caseDetailFields);
export const actionFields = new Set(['what', 'owner', 'due', 'status', 'position']);
export const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export const positionLength = 128;

export const msg = {
  structure: 'structure',
  decision: 'decision',
  ownAgency: 'ownAgency',
  layout: 'layout',
  serverOnly: 'serverOnly',
  owner: 'owner',
  apology: 'apology',
  agendaFull: 'agendaFull',
  actionsFull: 'actionsFull',
  apologiesFull: 'apologiesFull',
  contributorsFull: 'contributorsFull',
  caseDetail: 'caseDetail',
  /** The cap is part of the words (shared/doc-refusals.ts `tooLongCaps`); the rules check against the same limits. */
  tooLong: (what: TooLongField, _max: number): DocRefusal => `tooLong.${what}`,
} satisfies Record<string, DocRefusal | ((what: TooLongField, max: number) => DocRefusal)>;

export const plainString = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;

/** An agenda item's field values, checked one by one. Returns a reason when the value may not stand. */
export function itemFieldProblem(field: string, value: unknown): DocRefusal | null {
  if (value === undefined) return field === 'title' || field === 'kind' || field === 'position' ? msg.layout : null;
  if (field === 'title') return typeof value !== 'string' || value.trim() === '' ? msg.layout : value.length > limits.itemTitleLength ? msg.tooLong('itemTitle', limits.itemTitleLength) : null;
  if (field === 'kind') return itemKinds.includes(value as never) ? null : msg.layout;
  if (field === 'position') return plainString(value, positionLength) ? null : msg.layout;
  if (field === 'caseRef') return value === null || plainString(value, limits.caseRefLength) ? null : msg.tooLong('caseRef', limits.caseRefLength);
  if (isRemovedMarker(field)) return value === null || typeof value === 'boolean' || typeof value === 'number' || plainString(value, docLimits.nameLength) ? null : msg.layout;
  if (detailFields.has(field)) return caseDetailsSchema.shape[field as keyof typeof caseDetailsSchema.shape].safeParse(value).success ? null : msg.caseDetail;
  return msg.layout;
}

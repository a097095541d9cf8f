/**
 * Why the server did not keep part of an edit to a meeting document, or why a document is read-only: sent as codes
 * (server/realtime) and put into words on the screen in the reader's language (shared/i18n/locales/<lang>/room.json,
 * `room:refused.*` and `room:readOnly.*`).
 */
import { docLimits, limits, workLimits } from './limits.js';

/** The texts with a length cap the document rules enforce, each with its cap. */
export const tooLongCaps = {
  itemTitle: limits.itemTitleLength,
  caseRef: limits.caseRefLength,
  notes: docLimits.notesPerItem,
  action: workLimits.actionTextLength,
  contribution: workLimits.contributionLength,
  decision: workLimits.decisionTextLength,
} as const;
export type TooLongField = keyof typeof tooLongCaps;

export type DocRefusal =
  | 'structure'
  | 'decision'
  | 'ownAgency'
  | 'layout'
  | 'serverOnly'
  | 'owner'
  | 'apology'
  | 'agendaFull'
  | 'actionsFull'
  | 'apologiesFull'
  | 'contributorsFull'
  | 'caseDetail'
  | 'unchecked'
  | 'docFull'
  | `tooLong.${TooLongField}`;

/** The number a refusal's words quote (its cap), or null. */
export function refusalLimit(code: DocRefusal): number | null {
  if (code === 'agendaFull') return limits.agendaItems;
  if (code === 'actionsFull') return workLimits.actionsPerItem;
  if (code === 'apologiesFull') return docLimits.apologies;
  if (code.startsWith('tooLong.')) return tooLongCaps[code.slice('tooLong.'.length) as TooLongField] ?? null;
  return null;
}

/** Why a connection may read but not write: a viewing role, the meeting has ended, or the person's role changed. */
export type ReadOnlyReason = 'viewOnly' | 'ended' | 'roleChanged';

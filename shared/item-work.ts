/**
 * The Yjs layout of the work done on one agenda item, beyond its notes: per-agency contributions, the decision and
 * the actions; plus the meeting's apologies.
 *
 * Texts two people may type into at once are Y.Text, never plain strings. A Y.Text that several peers might create
 * lazily (a contribution, a decision) is a top-level type keyed by item (and agency): top-level types exist on every
 * peer as soon as anyone asks, so two people starting the same text at once can never create two. An action's texts
 * are nested in its Y.Map instead: the action is created by one peer, texts and all, in one transaction.
 *
 * actions:<itemId>: Y.Map<actionId, Y.Map> ordered by fractional `position` (ties by id), like the agenda, so
 * concurrent reorders never duplicate or lose an action.
 */
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { actionStatuses, decisionOutcomes, type ActionStatus, type DecisionOutcome } from './minutes.js';
import { newId } from './ids.js';
import { isCaseKind, type ItemKind } from './domain.js';

import { workLimits } from './limits.js';

/** Kept here too for the editors that import it with the rest of the item's layout; the numbers live in limits. */
export { workLimits };

/** Items that carry contributions and a decision: case items, and any item given a case reference. */
export const takesDecision = (item: { kind: ItemKind; caseRef: string | null }): boolean => isCaseKind(item.kind) || item.caseRef !== null;

export interface PersonRef {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

// ---- Contributions -------------------------------------------------------------------------------------------

export const contributionParts = ['knows', 'risks', 'view'] as const;
export type ContributionPart = (typeof contributionParts)[number];
/** Each part's words are `domain:contributionPart.<part>`. */

export interface Contribution {
  agencyId: string;
  agencyName: string;
  /** Everyone who has written in this agency's contribution, in order of first edit. */
  authors: string[];
  /** Their person ids, in the same order: the minutes name authors from the records by these. */
  authorIds: string[];
  parts: Record<ContributionPart, string>;
}

/** Which agencies have a contribution on an item, and who wrote in it. */
const contributorsOf = (doc: Y.Doc, itemId: string) => doc.getMap<unknown>(`contributors:${itemId}`);
export const contributionText = (doc: Y.Doc, itemId: string, agencyId: string, part: ContributionPart): Y.Text =>
  doc.getText(`contribution:${itemId}:${agencyId}:${part}`);

/** Marks `author` as writing for their agency on this item (idempotent); call before their first keystroke lands. */
export function joinContribution(doc: Y.Doc, itemId: string, author: PersonRef): void {
  const contributors = contributorsOf(doc, itemId);
  doc.transact(() => {
    // The entry is a plain map of plain values: two peers creating it at once merge by key, nothing is lost.
    contributors.set(`${author.agencyId}/agency`, author.agencyName);
    if (!contributors.has(`${author.agencyId}/author/${author.id}`)) {
      contributors.set(`${author.agencyId}/author/${author.id}`, { name: author.name, at: Date.now() });
    }
  });
}

export function readContributions(doc: Y.Doc, itemId: string): Contribution[] {
  const byAgency = new Map<string, Contribution>();
  const authorsAt = new Map<string, { id: string; name: string; at: number }[]>();
  contributorsOf(doc, itemId).forEach((value, key) => {
    const [agencyId, field, personId] = key.split('/');
    if (!agencyId) return;
    const entry = byAgency.get(agencyId) ?? { agencyId, agencyName: agencyId, authors: [], authorIds: [], parts: { knows: '', risks: '', view: '' } };
    byAgency.set(agencyId, entry);
    const raw = value as unknown;
    if (field === 'agency' && typeof raw === 'string') entry.agencyName = raw;
    if (field === 'author' && raw && typeof raw === 'object') {
      const { name, at } = raw as { name?: unknown; at?: unknown };
      if (typeof name === 'string') authorsAt.set(agencyId, [...(authorsAt.get(agencyId) ?? []), { id: personId ?? '', name, at: typeof at === 'number' ? at : 0 }]);
    }
  });
  for (const entry of byAgency.values()) {
    const authors = (authorsAt.get(entry.agencyId) ?? []).sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
    entry.authors = authors.map((a) => a.name);
    entry.authorIds = authors.map((a) => a.id);
    for (const part of contributionParts) entry.parts[part] = contributionText(doc, itemId, entry.agencyId, part).toString();
  }
  return [...byAgency.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName));
}

// ---- Decision ------------------------------------------------------------------------------------------------

export interface DecisionDraft {
  outcome: DecisionOutcome | null;
  text: string;
  reasons: string;
}

const decisionMap = (doc: Y.Doc, itemId: string) => doc.getMap<unknown>(`decision:${itemId}`);
export const decisionText = (doc: Y.Doc, itemId: string, field: 'text' | 'reasons'): Y.Text => doc.getText(`decision:${itemId}:${field}`);

export function setDecisionOutcome(doc: Y.Doc, itemId: string, outcome: DecisionOutcome | null): void {
  decisionMap(doc, itemId).set('outcome', outcome);
}

export function readDecision(doc: Y.Doc, itemId: string): DecisionDraft {
  const outcome = decisionMap(doc, itemId).get('outcome');
  return {
    outcome: decisionOutcomes.includes(outcome as DecisionOutcome) ? (outcome as DecisionOutcome) : null,
    text: decisionText(doc, itemId, 'text').toString(),
    reasons: decisionText(doc, itemId, 'reasons').toString(),
  };
}

/** True when the room recorded anything for the decision (an outcome, or words). */
export const hasDecision = (d: DecisionDraft): boolean => d.outcome !== null || d.text.trim() !== '' || d.reasons.trim() !== '';

// ---- Actions -------------------------------------------------------------------------------------------------

export interface ActionDraft {
  id: string;
  what: string;
  owner: PersonRef | null;
  /** ISO date YYYY-MM-DD or null. */
  due: string | null;
  status: ActionStatus;
  position: string;
}

export const actionsOf = (doc: Y.Doc, itemId: string) => doc.getMap<Y.Map<unknown>>(`actions:${itemId}`);
export const actionWhatText = (doc: Y.Doc, itemId: string, actionId: string): Y.Text | null => {
  const what = actionsOf(doc, itemId).get(actionId)?.get('what');
  return what instanceof Y.Text ? what : null;
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function readOwner(raw: unknown): PersonRef | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.name === 'string' && typeof o.agencyId === 'string' && typeof o.agencyName === 'string'
    ? { id: o.id, name: o.name, agencyId: o.agencyId, agencyName: o.agencyName }
    : null;
}

function readAction(id: string, map: Y.Map<unknown>): ActionDraft | null {
  const what = map.get('what');
  const position = map.get('position');
  // Junk written by a broken or newer peer is skipped rather than crashing every reader.
  if (!(what instanceof Y.Text) || typeof position !== 'string') return null;
  const status = map.get('status');
  const due = map.get('due');
  return {
    id,
    what: what.toString(),
    owner: readOwner(map.get('owner')),
    due: typeof due === 'string' && isoDate.test(due) ? due : null,
    status: actionStatuses.includes(status as ActionStatus) ? (status as ActionStatus) : 'open',
    position,
  };
}

const byPosition = (a: ActionDraft, b: ActionDraft) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function readActions(doc: Y.Doc, itemId: string): ActionDraft[] {
  const out: ActionDraft[] = [];
  actionsOf(doc, itemId).forEach((map, id) => {
    const action = map instanceof Y.Map ? readAction(id, map) : null;
    if (action) out.push(action);
  });
  return out.sort(byPosition);
}

function positionAt(order: ActionDraft[], index: number): string {
  const before = index > 0 ? order[index - 1]?.position ?? null : null;
  const after = order[index]?.position ?? null;
  if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
  return generateKeyBetween(before, after);
}

export interface NewAction {
  what: string;
  owner?: PersonRef | null;
  due?: string | null;
}

export function addAction(doc: Y.Doc, itemId: string, input: NewAction): string {
  const order = readActions(doc, itemId);
  if (order.length >= workLimits.actionsPerItem) throw new Error(`An item holds at most ${workLimits.actionsPerItem} actions`);
  const what = input.what.trim().slice(0, workLimits.actionTextLength);
  if (!what) throw new Error('An action needs to say what is to be done');
  const id = newId();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('what', new Y.Text(what));
    map.set('owner', input.owner ?? null);
    map.set('due', input.due && isoDate.test(input.due) ? input.due : null);
    map.set('status', 'open');
    map.set('position', positionAt(order, order.length));
    actionsOf(doc, itemId).set(id, map);
  });
  return id;
}

export interface ActionPatch {
  owner?: PersonRef | null;
  due?: string | null;
  status?: ActionStatus;
}

export function updateAction(doc: Y.Doc, itemId: string, actionId: string, patch: ActionPatch): void {
  const map = actionsOf(doc, itemId).get(actionId);
  if (!map) return;
  doc.transact(() => {
    if (patch.owner !== undefined) map.set('owner', patch.owner);
    if (patch.due !== undefined) map.set('due', patch.due && isoDate.test(patch.due) ? patch.due : null);
    if (patch.status !== undefined && actionStatuses.includes(patch.status)) map.set('status', patch.status);
  });
}

export function removeAction(doc: Y.Doc, itemId: string, actionId: string): void {
  actionsOf(doc, itemId).delete(actionId);
}

/** Moves an action so it ends up at `toIndex` of the list as the mover sees it. */
export function moveAction(doc: Y.Doc, itemId: string, actionId: string, toIndex: number): void {
  const map = actionsOf(doc, itemId).get(actionId);
  if (!map) return;
  const others = readActions(doc, itemId).filter((a) => a.id !== actionId);
  map.set('position', positionAt(others, Math.max(0, Math.min(toIndex, others.length))));
}

// ---- Apologies -----------------------------------------------------------------------------------------------

export interface Apology {
  key: string;
  name: string;
  agencyName: string;
  personId: string | null;
}

const apologiesOf = (doc: Y.Doc) => doc.getMap<unknown>('apologies');

/** Records apologies for a known person (keyed by id, so adding them twice is harmless) or a named outsider. */
export function addApology(doc: Y.Doc, who: { personId?: string | null; name: string; agencyName: string }): string {
  const name = who.name.trim().slice(0, 120);
  if (!name) throw new Error('Apologies need a name');
  const key = who.personId ? `person:${who.personId}` : `other:${newId()}`;
  apologiesOf(doc).set(key, { name, agencyName: who.agencyName.trim().slice(0, 120), personId: who.personId ?? null });
  return key;
}

export const removeApology = (doc: Y.Doc, key: string): void => apologiesOf(doc).delete(key);

export function readApologies(doc: Y.Doc): Apology[] {
  const out: Apology[] = [];
  apologiesOf(doc).forEach((raw, key) => {
    if (!raw || typeof raw !== 'object') return;
    const o = raw as Record<string, unknown>;
    if (typeof o.name !== 'string') return;
    out.push({ key, name: o.name, agencyName: typeof o.agencyName === 'string' ? o.agencyName : '', personId: typeof o.personId === 'string' ? o.personId : null });
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

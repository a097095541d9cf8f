/**
 * The Yjs layout of one meeting, with typed helpers both ends use.
 *
 * agenda: Y.Map<itemId, Y.Map> — a map, not an array, so concurrent reorders can never duplicate or lose an item:
 * an item's place is its `position`, a fractional index; ties (two people inserting at the same gap) break by id.
 *
 * Removing an item is a soft delete: `removedAt` (epoch ms) and `removedBy` (a name) are set on the item's map, and
 * restoring deletes them. The item keeps its id, position, notes, decision and actions, so a restore brings all of it
 * back, and a removal racing an edit (or a restore) merges like any other key instead of losing the edit.
 */
import * as Y from 'yjs';
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import { itemKinds, isCaseKind, type ItemKind, type StandingItemKind } from './domain.js';
import { readCaseDetails, riskRank, writeCaseDetails, type CaseDetails } from './case-details.js';
import { limits, seriesLimits } from './limits.js';
import { newId } from './ids.js';

export interface AgendaItem {
  id: string;
  kind: ItemKind;
  title: string;
  caseRef: string | null;
  position: string;
  details: CaseDetails;
}

export type NewAgendaItem = Pick<AgendaItem, 'kind' | 'title'> & { caseRef?: string | null };

type ItemMap = Y.Map<unknown>;

/** The key whose presence on an item's map marks the item removed (server-side rules check for it by this name). */
export const removedMarkerKey = 'removedAt';
/** Who removed it, for the "Removed items" list. */
export const removedByKey = 'removedBy';

export interface RemovedAgendaItem extends AgendaItem {
  removedAt: number;
  removedBy: string;
}

const isRemoved = (map: ItemMap): boolean => map.get(removedMarkerKey) !== undefined && map.get(removedMarkerKey) !== null;

export const agendaOf = (doc: Y.Doc): Y.Map<ItemMap> => doc.getMap<ItemMap>('agenda');

function readItem(id: string, map: ItemMap): AgendaItem | null {
  const kind = map.get('kind');
  const title = map.get('title');
  const position = map.get('position');
  // A peer on a newer or broken client could write junk; skip it rather than crash every reader.
  if (typeof title !== 'string' || typeof position !== 'string') return null;
  if (!itemKinds.includes(kind as ItemKind)) return null;
  const caseRef = map.get('caseRef');
  return { id, kind: kind as ItemKind, title, caseRef: typeof caseRef === 'string' ? caseRef : null, position, details: readCaseDetails(map) };
}

const byPosition = (a: AgendaItem, b: AgendaItem) =>
  a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The agenda in meeting order (removed items left out). */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  const items: AgendaItem[] = [];
  agendaOf(doc).forEach((map, id) => {
    if (isRemoved(map)) return;
    const item = readItem(id, map);
    if (item) items.push(item);
  });
  return items.sort(byPosition);
}

/** Items removed during this meeting, most recently removed first. */
export function readRemovedItems(doc: Y.Doc): RemovedAgendaItem[] {
  const items: RemovedAgendaItem[] = [];
  agendaOf(doc).forEach((map, id) => {
    if (!isRemoved(map)) return;
    const item = readItem(id, map);
    const at = map.get(removedMarkerKey);
    const by = map.get(removedByKey);
    if (item) items.push({ ...item, removedAt: typeof at === 'number' ? at : 0, removedBy: typeof by === 'string' ? by : '' });
  });
  return items.sort((a, b) => b.removedAt - a.removedAt || byPosition(a, b));
}

function cleanTitle(title: string): string {
  const trimmed = title.trim().slice(0, limits.itemTitleLength);
  if (!trimmed) throw new Error('An agenda item needs a title');
  return trimmed;
}

/** A position strictly between the item at `index - 1` and the one at `index` of `order`. */
function positionAt(order: AgendaItem[], index: number): string {
  const before = index > 0 ? order[index - 1]?.position ?? null : null;
  const after = order[index]?.position ?? null;
  // Equal neighbours (a concurrent tie) leave no gap between them: place after the earlier one.
  if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
  return generateKeyBetween(before, after);
}

/** Adds an item at `index` (default: the end). Returns its id. */
export function addAgendaItem(doc: Y.Doc, input: NewAgendaItem, index?: number): string {
  const order = readAgenda(doc);
  if (order.length >= limits.agendaItems) throw new Error(`An agenda holds at most ${limits.agendaItems} items`);
  const id = newId();
  const map: ItemMap = new Y.Map();
  doc.transact(() => {
    map.set('kind', input.kind);
    map.set('title', cleanTitle(input.title));
    map.set('caseRef', input.caseRef?.trim() || null);
    map.set('position', positionAt(order, Math.min(index ?? order.length, order.length)));
    agendaOf(doc).set(id, map);
  });
  return id;
}

export function renameAgendaItem(doc: Y.Doc, id: string, title: string): void {
  const map = agendaOf(doc).get(id);
  if (!map) return;
  map.set('title', cleanTitle(title));
}

/** Marks an item removed (see the header); `by` is the remover's name, shown in "Removed items". */
export function removeAgendaItem(doc: Y.Doc, id: string, by = ''): void {
  const map = agendaOf(doc).get(id);
  if (!map || isRemoved(map)) return;
  doc.transact(() => {
    map.set(removedMarkerKey, Date.now());
    map.set(removedByKey, by.slice(0, limits.itemTitleLength));
  });
}

/** Puts a removed item back where it was, with its notes, decision and actions. */
export function restoreAgendaItem(doc: Y.Doc, id: string): void {
  const map = agendaOf(doc).get(id);
  if (!map || !isRemoved(map)) return;
  if (readAgenda(doc).length >= limits.agendaItems) throw new Error(`An agenda holds at most ${limits.agendaItems} items`);
  doc.transact(() => {
    map.delete(removedMarkerKey);
    map.delete(removedByKey);
  });
}

/** Moves an item so that it ends up at `toIndex` of the agenda as the mover sees it. */
export function moveAgendaItem(doc: Y.Doc, id: string, toIndex: number): void {
  const map = agendaOf(doc).get(id);
  if (!map) return;
  const others = readAgenda(doc).filter((item) => item.id !== id);
  const index = Math.max(0, Math.min(toIndex, others.length));
  map.set('position', positionAt(others, index));
}

/**
 * The discussion notes of one item: a top-level XmlFragment named `notes:<itemId>`. Top-level types exist on every
 * peer as soon as anyone asks for them, so two people opening an item's notes at once can never create two fragments.
 */
export const notesFragment = (doc: Y.Doc, itemId: string): Y.XmlFragment => doc.getXmlFragment(`notes:${itemId}`);

/** Fragment name of an item's notes in the chair's restricted document (a separate Y.Doc, never the shared one). */
export const restrictedNotesFragmentName = (itemId: string): string => `restricted:${itemId}`;

/** Appends a plain paragraph to an item's notes, as the notes editor would (seeds and tests write notes this way). */
export function appendNotesParagraph(doc: Y.Doc, itemId: string, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = notesFragment(doc, itemId);
  fragment.insert(fragment.length, [paragraph]);
}

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

function inlineText(node: XmlNode): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '\n';
    return node.toArray().map((child) => inlineText(child as XmlNode)).join('');
  }
  return '';
}

function collectBlocks(node: XmlNode, out: string[]): void {
  if (!(node instanceof Y.XmlElement)) return;
  const children = node.toArray() as XmlNode[];
  // A textblock (paragraph, heading, code block) holds text; containers (lists, quotes) hold other blocks.
  const isTextblock = children.length === 0 || children.some((c) => c instanceof Y.XmlText || (c instanceof Y.XmlElement && c.nodeName === 'hardBreak'));
  if (isTextblock) out.push(inlineText(node));
  else for (const child of children) collectBlocks(child, out);
}

/** The notes of one item as plain-text paragraphs, in order (list items and quotes are flattened to their paragraphs). */
export function notesPlainText(doc: Y.Doc, itemId: string): string[] {
  const out: string[] = [];
  for (const node of notesFragment(doc, itemId).toArray()) collectBlocks(node as XmlNode, out);
  return out;
}

export function updateCaseDetails(doc: Y.Doc, id: string, patch: Partial<CaseDetails>): void {
  const map = agendaOf(doc).get(id);
  if (map) writeCaseDetails(map, patch);
}

/**
 * "Order by risk": case items sorted by risk rank (stable) into the places case items hold now; every other item
 * (apologies, confidentiality, matters arising, minutes of the last meeting, any other business) stays where it is.
 */
export function orderByRisk(doc: Y.Doc): void {
  const order = readAgenda(doc);
  const cases = order
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => isCaseKind(item.kind));
  if (cases.length < 2) return;
  const sorted = [...cases].sort((a, b) => riskRank(a.item.details) - riskRank(b.item.details) || a.index - b.index).map(({ item }) => item);
  const wanted = [...order];
  cases.forEach(({ index }, n) => (wanted[index] = sorted[n]));
  const positions = order.map((i) => i.position);
  const distinct = positions.every((p, i) => i === 0 || positions[i - 1] < p);
  // Reusing today's positions moves only case items; after a concurrent tie there is no gap to reuse, so renumber.
  const keys = distinct ? positions : generateNKeysBetween(null, null, order.length);
  doc.transact(() =>
    wanted.forEach((item, i) => {
      if (item.position !== keys[i]) agendaOf(doc).get(item.id)?.set('position', keys[i]);
    }),
  );
}

/** Which agenda item kind each standing item of a series template becomes. */
const standingToItemKind: Record<StandingItemKind, ItemKind> = {
  apologies: 'apologies',
  confidentiality: 'confidentiality',
  'previous-minutes': 'previous-minutes',
  'matters-arising': 'matters-arising',
  'any-other-business': 'any-other-business',
  custom: 'standing',
};

/**
 * Starts a new meeting's agenda from its series' template, in the template's order. The confidentiality statement's
 * own wording travels with its item (`text`), so a later change to the template does not rewrite past meetings.
 * Matters arising and the minutes of the last meeting are filled when shown (from the open actions and the previous
 * meeting's minutes), so they are current on the day rather than on the day the meeting was scheduled.
 */
export function startAgendaFromTemplate(doc: Y.Doc, template: readonly { kind: StandingItemKind; title: string; text?: string }[]): string[] {
  if (readAgenda(doc).length > 0) return [];
  const keys = generateNKeysBetween(null, null, template.length);
  const ids: string[] = [];
  doc.transact(() => {
    template.forEach((standing, i) => {
      const id = newId();
      const map: ItemMap = new Y.Map();
      map.set('kind', standingToItemKind[standing.kind]);
      map.set('title', cleanTitle(standing.title));
      map.set('caseRef', null);
      map.set('position', keys[i]);
      if (standing.text) map.set('text', standing.text.slice(0, seriesLimits.standingTextLength));
      agendaOf(doc).set(id, map);
      ids.push(id);
    });
  });
  return ids;
}

/** The wording a standing item carries from the template (the confidentiality statement), or null. */
export function standingText(doc: Y.Doc, itemId: string): string | null {
  const text = agendaOf(doc).get(itemId)?.get('text');
  return typeof text === 'string' ? text : null;
}

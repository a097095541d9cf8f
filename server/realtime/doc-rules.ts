/**
 * The rules of a meeting document, kept by the server on every update a client sends.
 *
 * How (and why this way). A Yjs update cannot simply be refused: its sender has already applied it, and every later
 * update of that client builds on its clocks, so dropping one would leave the sender diverged for good and stall
 * everything it sends afterwards. Instead the room applies the update in a transaction whose origin is the
 * connection, and `DocGuard.check` runs in that transaction's `afterTransaction` (before Yjs garbage-collects what
 * the transaction deleted, so deleted content can still be restored). It walks exactly the structs the transaction
 * inserted (the clock ranges between its before- and after-state) and deleted (its delete set), maps each to its
 * place in the layout (root name and keys down to it: shared/meeting-doc.ts, shared/item-work.ts) and checks the
 * place against the writer's role and agency and the caps in shared/limits.ts. Most updates (a keystroke in notes)
 * touch one or two structs and pass: no undo machinery is built. A forbidden change is reverted by Yjs's own undo:
 * a `Y.UndoManager` is created for that moment, given one stack item holding only the forbidden structs (not the
 * honest rest of the same update), undone and destroyed. The revert is an ordinary update from the server's client
 * id, so the room stores and broadcasts it together with the offending update in the same tick: every peer,
 * offender included, converges on the allowed state, and nobody else ever sees the forbidden one.
 *
 * What the rules are (the writer is the authenticated person on the connection, never a field the client sets):
 * - contributions (`contributors:<item>`, `contribution:<item>:<agency>:<part>`) only under the writer's own agency,
 *   author entries only for the writer, with the writer's own name;
 * - agenda structure (adding, removing, `position`, kind, case reference, the removed marker) and decisions
 *   (`decision:<item>` outcome, text, reasons) belong, once the meeting is live, to the roles the policy gives
 *   `editAgenda` and `decide` (chair and coordinator); before it opens the agenda and draft decisions are
 *   preparation every editor may do (observers never write, ended meetings are read-only for all);
 * - every text, value and list has a cap (shared/limits.ts); action owners and apologising people must be
 *   participants of the meeting, as the records know them (a forged owner is dropped: the action stays unassigned);
 * - roots outside the layout are inert (nothing reads them) and only count towards the document's size cap, which
 *   DocRoom keeps; subdocuments are refused everywhere.
 */
import * as Y from 'yjs';
import type { MeetingStatus } from '../../shared/domain.js';
import { itemKinds } from '../../shared/domain.js';
import { caseDetailsSchema } from '../../shared/case-details.js';
import { removedByKey, removedMarkerKey } from '../../shared/meeting-doc.js';
import { contributionParts } from '../../shared/item-work.js';
import { actionStatuses, decisionOutcomes } from '../../shared/minutes.js';
import { docLimits, limits, workLimits } from '../../shared/limits.js';
import { roleMay, type MeetingRole } from '../policies/index.js';

/** The authenticated person writing on a connection, from the server's records at the upgrade. */
export interface DocWriter {
  personId: string;
  name: string;
  agencyId: string;
  agencyName: string;
  role: MeetingRole;
}

export interface Participant {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

/** What the rules need from outside the document; asked only when a change needs it (never per keystroke). */
export interface DocRulesContext {
  meetingStatus(): MeetingStatus;
  /** The person if they take part in this meeting (series member, guest or chair), else null. */
  participant(personId: string): Participant | null;
}

type Key = string | null;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type; its events are never read here
type AnyType = Y.AbstractType<any>;
/** One place a change lands: a key of a map, or (key null) the content of a list/text. Reverts happen per place. */
interface Place {
  type: AnyType;
  key: Key;
}

const structureFields = new Set(['position', 'kind', 'caseRef']);
/**
 * Fields only the server writes (its own transactions are not checked here): whether a case is a repeat referral is
 * worked out from the case register's referral dates when a referral is accepted onto the agenda, never ticked.
 */
const serverOnlyFields = new Set<string>(['repeatReferral']);
/** The soft delete's marker and its "by" (shared/meeting-doc.ts): setting or clearing either is structure. */
const isRemovedMarker = (field: string) => field === removedMarkerKey || field === removedByKey;
const detailFields = new Set(Object.keys(caseDetailsSchema.shape));
const actionFields = new Set(['what', 'owner', 'due', 'status', 'position']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const positionLength = 128;

const msg = {
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

const rootNames = new WeakMap<Y.Doc, Map<AnyType, string>>();

/** The root name of a top-level type; the cache is refilled when a new root appears. */
function rootNameOf(doc: Y.Doc, type: AnyType): string | null {
  let names = rootNames.get(doc);
  if (!names) rootNames.set(doc, (names = new Map()));
  let name = names.get(type);
  if (name === undefined) {
    for (const [key, value] of doc.share) names.set(value as AnyType, key);
    name = names.get(type);
  }
  return name ?? null;
}

/** What one item adds to a notes fragment's size (a nested element counts 1; its own items count separately). */
function contentSize(item: Y.Item): number {
  const content = item.content;
  const key = item.parentSub?.length ?? 0;
  if (content instanceof Y.ContentString) return key + content.str.length;
  if (content instanceof Y.ContentType) return key + 1;
  if (content instanceof Y.ContentFormat) return content.key.length + JSON.stringify(content.value ?? null).length;
  if (content instanceof Y.ContentBinary) return key + content.content.length;
  return key + JSON.stringify(content.getContent()).length;
}

/** Characters (and formatting, attributes, embeds, nested elements) in a notes fragment: a walk of its live items. */
function richSize(type: AnyType): number {
  let size = 0;
  type._map.forEach((item) => {
    if (!item.deleted) size += contentSize(item);
  });
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    size += contentSize(item);
    if (item.content instanceof Y.ContentType) size += richSize(item.content.type as AnyType);
  }
  return size;
}

const rootTypes = {
  map: Y.Map,
  text: Y.Text,
  fragment: Y.XmlFragment,
} as const;

/** The layout's type for a root name, or null for a root outside the layout. */
function layoutTypeOf(prefix: string, parts: number): keyof typeof rootTypes | null {
  if (prefix === 'agenda' || prefix === 'apologies' || prefix === 'contributors' || prefix === 'actions') return 'map';
  if (prefix === 'decision') return parts === 1 ? 'map' : 'text';
  if (prefix === 'contribution') return 'text';
  if (prefix === 'notes' || prefix === 'restricted') return 'fragment';
  return null;
}

/** The layout's type of a root (`agenda`, `notes:<item>`…), or null for a name outside it. */
export const layoutRootType = (name: string): keyof typeof rootTypes | null => {
  const [prefix, ...rest] = name.split(':');
  return layoutTypeOf(prefix, rest.length);
};

/** Makes a layout root an instance of its type (Yjs turns the untyped root into it in place). False if it cannot be. */
function typedRoot(doc: Y.Doc, name: string, prefix: string, parts: number): boolean {
  const kind = layoutTypeOf(prefix, parts);
  if (kind === null || doc.share.get(name) instanceof rootTypes[kind]) return true;
  try {
    if (kind === 'map') doc.getMap(name);
    else if (kind === 'text') doc.getText(name);
    else doc.getXmlFragment(name);
    return true;
  } catch {
    return false;
  }
}

const plainString = (value: unknown, max: number): boolean => typeof value === 'string' && value.length <= max;

/** The item's field values, checked one by one. Returns a reason when the value may not stand. */
function itemFieldProblem(field: string, value: unknown): string | null {
  if (value === undefined) return field === 'title' || field === 'kind' || field === 'position' ? msg.layout : null;
  if (field === 'title') return typeof value !== 'string' || value.trim() === '' ? msg.layout : value.length > limits.itemTitleLength ? msg.tooLong('an agenda item title', limits.itemTitleLength) : null;
  if (field === 'kind') return itemKinds.includes(value as never) ? null : msg.layout;
  if (field === 'position') return plainString(value, positionLength) ? null : msg.layout;
  if (field === 'caseRef') return value === null || plainString(value, limits.caseRefLength) ? null : msg.tooLong('a case reference', limits.caseRefLength);
  if (isRemovedMarker(field)) return value === null || typeof value === 'boolean' || typeof value === 'number' || plainString(value, docLimits.nameLength) ? null : msg.layout;
  if (detailFields.has(field)) return caseDetailsSchema.shape[field as keyof typeof caseDetailsSchema.shape].safeParse(value).success ? null : 'That case detail is not valid';
  return msg.layout;
}

/** Checks one transaction of one writer. Built once per room; `check` is called in every client transaction. */
export class DocGuard {
  /**
   * Per notes fragment, an upper bound of its size: measured once, then grown by what each transaction inserts.
   * Walking a long fragment on every keystroke would cost ~70 µs at 1,000 paragraphs; the walk happens only when
   * the bound passes the cap (and then resets it to the exact size).
   */
  readonly notesBound = new WeakMap<AnyType, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly context: DocRulesContext,
  ) {}

  /**
   * Checks what `tr` (applied from `writer`'s connection) changed, and reverts what the writer may not do.
   * Returns the reasons (empty when everything stands). Must be called from the doc's `afterTransaction`.
   */
  check(tr: Y.Transaction, writer: DocWriter): string[] {
    const run = new CheckRun(this.doc, this.context, tr, writer, this.notesBound);
    forEachInserted(tr, (item) => run.visit(item, true));
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item) run.visit(struct, false);
    });
    const failed = run.evaluate();
    if (failed.size === 0) return [];
    revert(this.doc, tr, (item) => insidePlaces(item, failed));
    return [...new Set([...failed.values()].flatMap((keys) => [...keys.values()]))];
  }

  /** Reverts everything `tr` did. */
  revertAll(tr: Y.Transaction): void {
    revert(this.doc, tr, () => true);
  }

  /** Reverts everything `tr` inserted (the document is full); what it deleted stays deleted. */
  revertInsertions(tr: Y.Transaction): void {
    revert(this.doc, tr, () => true, false);
  }
}

/** Calls `f` for every item `tr` inserted, in clock order per client. */
function forEachInserted(tr: Y.Transaction, f: (item: Y.Item) => void): void {
  tr.afterState.forEach((after, client) => {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) return;
    const structs = tr.doc.store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i].id.clock < after; i++) {
      const struct = structs[i];
      if (struct instanceof Y.Item) f(struct);
    }
  });
}

/** True when `item` lies in one of `places` (a map key's value and everything under it, or a list's content). */
function insidePlaces(item: Y.Item, places: Map<AnyType, Map<Key, string>>): boolean {
  for (let it: Y.Item | null = item; it !== null; ) {
    const parent = it.parent as AnyType;
    const keys = places.get(parent);
    if (keys && (keys.has(null) || keys.has(it.parentSub))) return true;
    it = parent._item;
  }
  return false;
}

/**
 * Undoes the structs of `tr` that `select` picks, with Yjs's UndoManager, as one stack item built here (so honest
 * changes in the same transaction stay). Runs inside `tr`'s afterTransaction: deleted content is not collected yet.
 */
function revert(doc: Y.Doc, tr: Y.Transaction, select: (item: Y.Item) => boolean, restoreDeleted = true): void {
  const insertions = Y.createDeleteSet();
  const deletions = Y.createDeleteSet();
  const add = (set: typeof insertions, item: Y.Item) => {
    const ranges = set.clients.get(item.id.client) ?? [];
    const last = ranges[ranges.length - 1];
    if (last && last.clock + last.len === item.id.clock) last.len += item.length;
    else ranges.push({ clock: item.id.clock, len: item.length } as (typeof ranges)[number]);
    set.clients.set(item.id.client, ranges);
  };
  forEachInserted(tr, (item) => select(item) && add(insertions, item));
  if (restoreDeleted) {
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (struct instanceof Y.Item && select(struct)) add(deletions, struct);
    });
  }
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set(), captureTimeout: 0 });
  try {
    undo.undoStack.push({ insertions, deletions, meta: new Map() } as unknown as (typeof undo.undoStack)[number]);
    undo.undo();
  } finally {
    undo.destroy();
  }
}

/** The checks of one transaction: visit every changed struct, then evaluate each place once. */
class CheckRun {
  /** Place → reason it failed at once (e.g. a subdocument), or checks to run on the state after the transaction. */
  private readonly places = new Map<AnyType, Map<Key, { fail: string | null; checks: Map<string, () => string | null> }>>();
  private status: MeetingStatus | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly context: DocRulesContext,
    private readonly tr: Y.Transaction,
    private readonly writer: DocWriter,
    private readonly notesBound: WeakMap<AnyType, number>,
  ) {}
  /** What this transaction inserted into each notes fragment. */
  private readonly notesGrowth = new Map<AnyType, number>();

  private place({ type, key }: Place) {
    let keys = this.places.get(type);
    if (!keys) this.places.set(type, (keys = new Map()));
    let entry = keys.get(key);
    if (!entry) keys.set(key, (entry = { fail: null, checks: new Map() }));
    return entry;
  }

  private fail(place: Place, reason: string): void {
    this.place(place).fail ??= reason;
  }

  /** Adds a check (once per name per place) run on the state after the transaction. */
  private require(place: Place, name: string, check: () => string | null): void {
    const checks = this.place(place).checks;
    if (!checks.has(name)) checks.set(name, check);
  }

  private isNew(type: AnyType): boolean {
    const item = type._item;
    return item !== null && item.id.clock >= (this.tr.beforeState.get(item.id.client) ?? 0);
  }

  /** Before the meeting opens every editor prepares; once live, only the roles the policy names. */
  private mayLive(action: 'editAgenda' | 'decide'): boolean {
    if (roleMay(this.writer.role, action)) return true;
    this.status ??= this.context.meetingStatus();
    return this.status === 'scheduled';
  }

  evaluate(): Map<AnyType, Map<Key, string>> {
    const failed = new Map<AnyType, Map<Key, string>>();
    for (const [type, keys] of this.places) {
      for (const [key, entry] of keys) {
        let reason = entry.fail;
        if (reason === null) for (const check of entry.checks.values()) if ((reason = check()) !== null) break;
        if (reason === null) continue;
        let out = failed.get(type);
        if (!out) failed.set(type, (out = new Map()));
        out.set(key, reason);
      }
    }
    return failed;
  }

  /** Maps one inserted or deleted item to its place in the layout and registers what must hold there. */
  visit(item: Y.Item, inserted: boolean): void {
    let top = item;
    for (let parent: unknown = top.parent; parent instanceof Y.AbstractType && parent._item; parent = top.parent) top = parent._item;
    if (!(top.parent instanceof Y.AbstractType)) return;
    const name = rootNameOf(this.doc, top.parent as AnyType);
    if (name === null) return;
    const [prefix, ...rest] = name.split(':');
    // A root a remote update created is untyped until someone asks for it by its type: ask as the layout says.
    if (!typedRoot(this.doc, name, prefix, rest.length)) return this.fail({ type: top.parent as AnyType, key: top.parentSub }, msg.layout);
    // Path from the root down to the item: chain[0] is the root's entry, chain[n] the item's own place.
    const chain: Place[] = [];
    for (let it: Y.Item | null = item; it !== null; ) {
      const parent: unknown = it.parent;
      if (!(parent instanceof Y.AbstractType)) return;
      chain.push({ type: parent as AnyType, key: it.parentSub });
      it = parent._item;
    }
    chain.reverse();
    // Removing a map or element removes what it holds as well: only the removal itself is judged.
    if (chain.some(({ type }) => type._item?.deleted)) return;
    const own = chain[chain.length - 1];
    if (item.content instanceof Y.ContentDoc) return this.fail(own, msg.layout);
    // A map entry holds one value; more in one struct would be stored but never read.
    if (inserted && item.parentSub !== null && item.length !== 1) return this.fail(own, msg.layout);
    const root = chain[0].type;
    switch (prefix) {
      case 'agenda':
        return rest.length === 0 ? this.agenda(chain) : this.fail(chain[0], msg.layout);
      case 'notes':
      case 'restricted':
        return rest.length === 1 ? this.notes(chain[0], root, item, inserted) : this.fail(chain[0], msg.layout);
      case 'contributors':
        return rest.length === 1 ? this.contributors(chain) : this.fail(chain[0], msg.layout);
      case 'contribution':
        return rest.length === 3 ? this.contribution(chain, rest[1], rest[2], item, inserted) : this.fail(chain[0], msg.layout);
      case 'decision':
        return rest.length === 1 || (rest.length === 2 && (rest[1] === 'text' || rest[1] === 'reasons')) ? this.decision(chain, rest.length === 2, item, inserted) : this.fail(chain[0], msg.layout);
      case 'actions':
        return rest.length === 1 ? this.actions(chain, item, inserted) : this.fail(chain[0], msg.layout);
      case 'apologies':
        return rest.length === 0 ? this.apologies(chain) : this.fail(chain[0], msg.layout);
      default:
        return; // inert: nothing reads it; the document's size cap bounds it
    }
  }

  /** A text that holds plain characters only, up to `max`. */
  private plainText(place: Place, text: AnyType, item: Y.Item, inserted: boolean, what: string, max: number): void {
    if (place.key !== null) return this.fail(place, msg.layout);
    if (!(text instanceof Y.Text)) return this.fail(place, msg.layout);
    if (!inserted) return; // deleting is always allowed, even from a text over its cap
    if (!(item.content instanceof Y.ContentString)) return this.fail(place, msg.layout);
    this.require(place, 'length', () => (text.length > max ? msg.tooLong(what, max) : null));
  }

  private agenda(chain: Place[]): void {
    const agenda = chain[0].type;
    const entry = chain[0];
    if (entry.key === null) return this.fail(entry, msg.layout);
    if (chain.length === 1) {
      // Adding, replacing or removing an agenda item: structure.
      this.require(entry, 'structure', () => (this.mayLive('editAgenda') ? null : msg.structure));
      this.require(entry, 'item', () => {
        const value = (agenda as unknown as Y.Map<unknown>).get(entry.key!);
        if (value === undefined) return null;
        if (!(value instanceof Y.Map)) return msg.layout;
        if ((agenda as unknown as Y.Map<unknown>).size > limits.agendaItems) return msg.agendaFull;
        for (const field of new Set(['title', 'kind', 'position', ...value.keys()])) {
          if (serverOnlyFields.has(field) && value.get(field) !== false) return msg.serverOnly;
          const problem = itemFieldProblem(field, value.get(field));
          if (problem) return problem;
        }
        return null;
      });
      return;
    }
    const itemMap = chain[1].type;
    // Fields written while the item is created are part of adding it: checked above, as one.
    if (this.isNew(itemMap)) return;
    const field = chain[1];
    if (chain.length > 2 || field.key === null) return this.fail(field, msg.layout);
    const name = field.key;
    if (serverOnlyFields.has(name)) return this.fail(field, msg.serverOnly);
    if (structureFields.has(name) || isRemovedMarker(name)) this.require(field, 'structure', () => (this.mayLive('editAgenda') ? null : msg.structure));
    // "Removed by" names the person removing it: the writer, never a name the client picks.
    if (name === removedByKey) this.require(field, 'remover', () => [undefined, null, '', this.writer.name].includes((itemMap as unknown as Y.Map<unknown>).get(name) as string) ? null : msg.layout);
    this.require(field, 'value', () => itemFieldProblem(name, (itemMap as unknown as Y.Map<unknown>).get(name)));
  }

  private notes(place: Place, fragment: AnyType, item: Y.Item, inserted: boolean): void {
    if (!(fragment instanceof Y.XmlFragment)) return this.fail(place, msg.layout);
    if (!inserted) return;
    this.notesGrowth.set(fragment, (this.notesGrowth.get(fragment) ?? 0) + contentSize(item));
    this.require({ type: fragment, key: null }, 'size', () => {
      const known = this.notesBound.get(fragment);
      let bound = known === undefined ? richSize(fragment) : known + (this.notesGrowth.get(fragment) ?? 0);
      if (bound > docLimits.notesPerItem && known !== undefined) bound = richSize(fragment);
      if (bound > docLimits.notesPerItem) {
        this.notesBound.delete(fragment); // reverted now: measure afresh next time
        return msg.tooLong('the notes of one item', docLimits.notesPerItem);
      }
      this.notesBound.set(fragment, bound);
      return null;
    });
  }

  private contributors(chain: Place[]): void {
    const entry = chain[0];
    if (chain.length > 1 || entry.key === null) return this.fail(chain[chain.length - 1], msg.layout);
    const key = entry.key;
    const map = entry.type as unknown as Y.Map<unknown>;
    const [agencyId, field, personId, ...extra] = key.split('/');
    this.require(entry, 'writer', () => {
      if (agencyId !== this.writer.agencyId) return msg.ownAgency;
      const value = map.get(key);
      if (field === 'agency' && personId === undefined) return value === undefined || value === this.writer.agencyName ? null : msg.ownAgency;
      if (field === 'author' && extra.length === 0 && personId === this.writer.personId) {
        if (value === undefined) return null;
        const v = value as { name?: unknown; at?: unknown } | null;
        return v && typeof v === 'object' && v.name === this.writer.name && typeof v.at === 'number' && Object.keys(v).length === 2 ? null : msg.ownAgency;
      }
      return msg.ownAgency;
    });
    this.require(entry, 'count', () => (map.has(key) && map.size > docLimits.contributorsPerItem ? msg.contributorsFull : null));
  }

  private contribution(chain: Place[], agencyId: string, part: string, item: Y.Item, inserted: boolean): void {
    const place = chain[0];
    if (chain.length > 1 || !contributionParts.includes(part as never)) return this.fail(chain[chain.length - 1], msg.layout);
    if (agencyId !== this.writer.agencyId) return this.fail(place, msg.ownAgency);
    this.plainText(place, place.type, item, inserted, 'a contribution', workLimits.contributionLength);
  }

  private decision(chain: Place[], isText: boolean, item: Y.Item, inserted: boolean): void {
    const place = chain[0];
    if (chain.length > 1) return this.fail(chain[chain.length - 1], msg.layout);
    this.require(place, 'decider', () => (this.mayLive('decide') ? null : msg.decision));
    if (isText) return this.plainText(place, place.type, item, inserted, 'a decision', workLimits.decisionTextLength);
    if (place.key !== 'outcome') return this.fail(place, msg.layout);
    const map = place.type as unknown as Y.Map<unknown>;
    this.require(place, 'value', () => {
      const value = map.get('outcome');
      return value === undefined || value === null || decisionOutcomes.includes(value as never) ? null : msg.layout;
    });
  }

  /** An owner or apologising person: null, or someone in this meeting exactly as the records name them. */
  private personProblem(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'object') return msg.owner;
    const o = value as Record<string, unknown>;
    if (typeof o.id !== 'string' || o.id.length > docLimits.keyLength || JSON.stringify(o).length > 1024) return msg.owner;
    const p = this.context.participant(o.id);
    return p && p.agencyId === o.agencyId && p.name === o.name && p.agencyName === o.agencyName ? null : msg.owner;
  }

  private actionFieldProblem(action: Y.Map<unknown>, field: string): string | null {
    const value = action.get(field);
    switch (field) {
      case 'what':
        if (!(value instanceof Y.Text)) return msg.layout;
        if (value.length > workLimits.actionTextLength) return msg.tooLong('an action', workLimits.actionTextLength);
        return value.toDelta().every((op: { insert?: unknown; attributes?: unknown }) => typeof op.insert === 'string' && !op.attributes) ? null : msg.layout;
      case 'owner':
        return this.personProblem(value);
      case 'due':
        return value === null || value === undefined || (typeof value === 'string' && isoDate.test(value)) ? null : msg.layout;
      case 'status':
        return value === undefined || actionStatuses.includes(value as never) ? null : msg.layout;
      case 'position':
        return value === undefined || plainString(value, positionLength) ? null : msg.layout;
      default:
        return msg.layout;
    }
  }

  private actions(chain: Place[], item: Y.Item, inserted: boolean): void {
    const list = chain[0].type as unknown as Y.Map<unknown>;
    const entry = chain[0];
    if (entry.key === null) return this.fail(entry, msg.layout);
    if (chain.length === 1) {
      this.require(entry, 'action', () => {
        const action = list.get(entry.key!);
        if (action === undefined) return null;
        if (!(action instanceof Y.Map)) return msg.layout;
        if (list.size > workLimits.actionsPerItem) return msg.actionsFull;
        if (!(action.get('what') instanceof Y.Text) || typeof action.get('position') !== 'string') return msg.layout;
        for (const field of action.keys()) {
          // A forged owner on a new action drops the owner only (below): the action itself is honest work.
          if (field === 'owner') continue;
          const problem = this.actionFieldProblem(action, field);
          if (problem) return problem;
        }
        return null;
      });
    }
    if (chain.length === 1) return;
    const action = chain[1].type as unknown as Y.Map<unknown>;
    const field = chain[1];
    if (field.key === null || !actionFields.has(field.key)) return this.fail(field, msg.layout);
    const name = field.key;
    if (chain.length === 2) {
      if (this.isNew(chain[1].type) && name !== 'owner') return;
      this.require(field, 'value', () => this.actionFieldProblem(action, name));
      return;
    }
    // Characters of an action's `what` text.
    if (name !== 'what' || chain.length > 3) return this.fail(field, msg.layout);
    if (this.isNew(chain[1].type)) return;
    this.plainText(chain[2], chain[2].type, item, inserted, 'an action', workLimits.actionTextLength);
  }

  private apologies(chain: Place[]): void {
    const entry = chain[0];
    if (chain.length > 1 || entry.key === null) return this.fail(chain[chain.length - 1], msg.layout);
    const map = entry.type as unknown as Y.Map<unknown>;
    const key = entry.key;
    this.require(entry, 'value', () => {
      const value = map.get(key);
      if (value === undefined) return null;
      if (map.size > docLimits.apologies) return msg.apologiesFull;
      if (!value || typeof value !== 'object') return msg.layout;
      const o = value as Record<string, unknown>;
      if (Object.keys(o).length !== 3 || !plainString(o.name, docLimits.nameLength) || !plainString(o.agencyName, docLimits.nameLength) || !(o.name as string).trim()) return msg.layout;
      if (key.startsWith('person:')) {
        const id = key.slice('person:'.length);
        if (o.personId !== id) return msg.apology;
        const p = this.context.participant(id);
        return p && p.name === o.name && p.agencyName === o.agencyName ? null : msg.apology;
      }
      return key.startsWith('other:') && key.length <= docLimits.keyLength && o.personId === null ? null : msg.layout;
    });
  }
}

/**
 * The checks of one client transaction against its writer (the rules themselves are listed in doc-rules.ts): every
 * struct it inserted or deleted is mapped to its place in the layout, the place collects what must hold there, and
 * each place is evaluated once on the state after the transaction.
 */
import * as Y from 'yjs';
import type { MeetingStatus } from '../../shared/domain.js';
import { contributionParts } from '../../shared/item-work.js';
import { actionStatuses, decisionOutcomes } from '../../shared/minutes.js';
import { docLimits, limits, workLimits } from '../../shared/limits.js';
import { roleMay } from '../policies/index.js';
import { removedByKey } from '../../shared/meeting-doc.js';
import { contentSize, richSize, rootNameOf, typedRoot, type AnyType, type Key, type Place } from './doc-layout.js';
import { actionFields, isoDate, isRemovedMarker, itemFieldProblem, msg, plainString, positionLength, serverOnlyFields, structureFields } from './doc-field-rules.js';
import type { DocRulesContext, DocWriter } from './doc-rules.js';
import type { TooLongField } from '../../shared/doc-refusals.js';

/** The checks of one transaction: visit every changed struct, then evaluate each place once. */
export class CheckRun {
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
  private plainText(place: Place, text: AnyType, item: Y.Item, inserted: boolean, what: TooLongField, max: number): void {
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
        return msg.tooLong('notes', docLimits.notesPerItem);
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
    this.plainText(place, place.type, item, inserted, 'contribution', workLimits.contributionLength);
  }

  private decision(chain: Place[], isText: boolean, item: Y.Item, inserted: boolean): void {
    const place = chain[0];
    if (chain.length > 1) return this.fail(chain[chain.length - 1], msg.layout);
    this.require(place, 'decider', () => (this.mayLive('decide') ? null : msg.decision));
    if (isText) return this.plainText(place, place.type, item, inserted, 'decision', workLimits.decisionTextLength);
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
        if (value.length > workLimits.actionTextLength) return msg.tooLong('action', workLimits.actionTextLength);
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
    this.plainText(chain[2], chain[2].type, item, inserted, 'action', workLimits.actionTextLength);
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

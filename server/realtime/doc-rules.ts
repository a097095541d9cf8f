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
import type { MeetingRole } from '../policies/index.js';
import { layoutRootType, type AnyType } from './doc-layout.js';
import { forEachInserted, insidePlaces, revert } from './doc-revert.js';
import { CheckRun } from './doc-check-run.js';

export { layoutRootType };

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

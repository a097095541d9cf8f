/**
 * A room's document rules at work: every client transaction is checked against its writer (doc-rules.ts) and the
 * document against its size cap, inside the transaction's `afterTransaction`, so what may not stand is reverted in
 * the same tick and stored and broadcast with it. What was refused is kept for the sender.
 */
import * as Y from 'yjs';
import { docLimits } from '../../shared/limits.js';
import type { MeetingDocKind } from '../../shared/protocol.js';
import type { DocRefusal } from '../../shared/doc-refusals.js';
import type { Logger } from '../logger.js';
import { DocGuard, type DocRulesContext } from './doc-rules.js';
import type { RoomConnection } from './room-connection.js';

/** How often a full document may be measured again to see whether deletions made room. */
const fullRecheckMs = 5_000;

export class RoomRules {
  private readonly guard: DocGuard;
  /** Why the current client transaction was (partly) reverted, for its sender. */
  private refusals: DocRefusal[] = [];
  /** Bytes of the update being applied: the document's size bound grows by it. */
  private incomingBytes = 0;
  private full = false;
  private measuredAt = 0;

  constructor(
    private readonly doc: Y.Doc,
    context: DocRulesContext,
    /** An upper bound of the encoded document size (stored snapshot + every update since); measured exactly only past the cap. */
    private sizeBound: number,
    private readonly isConnection: (origin: unknown) => origin is RoomConnection,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly where: { meetingId: string; doc: MeetingDocKind },
  ) {
    this.guard = new DocGuard(doc, context);
    doc.on('afterTransaction', this.onAfterTransaction);
  }

  /** The next client update to be applied has this many bytes. */
  expect(bytes: number): void {
    this.incomingBytes = bytes;
  }

  /** Updates committed elsewhere (another process, a server command) were applied: the size bound grows by them. */
  storedElsewhere(bytes: number): void {
    this.sizeBound += bytes;
  }

  /** What was refused since last asked (each reason once), for the sender, or null. */
  takeRefusals(): DocRefusal[] | null {
    if (this.refusals.length === 0) return null;
    const reasons = [...new Set(this.refusals)];
    this.refusals = [];
    return reasons;
  }

  /** Every client transaction: its changes are checked against its writer, and the document's size against its cap. */
  private onAfterTransaction = (tr: Y.Transaction): void => {
    const conn = tr.origin;
    if (!this.isConnection(conn) || !conn.writer) return;
    try {
      // The rules answer with doc-field-rules' `msg` codes.
      this.refusals.push(...(this.guard.check(tr, conn.writer) as DocRefusal[]));
    } catch (err) {
      // A change the rules cannot judge is not kept: fail closed, whole transaction, and say so once in the log.
      this.logger.error({ ...this.where, conn: conn.id, err: (err as Error).message }, 'document rules failed; change reverted');
      this.guard.revertAll(tr);
      this.refusals.push('unchecked');
    }
    this.sizeBound += this.incomingBytes;
    this.incomingBytes = 0;
    let grew = false;
    tr.afterState.forEach((clock, client) => (grew ||= clock > (tr.beforeState.get(client) ?? 0)));
    if (!grew) return;
    const at = this.now();
    const limit = docLimits.meetingDocBytes - docLimits.meetingDocHeadroomBytes;
    if (this.full ? at - this.measuredAt >= fullRecheckMs : this.sizeBound > limit) {
      this.sizeBound = Y.encodeStateAsUpdate(this.doc).length;
      this.measuredAt = at;
      this.full = this.sizeBound > limit;
    }
    if (this.full) {
      this.guard.revertInsertions(tr);
      this.refusals.push('docFull');
    }
  };
}

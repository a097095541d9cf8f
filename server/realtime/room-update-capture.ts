/**
 * What each transaction changed in a room's document, as the update to store and broadcast, without Yjs encoding it
 * again where a client's own bytes already say it.
 *
 * For its 'update' listeners Yjs encodes every transaction's changes anew (the state vectors and the structs walked
 * again, an encoder, a copy): with one listener, applying one of the bench's updates costs about 11 µs, without any
 * about 6 (`test/bench/micro/update-capture.ts`). A client's update that integrated exactly as sent (its structs
 * from the document's clock for each of its clients up to where each now is, nothing left waiting, nothing before
 * or after it in the transaction) is already that update: the same structs, and a delete set that deletes the same
 * when applied to the same document (Yjs's own would list only what was not deleted yet and the deletions that
 * integrating makes, such as a map key's previous value, which every receiver makes itself). So the room stores and
 * broadcasts those bytes, as they were checked (update-check.ts), and listens to 'update' only for the other
 * transactions (server commands, reverts, stored updates, a client's update that did not integrate as sent): decided
 * in 'afterTransactionCleanup', which Yjs emits just before it looks for 'update' listeners, and undone in
 * 'afterAllTransactions'.
 */
import * as Y from 'yjs';
import type { CheckedUpdate } from './update-check.js';

interface Sent {
  origin: unknown;
  update: Uint8Array;
  checked: CheckedUpdate;
}

export class UpdateCapture {
  /** The client update being applied now, when its bytes may stand for its transaction. */
  private sent: Sent | null = null;
  /** What was emitted for it (a copy of its bytes) and the document's state before it, until the apply returns. */
  private told: { update: Uint8Array; before: Map<number, number> } | null = null;
  private listening = false;
  /** Transactions told by their client's bytes and by Yjs's encoding (tests, the bench). */
  readonly counts = { asSent: 0, encoded: 0 };

  constructor(
    private readonly doc: Y.Doc,
    private readonly emit: (update: Uint8Array, origin: unknown) => void,
    /** Puts `by` in place of `update`, emitted earlier in the same apply and not yet written or sent. */
    private readonly replace: (update: Uint8Array, by: Uint8Array) => void,
  ) {
    doc.on('afterTransactionCleanup', this.onCleanup);
    doc.on('afterAllTransactions', this.onAllDone);
  }

  /**
   * Runs `apply`, which applies `update` (checked, plain) as `origin`: its transaction is told by these bytes if it
   * integrates exactly as sent. Null `update`: told by Yjs's encoding whatever happens.
   */
  applying(origin: unknown, update: Uint8Array | null, checked: CheckedUpdate | null, apply: () => void): void {
    this.sent = update && checked?.plain ? { origin, update, checked } : null;
    try {
      apply();
    } catch (err) {
      // Yjs threw after the transaction's cleanup (the bytes were told then): what integrated may be less than they
      // say. Yjs's own encoding of everything since (the whole delete set: a superset, harmless) takes their place.
      const told = this.told;
      if (told) this.replace(told.update, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(told.before)));
      throw err;
    } finally {
      this.sent = null;
      this.told = null;
    }
  }

  private readonly onCleanup = (tr: Y.Transaction): void => {
    const sent = this.sent;
    if (sent !== null && tr.origin === sent.origin) {
      // Only the first transaction of the apply: any later one (a revert the rules made) is encoded by Yjs.
      this.sent = null;
      const moved = integratedAsSent(tr, sent.checked);
      if (moved >= 0) {
        this.counts.asSent++;
        if (moved > 0 || tr.deleteSet.clients.size > 0) {
          // A copy: the bytes are a view of the socket's read, which the pending update would otherwise keep.
          this.told = { update: sent.update.slice(), before: tr.beforeState };
          this.emit(this.told.update, sent.origin);
        }
        return;
      }
    }
    this.counts.encoded++;
    if (this.listening) return;
    this.listening = true;
    this.doc.on('update', this.emit);
  };

  private readonly onAllDone = (): void => {
    if (!this.listening) return;
    this.listening = false;
    this.doc.off('update', this.emit);
  };
}

/**
 * How many clients `tr` moved on, when it integrated exactly the structs of `checked` (each client's from where the
 * document stood to where it now stands, nothing left waiting, no other client moved); else -1.
 */
function integratedAsSent(tr: Y.Transaction, checked: CheckedUpdate): number {
  const store = tr.doc.store;
  if (store.pendingStructs !== null || store.pendingDs !== null) return -1;
  const { clients, ranges } = checked;
  let moving = 0;
  for (let i = 0; i < clients.length; i++) {
    const client = clients[i];
    const start = ranges[2 * i];
    const end = ranges[2 * i + 1];
    if ((tr.beforeState.get(client) ?? 0) !== start || (tr.afterState.get(client) ?? 0) !== end) return -1;
    if (end > start) moving++;
  }
  let moved = 0;
  tr.afterState.forEach((clock, client) => {
    if (clock !== (tr.beforeState.get(client) ?? 0)) moved++;
  });
  return moved === moving ? moved : -1;
}

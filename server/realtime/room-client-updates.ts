/**
 * Applying a client's update as its connection. Structs waiting for a missing dependency are kept per connection:
 * parked in the document's shared store they could integrate later inside another person's transaction, and be
 * judged by that person's rights (the origin the rules check, in `onAfterTransaction`).
 */
import * as Y from 'yjs';
import { closeCodes } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { RoomConnection } from './room-connection.js';
import type { RoomRules } from './room-rules.js';
import type { UpdateCapture } from './room-update-capture.js';
import type { CheckedUpdate } from './update-check.js';

type Parked = { structs: Y.Doc['store']['pendingStructs']; ds: Y.Doc['store']['pendingDs'] };

export class ClientUpdates {
  /** Updates whose dependencies have not arrived, per connection, so they can only ever integrate as their sender's. */
  private readonly pendingOf = new Map<RoomConnection, Parked>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly rules: RoomRules | null,
    private readonly capture: UpdateCapture,
  ) {}

  forget(conn: RoomConnection): void {
    this.pendingOf.delete(conn);
  }

  /**
   * Applies `update` (as `checkUpdate` read it) with `conn` as its origin, with that connection's parked structs (and
   * only those) in the store. Without parked structs its own bytes may stand for what it changed (room-update-capture.ts).
   */
  applyFrom(conn: RoomConnection, update: Uint8Array, checked: CheckedUpdate): void {
    const store = this.doc.store;
    const parked = this.pendingOf.get(conn);
    store.pendingStructs = parked?.structs ?? null;
    store.pendingDs = parked?.ds ?? null;
    this.rules?.expect(update.length);
    try {
      this.capture.applying(conn, parked ? null : update, checked, () => Y.applyUpdate(this.doc, update, conn));
    } finally {
      const waiting = store.pendingStructs || store.pendingDs ? { structs: store.pendingStructs, ds: store.pendingDs } : null;
      store.pendingStructs = null;
      store.pendingDs = null;
      if (waiting) this.pendingOf.set(conn, waiting);
      else this.pendingOf.delete(conn);
      if (waiting && (waiting.structs?.update.length ?? 0) + (waiting.ds?.length ?? 0) > limits.yjsMaxPayload) {
        this.pendingOf.delete(conn);
        conn.close(closeCodes.frameTooLarge, 'too-many-pending-updates');
      }
    }
  }
}

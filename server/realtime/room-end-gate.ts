/**
 * A room's side of ending a meeting: while the end is under way client updates are held (kept aside, neither applied
 * nor stored nor acknowledged), so the document the minutes are written from cannot change before the freeze,
 * however long the end's commit takes; once frozen, client updates are refused for good.
 */
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import { limits } from '../../shared/limits.js';
import type { RoomConnection } from './room-connection.js';

export interface HeldUpdate {
  conn: RoomConnection;
  update: Uint8Array;
}

export class RoomEndGate {
  /** Why the room refuses client updates for good (the meeting ended); null while it takes them. */
  private frozenReason: ReadOnlyReason | null = null;
  /** Client updates that arrived while the meeting was being ended, in arrival order; null when not held. */
  private held: HeldUpdate[] | null = null;
  /** Ends under way (two chairs' tabs may end at once): updates stay held until the last one is released. */
  private holds = 0;
  /** Bytes held per connection: the end may wait on locks and the pool, so what one editor can park is capped. */
  private readonly heldBytes = new Map<RoomConnection, number>();

  get frozen(): ReadOnlyReason | null {
    return this.frozenReason;
  }

  get holding(): boolean {
    return this.held !== null;
  }

  hold(): void {
    this.holds += 1;
    this.held ??= [];
  }

  /**
   * Keeps a client update aside until the end settles (call only while `holding`). False when it would take the
   * connection past `limits.heldUpdateBytesPerConnection`: nothing of that connection's stays held, and the caller
   * closes it.
   */
  keep(conn: RoomConnection, update: Uint8Array): boolean {
    if (!this.held) return true;
    const bytes = (this.heldBytes.get(conn) ?? 0) + update.byteLength;
    if (bytes > limits.heldUpdateBytesPerConnection) {
      this.drop(conn);
      return false;
    }
    this.heldBytes.set(conn, bytes);
    this.held.push({ conn, update: update.slice() });
    return true;
  }

  /** The connection left (or was closed): what it had held is never applied. */
  drop(conn: RoomConnection): void {
    if (!this.heldBytes.delete(conn) || !this.held) return;
    this.held = this.held.filter((h) => h.conn !== conn);
  }

  /** One end settled without ending: once no end is under way, the held updates are handed back, in order. */
  release(): HeldUpdate[] {
    this.holds = Math.max(0, this.holds - 1);
    if (this.holds > 0) return [];
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes.clear();
    return held;
  }

  /** The meeting ended: what was held came after the end and is dropped; from now on updates are refused. */
  freeze(reason: ReadOnlyReason): void {
    this.frozenReason = reason;
    this.held = null;
    this.heldBytes.clear();
    this.holds = 0;
  }
}

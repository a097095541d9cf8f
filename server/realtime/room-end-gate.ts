/**
 * A room's side of ending a meeting: while the end is under way client updates are held (kept aside, neither applied
 * nor stored nor acknowledged), so the document the minutes are written from cannot change before the freeze,
 * however long the end's commit takes; once frozen, client updates are refused for good.
 */
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
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

  /** Keeps a client update aside until the end settles (call only while `holding`). */
  keep(conn: RoomConnection, update: Uint8Array): void {
    this.held?.push({ conn, update: update.slice() });
  }

  /** One end settled without ending: once no end is under way, the held updates are handed back, in order. */
  release(): HeldUpdate[] {
    this.holds = Math.max(0, this.holds - 1);
    if (this.holds > 0) return [];
    const held = this.held ?? [];
    this.held = null;
    return held;
  }

  /** The meeting ended: what was held came after the end and is dropped; from now on updates are refused. */
  freeze(reason: ReadOnlyReason): void {
    this.frozenReason = reason;
    this.held = null;
    this.holds = 0;
  }
}

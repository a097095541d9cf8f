/**
 * A room's presence (Yjs awareness): which connection speaks for which Yjs client ids, the flood bucket of each, and
 * the relay of every change to everyone in the room. What a frame may say is presence.ts's `sanitisePresence`.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { yMessage } from '../../shared/protocol.js';
import { PresenceBucket, sanitisePresence, type PresenceClaims } from './presence.js';
import { SharedMessage, sendToAll, type RoomConnection } from './room-connection.js';
import { encodeMessage } from './yjs-messages.js';

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Every connection in the room, with the Yjs client ids whose presence it speaks for. */
  private readonly held = new Map<RoomConnection, Set<number>>();
  private readonly holder = new Map<number, RoomConnection>();
  private readonly buckets = new Map<RoomConnection, PresenceBucket>();
  private readonly claims: PresenceClaims = {
    holderOf: (id) => this.holder.get(id),
    personOf: (c) => (c as RoomConnection).writer?.personId,
    heldBy: (c) => this.held.get(c as RoomConnection) ?? new Set(),
    claim: (id, c) => {
      // Taken over from another connection of the same person: that one no longer speaks for (or removes) it.
      const previous = this.holder.get(id);
      if (previous && previous !== c) this.held.get(previous)?.delete(id);
      this.holder.set(id, c as RoomConnection);
      this.held.get(c as RoomConnection)?.add(id);
    },
  };

  constructor(
    doc: Y.Doc,
    private readonly now: () => number,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** A new connection gets everyone's presence, if anyone has one. */
  add(conn: RoomConnection): void {
    this.held.set(conn, new Set());
    if (this.awareness.getStates().size > 0) this.sendAll(conn);
  }

  remove(conn: RoomConnection): void {
    const ids = this.held.get(conn);
    this.held.delete(conn);
    this.buckets.delete(conn);
    for (const id of ids ?? []) if (this.holder.get(id) === conn) this.holder.delete(id);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(ids), null);
  }

  /** Everyone's presence, to one connection (its query, or its arrival). */
  sendAll(conn: RoomConnection): void {
    const states = Array.from(this.awareness.getStates().keys());
    conn.send(encodeMessage(yMessage.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states))));
  }

  /** One awareness frame from `conn`: rate-limited, rebuilt with the server's identity, then applied and relayed. */
  handle(conn: RoomConnection, update: Uint8Array): void {
    let bucket = this.buckets.get(conn);
    if (!bucket) this.buckets.set(conn, (bucket = new PresenceBucket(this.now)));
    if (!bucket.take()) return; // a flood: the client renews its presence every 15 s anyway
    const clean = sanitisePresence(update, conn, conn.writer, this.claims);
    if (clean) awarenessProtocol.applyAwarenessUpdate(this.awareness, clean, conn);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changed = added.concat(updated, removed);
    const owned = this.held.get(origin as RoomConnection);
    if (owned) {
      // Ids are claimed in `handle`; one its holder removed may be claimed again.
      for (const id of removed) {
        owned.delete(id);
        if (this.holder.get(id) === origin) this.holder.delete(id);
      }
    }
    // Sent to the sender too: y-websocket treats silence for 30 s as a dead link.
    const message = encodeMessage(yMessage.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
    sendToAll(this.held.keys(), new SharedMessage(message));
  };
}

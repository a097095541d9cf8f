/**
 * How a room sends what it has to its connections: a tick's committed updates as one message, and status lines
 * ("not saving", "saving again") to everyone.
 */
import * as Y from 'yjs';
import type { YjsStatusMessage } from '../../shared/protocol.js';
import type { JournalSegment } from '../db/update-journal.js';
import { SharedMessage, sendToAll, type RoomConnection } from './room-connection.js';
import { statusMessage } from './yjs-messages.js';

/** An update applied to the room's document, with the connection it came from (null: the server, another process). */
export interface Pending {
  update: Uint8Array;
  origin: RoomConnection | null;
  /** The journal file it was written to before being broadcast early (update-journal.ts); unset: not yet sent. */
  journal?: JournalSegment;
}

/**
 * Sends a tick's updates as ONE message per receiving connection, the same buffer for all: the updates merged and
 * encoded once. A sender whose tick also holds others' updates gets that buffer too, its own updates included:
 * Yjs skips structs it already has, and one merge per tick costs far less than one per sender (see
 * test/bench/micro/broadcast.ts). A sender with nothing new to learn gets nothing, as before.
 */
export function broadcastUpdates(conns: Iterable<RoomConnection>, batch: readonly Pending[]): void {
  const senders = new Set<RoomConnection>();
  for (const { origin } of batch) if (origin) senders.add(origin);
  const update = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((p) => p.update));
  const onlySender = senders.size === 1 && batch.every((p) => p.origin !== null) ? (senders.values().next().value ?? null) : null;
  sendToAll(conns, SharedMessage.syncUpdate(update), onlySender);
}

export function broadcastStatus(conns: Iterable<RoomConnection>, status: YjsStatusMessage): void {
  sendToAll(conns, new SharedMessage(statusMessage(status)));
}

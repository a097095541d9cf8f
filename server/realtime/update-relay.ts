/**
 * How one process tells the others about Yjs updates it has committed, and hears theirs (docs/scale-out.md).
 * One process alone: `localOnly`, which relays nothing. With TRIAGE_REDIS_URL: Redis Streams (server/realtime/redis-relay.ts).
 *
 * The contract both sides keep:
 * - The write path calls `publish` only AFTER the updates are committed to storage, with the last sequence number
 *   the commit returned for that document; never for an update that was not stored.
 * - The relay calls the handler given to `start` for updates another process committed; the host applies them to
 *   its copy of the document (if loaded) and sends them to its own clients WITHOUT storing them again.
 * - Redis only relays: if it is down, or a gap in sequence numbers is seen, the host catches up from storage
 *   (`MeetingDocStore.load`, or the rows after the last sequence it has) — nothing depends on the relay delivering.
 */
import type { MeetingDocKind } from '../../shared/protocol.js';

export interface RelayedUpdates {
  meetingId: string;
  doc: MeetingDocKind;
  updates: Uint8Array[];
  /** The sequence number of the last of `updates` in the document's log. */
  lastSeq: number;
}

export interface UpdateRelay {
  /** After commit: relay these committed updates to the other processes (fire and forget; never throws). */
  publish(batch: RelayedUpdates): void;
  /**
   * Starts hearing the other processes' committed updates. `onMissed`: the relay may have missed some (Redis was
   * unreachable, entries were trimmed or lost before this process read them, a publisher had to drop batches), so the
   * host should catch every loaded document up from storage. Never rejects for an unreachable relay: it keeps trying.
   */
  start(onRemote: (batch: RelayedUpdates) => void, onMissed?: () => void): Promise<void>;
  stop(): Promise<void>;
}

/** A single process: nothing to relay, nothing to hear. */
export const localOnly: UpdateRelay = {
  publish: () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
};

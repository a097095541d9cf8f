/**
 * One SQLite transaction per event-loop tick across ALL rooms. Each room that got updates in this tick asks to be
 * written; at the end of the tick (setImmediate) the batcher appends every such room's pending updates in one
 * transaction (a commit costs ~100 µs here, most of an update's cost), and only after it has committed does it let
 * each room broadcast and send "saved". So the promise "appended before broadcast / before saved" still holds.
 *
 * When the storage refuses the write (SQLITE_BUSY past the busy timeout, SQLITE_FULL, an I/O error) every room
 * would fail the same way, so nothing is retried room by room: each room is told (its editors see "save failed;
 * retrying"), keeps its updates pending, and the whole batch, with whatever arrived meanwhile, is tried again
 * after `retryMs`. One attempt per second whatever the number of rooms, because each attempt against a locked
 * database blocks the event loop for the busy timeout. Any other failure may be one room's own (bad data): then each
 * room is written on its own, so one room's failure never holds back the others.
 */
import type { DocumentAppend, MeetingDocsRepo } from '../db/meeting-docs-repo.js';
import { storageFaultOf } from '../errors.js';
import type { Logger } from '../logger.js';

export interface BatchedWriter {
  /** Asks for the room's pending updates to be written at the end of this tick (or at the next retry). */
  schedule(room: WritableRoom): void;
}

export interface WritableRoom {
  /** What to write now: the room's pending updates (empty: nothing to do). */
  pendingAppend(): DocumentAppend | null;
  /** The pending updates read by `pendingAppend` are committed up to `lastSeq`: broadcast them and say saved. */
  afterWrite(lastSeq: number): void;
  /** The storage refused the write; the updates stay pending and the batcher will retry. */
  writeFailed(err: unknown): void;
  /** Writes the room's pending updates by itself (with its own failure handling). */
  flush(): boolean;
}

export const writeRetryMs = 1000;

export class WriteBatcher implements BatchedWriter {
  private readonly dirty = new Set<WritableRoom>();
  private timer: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: Pick<MeetingDocsRepo, 'appendMany'>,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
    private readonly retryMs = writeRetryMs,
  ) {}

  schedule(room: WritableRoom): void {
    this.dirty.add(room);
    // While a storage fault is being retried, new updates wait for that retry instead of hitting the fault again.
    if (!this.retryTimer) this.timer ??= setImmediate(() => this.flushSafely());
  }

  /** Stops the timers (the host is closing; whatever is still pending is the rooms' to save or report). */
  close(): void {
    if (this.timer) clearImmediate(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
  }

  /** True while the storage is refusing writes and a retry is scheduled. */
  get retrying(): boolean {
    return this.retryTimer !== null;
  }

  /** Runs from a timer: nothing may escape it (it would stop the process). */
  private flushSafely(): void {
    try {
      this.flush();
    } catch (err) {
      this.logger?.error({ err: (err as Error).message }, 'writing the update batch failed');
    }
  }

  /** Writes every scheduled room now. Synchronous: no update can arrive between the read and the commit. */
  flush(): void {
    if (this.timer) clearImmediate(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
    const rooms: WritableRoom[] = [];
    const batches: DocumentAppend[] = [];
    for (const room of this.dirty) {
      const batch = room.pendingAppend();
      if (batch) {
        rooms.push(room);
        batches.push(batch);
      }
    }
    this.dirty.clear();
    if (rooms.length === 0) return;
    let lastSeqs: number[];
    try {
      lastSeqs = this.repo.appendMany(batches, this.now());
    } catch (err) {
      if (storageFaultOf(err)) {
        for (const room of rooms) {
          this.dirty.add(room);
          this.tell(room, () => room.writeFailed(err));
        }
        this.retryTimer = setTimeout(() => this.flushSafely(), this.retryMs);
        this.retryTimer.unref();
        return;
      }
      for (const room of rooms) this.tell(room, () => room.flush());
      return;
    }
    rooms.forEach((room, i) => this.tell(room, () => room.afterWrite(lastSeqs[i])));
  }

  /** One room's trouble (a throwing connection, say) must not stop the others hearing about their write. */
  private tell(room: WritableRoom, call: () => void): void {
    try {
      call();
    } catch (err) {
      this.logger?.error({ err: (err as Error).message, meetingId: room.pendingAppend()?.meetingId }, 'a room failed after its write');
    }
  }
}

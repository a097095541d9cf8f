/**
 * One commit per event-loop tick across ALL rooms (per `commitDelayMs` with the update journal), through the
 * engine-neutral store (SQLite or PostgreSQL), with ONE commit in flight at a time. Each room that got updates asks
 * to be written; at the end of the tick (setImmediate) the batcher takes every such room's pending updates and calls `appendMany` once. Updates arriving while that
 * commit is in flight stay pending in their rooms and go in the next batch, started as soon as this one settles.
 * Only once the commit has resolved does each room broadcast those updates and send "saved" (promise kept: stored
 * before anyone else sees it); then the committed updates go to the relay (the other processes, docs/scale-out.md).
 *
 * When the storage refuses the write (a storage fault: SQLITE_BUSY past the busy timeout, SQLITE_FULL, PostgreSQL
 * unreachable…) every room would fail the same way, so nothing is retried room by room: each room is told (its
 * editors see "save failed; retrying"), keeps its updates pending, and the whole batch, with whatever arrived
 * meanwhile, is tried again after `retryMs`. Any other failure may be one room's own (bad data): then each room of
 * the batch is written on its own, so one room's failure never holds back the others; a room that still fails keeps
 * its updates and joins a batch again after `retryMs`.
 */
import type { AppendResult, DocumentAppend, MeetingDocStore } from '../db/stores/meeting-docs.js';
import { storageFaultOf } from '../errors.js';
import type { Logger } from '../logger.js';

export interface BatchedWriter {
  /** Asks for the room's pending updates to be written at the end of this tick (or in the next batch). */
  schedule(room: WritableRoom): void;
  /** Writes everything scheduled now (after the commit in flight); true when nothing is left unsaved. */
  flush(): Promise<boolean>;
}

export interface WritableRoom {
  /** Takes the room's pending updates into the commit about to start (null: nothing to write). */
  takeBatch(): DocumentAppend | null;
  /** The taken updates are committed up to `lastSeq`: broadcast them and say saved. */
  afterWrite(lastSeq: number): void;
  /** The commit failed: the taken updates are pending again, and the batcher will retry. */
  writeFailed(err: unknown): void;
  /** The store refused the taken updates because the meeting has ended (another process ended it): none is stored. */
  writeRefused(): void;
  readonly meetingId: string;
}

export interface WriteBatcherOptions {
  now?: () => number;
  logger?: Logger;
  retryMs?: number;
  /** After each commit, with the batches and their last sequence numbers (the host relays them). */
  onCommitted?: (batches: readonly DocumentAppend[], lastSeqs: readonly number[]) => void;
  /**
   * Start a batch this long after the first update asks for it instead of at the end of the tick: with the update
   * journal nobody waits for the commit but "saved", and one commit per 10 ms instead of one per tick cut the server's
   * CPU at 20 updates/s by a tenth (fewer WAL frames, syncs and checkpoints); per 50 ms, the commits' share of the
   * CPU at 5 updates/s fell from 5 % to 2 % (perf samples, README). 0: the end of the tick.
   */
  commitDelayMs?: number;
}

/** How long journalled updates wait for their commit at most (see `commitDelayMs`). */
export const journalledCommitDelayMs = 50;

export const writeRetryMs = 1000;

export class WriteBatcher implements BatchedWriter {
  private readonly dirty = new Set<WritableRoom>();
  /** The next batch's start: at the end of the tick, or `commitDelayMs` later (one of the two at most). */
  private timer: NodeJS.Immediate | null = null;
  private delayTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Rooms whose write failed on its own (not a storage fault): retried after `retryMs` without holding up the rest. */
  private readonly failedAlone = new Set<WritableRoom>();
  private aloneTimer: NodeJS.Timeout | null = null;
  /** The one commit in flight (with what follows it: the rooms told, the relay fed). */
  private inFlight: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly retryMs: number;

  constructor(
    private readonly store: Pick<MeetingDocStore, 'appendMany'>,
    private readonly options: WriteBatcherOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.retryMs = options.retryMs ?? writeRetryMs;
  }

  schedule(room: WritableRoom): void {
    this.dirty.add(room);
    this.wake();
  }

  /** Starts a batch at the end of this tick (or `commitDelayMs` on), unless one is in flight (it starts the next) or a fault's retry waits. */
  private wake(): void {
    if (this.inFlight || this.retryTimer || this.timer || this.delayTimer) return;
    const delay = this.options.commitDelayMs ?? 0;
    if (delay > 0) this.delayTimer = setTimeout(() => this.start(), delay);
    else this.timer = setImmediate(() => this.start());
  }

  /** Stops the timers (the host is closing; whatever is still pending is the rooms' to report). */
  close(): void {
    if (this.timer) clearImmediate(this.timer);
    if (this.delayTimer) clearTimeout(this.delayTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.aloneTimer) clearTimeout(this.aloneTimer);
    this.timer = null;
    this.delayTimer = null;
    this.retryTimer = null;
    this.aloneTimer = null;
  }

  /** True while the storage is refusing writes and a retry is scheduled. */
  get retrying(): boolean {
    return this.retryTimer !== null;
  }

  async flush(): Promise<boolean> {
    if (this.inFlight) await this.inFlight;
    this.close();
    for (const room of this.failedAlone) this.dirty.add(room);
    this.failedAlone.clear();
    this.start();
    if (this.inFlight) await this.inFlight;
    return this.dirty.size === 0 && this.retryTimer === null && this.failedAlone.size === 0;
  }

  /** Takes every dirty room's pending updates into one commit. Synchronous up to the store call. */
  private start(): void {
    if (this.timer) clearImmediate(this.timer);
    if (this.delayTimer) clearTimeout(this.delayTimer);
    this.timer = null;
    this.delayTimer = null;
    if (this.inFlight) return;
    const rooms: WritableRoom[] = [];
    const batches: DocumentAppend[] = [];
    for (const room of this.dirty) {
      const batch = this.tell(room, () => room.takeBatch());
      if (batch) {
        rooms.push(room);
        batches.push(batch);
      }
    }
    this.dirty.clear();
    if (rooms.length === 0) return;
    this.inFlight = this.commit(rooms, batches)
      .catch((err: unknown) => this.options.logger?.error({ err: (err as Error).message }, 'writing the update batch failed'))
      .finally(() => {
        this.inFlight = null;
        if (this.dirty.size > 0) this.wake();
      });
  }

  private async commit(rooms: WritableRoom[], batches: DocumentAppend[]): Promise<void> {
    let lastSeqs: AppendResult[];
    try {
      lastSeqs = await this.store.appendMany(batches, this.now());
    } catch (err) {
      if (storageFaultOf(err)) {
        for (const room of rooms) this.failed(room, err);
        this.retryLater();
        return;
      }
      await this.oneByOne(rooms, batches);
      return;
    }
    this.committed(rooms, batches, lastSeqs);
  }

  /** A failure that may be one room's own: each room written by itself, the failing ones kept and retried. */
  private async oneByOne(rooms: WritableRoom[], batches: DocumentAppend[]): Promise<void> {
    for (const [i, room] of rooms.entries()) {
      try {
        const [lastSeq] = await this.store.appendMany([batches[i]], this.now());
        this.committed([room], [batches[i]], [lastSeq]);
      } catch (err) {
        this.failedAlone.add(room);
        this.tell(room, () => room.writeFailed(err));
      }
    }
    if (this.failedAlone.size > 0 && !this.aloneTimer) {
      this.aloneTimer = setTimeout(() => {
        this.aloneTimer = null;
        for (const room of this.failedAlone) this.dirty.add(room);
        this.failedAlone.clear();
        this.wake();
      }, this.retryMs);
      this.aloneTimer.unref();
    }
  }

  private committed(rooms: WritableRoom[], batches: DocumentAppend[], results: AppendResult[]): void {
    const stored: DocumentAppend[] = [];
    const lastSeqs: number[] = [];
    rooms.forEach((room, i) => {
      const lastSeq = results[i];
      if (lastSeq === null) return void this.tell(room, () => room.writeRefused());
      stored.push(batches[i]);
      lastSeqs.push(lastSeq);
      this.tell(room, () => room.afterWrite(lastSeq));
    });
    // Only what was stored is relayed: a refused batch reaches no one.
    if (stored.length === 0) return;
    try {
      this.options.onCommitted?.(stored, lastSeqs);
    } catch (err) {
      this.options.logger?.error({ err: (err as Error).message }, 'relaying committed updates failed');
    }
  }

  private failed(room: WritableRoom, err: unknown): void {
    this.dirty.add(room);
    this.tell(room, () => room.writeFailed(err));
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.start();
    }, this.retryMs);
    this.retryTimer.unref();
  }

  /** One room's trouble (a throwing connection, say) must not stop the others hearing about their write. */
  private tell<T>(room: WritableRoom, call: () => T): T | null {
    try {
      return call();
    } catch (err) {
      this.options.logger?.error({ err: (err as Error).message, meetingId: room.meetingId }, 'a room failed around its write');
      return null;
    }
  }
}

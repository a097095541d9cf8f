/**
 * One SQLite transaction per event-loop tick across ALL rooms. Each room that got updates in this tick asks to be
 * written; at the end of the tick (setImmediate) the batcher appends every such room's pending updates in one
 * transaction (a commit costs ~100 µs here, most of an update's cost), and only after it has committed does it let
 * each room broadcast and send "saved". So the promise "appended before broadcast / before saved" still holds.
 *
 * If the shared transaction fails, each room is written on its own instead, so one room's failure (and its
 * save-failed / retry handling in DocRoom) never holds back the others.
 */
import type { DocumentAppend, MeetingDocsRepo } from '../db/meeting-docs-repo.js';

export interface BatchedWriter {
  /** Asks for the room's pending updates to be written at the end of this tick. */
  schedule(room: WritableRoom): void;
}

export interface WritableRoom {
  /** What to write now: the room's pending updates (empty: nothing to do). */
  pendingAppend(): DocumentAppend | null;
  /** The pending updates read by `pendingAppend` are committed up to `lastSeq`: broadcast them and say saved. */
  afterWrite(lastSeq: number): void;
  /** Writes the room's pending updates by itself (with its own failure handling). */
  flush(): boolean;
}

export class WriteBatcher implements BatchedWriter {
  private readonly dirty = new Set<WritableRoom>();
  private timer: NodeJS.Immediate | null = null;

  constructor(
    private readonly repo: Pick<MeetingDocsRepo, 'appendMany'>,
    private readonly now: () => number = Date.now,
  ) {}

  schedule(room: WritableRoom): void {
    this.dirty.add(room);
    this.timer ??= setImmediate(() => this.flush());
  }

  /** Writes every scheduled room now. Synchronous: no update can arrive between the read and the commit. */
  flush(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
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
    } catch {
      for (const room of rooms) room.flush();
      return;
    }
    rooms.forEach((room, i) => room.afterWrite(lastSeqs[i]));
  }
}

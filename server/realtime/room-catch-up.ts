/**
 * A room's updates that are already stored (committed by a server command, by another process, or read back from
 * storage): applied to the document without being stored again, their effects sent on. The room remembers
 * `syncedSeq`, a log position up to which memory holds every row; when what arrives shows a gap (an update whose
 * dependencies never came), and before each compaction, it reads the rows after it from storage (`catchUp`).
 */
import * as Y from 'yjs';
import type { MeetingDocKind, MeetingDocStore } from '../db/stores/meeting-docs.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';
import type { RoomRules } from './room-rules.js';

export interface StoredUpdatesDeps {
  meetingId: string;
  kind: MeetingDocKind;
  doc: Y.Doc;
  store: MeetingDocStore;
  logger: Logger;
  rules: RoomRules | null;
  /** Sends the document changes the stored updates made to everyone in the room. */
  sendEffects(effects: Uint8Array[]): void;
  /** The room is closed: what was read is dropped. */
  closed(): boolean;
  /** A read from storage reached log row `lastSeq`. */
  heard(lastSeq: number): void;
}

export class StoredUpdates {
  /** Every log row up to here is in memory (advanced by loading and by reading from storage, never by guessing). */
  private syncedSeq: number;
  /** While applying updates that are already stored: they must not be stored twice; their effects are sent on. */
  private effects: Uint8Array[] | null = null;
  private catchingUp: Promise<void> | null = null;

  constructor(
    private readonly deps: StoredUpdatesDeps,
    loadedSeq: number,
  ) {
    this.syncedSeq = loadedSeq;
  }

  /** The log position up to which memory holds every row (a compaction snapshots up to here). */
  get synced(): number {
    return this.syncedSeq;
  }

  /** True when the document's update comes from applying stored updates (kept as an effect, not to be stored). */
  captured(update: Uint8Array): boolean {
    if (!this.effects) return false;
    this.effects.push(update);
    return true;
  }

  /** Applies stored updates and sends on their effects; true when some wait for a dependency (rows were missed). */
  apply(updates: readonly Uint8Array[]): boolean {
    const { doc, rules } = this.deps;
    const store = doc.store;
    const effects: Uint8Array[] = [];
    this.effects = effects;
    // The size cap's bound covers what other processes' clients wrote too.
    rules?.storedElsewhere(updates.reduce((n, u) => n + u.length, 0));
    let gap = false;
    try {
      for (const update of updates) Y.applyUpdate(doc, update, null);
    } finally {
      this.effects = null;
      // What waits for a missing row must not sit in the shared store (a client's update could complete it and be
      // judged by someone else's rights): dropped here, it comes back with the rows read from storage.
      if (store.pendingStructs || store.pendingDs) {
        gap = true;
        store.pendingStructs = null;
        store.pendingDs = null;
      }
    }
    if (effects.length > 0) this.deps.sendEffects(effects);
    return gap;
  }

  /**
   * Reads from storage every row after `syncedSeq` (and the snapshot, if a compaction folded rows after it) and
   * applies it: after this, memory holds every row up to the last one read. One read at a time per room.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.read(this.deps.store, true).finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /**
   * A catch-up whose read starts now, through `store` (ending a meeting reads through its own transaction's stores,
   * on that transaction's connection, after taking the documents' locks): one already under way may have read before the caller's moment, so this one
   * runs beside it rather than after it (on SQLite that one waits for the caller's transaction to finish; applying
   * a row twice is harmless). A failed read rejects: the end must not go on without rows it lacks.
   */
  catchUpNow(store: MeetingDocStore): Promise<void> {
    return this.read(store, false);
  }

  private read(store: MeetingDocStore, quiet: boolean): Promise<void> {
    const { meetingId, kind, logger } = this.deps;
    return (async () => {
      try {
        const missing = await store.readAfter(meetingId, kind, this.syncedSeq);
        if (this.deps.closed()) return;
        const updates = missing.snapshot ? [missing.snapshot, ...missing.updates] : missing.updates;
        this.apply(updates);
        this.syncedSeq = Math.max(this.syncedSeq, missing.lastSeq);
        this.deps.heard(missing.lastSeq);
      } catch (err) {
        if (!quiet) throw err;
        warnThrottled(logger, 'catching up from storage failed', { meetingId, doc: kind, err: (err as Error).message });
      }
    })();
  }
}

/**
 * The meeting document store, engine-neutral: the append-only log of accepted Yjs updates and its compacted
 * snapshots. Two implementations keep the same promises (test/contract/meeting-docs.test.ts runs both):
 * SQLite (server/db/sqlite/meeting-docs-store.ts, over the synchronous repository) and PostgreSQL
 * (server/db/pg/meeting-docs-store.ts).
 *
 * How the realtime write path uses it (server/realtime/write-batcher.ts, doc-room.ts): the write batcher keeps one
 * commit in flight at a time. At the end of a tick it takes every dirty room's pending updates and calls
 * `appendMany` once; updates arriving while that commit is in flight stay pending in their rooms
 * and go in the next batch, started when this one settles. Only when `appendMany` resolves does each room
 * broadcast those updates and send "saved" up to the returned sequence number; when it rejects with a storage fault
 * (`storageFaultOf`: PG_UNAVAILABLE, PG_BUSY, …) nothing of the batch is stored, nothing is broadcast, the rooms
 * say "not saving" and the whole batch is retried. A commit whose answer was lost (the connection died after
 * COMMIT was sent) may be retried and stored twice; Yjs ignores an update it already has, so a document loaded
 * from the log is still right.
 */
import type { MeetingDocKind } from '../schema.js';

export type { MeetingDocKind };

export interface DocumentAppend {
  meetingId: string;
  doc: MeetingDocKind;
  updates: readonly Uint8Array[];
}

/** A batch's last sequence number, or `refusedEnded` (null): the meeting had ended, nothing of the batch is stored. */
export type AppendResult = number | null;
export const refusedEnded = null;

/** A document as stored: the snapshot (null before the first compaction) plus every log row after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The last log row read (or the snapshot's, when no row follows it): compact up to here. */
  lastSeq: number;
}

export interface MeetingDocStore {
  /** The document as of one consistent moment: a compaction running meanwhile never hides a row from it. */
  load(meetingId: string, doc: MeetingDocKind): Promise<StoredDocument>;
  /**
   * What a reader that has every row up to `afterSeq` is missing, as of one consistent moment: the log rows after
   * it, and the snapshot too when a compaction has folded in rows after `afterSeq` (their rows are gone from the
   * log). `lastSeq` is the last row read (or `afterSeq` when nothing is newer). How a process catches up with rows
   * other processes committed (a gap in what the relay brought, a compaction).
   */
  readAfter(meetingId: string, doc: MeetingDocKind, afterSeq: number): Promise<StoredDocument>;
  /**
   * Appends every batch in ONE transaction and resolves, once committed, with each batch's last sequence number in
   * order. All or nothing: on any failure no update of any batch is stored. Within a document, sequence numbers
   * follow commit order, so a reader that saw row N has seen every earlier row of that document.
   *
   * A batch whose meeting has ended is refused: nothing of it is stored and its entry is null (`refusedEnded`). The
   * check is made once per batch, in the append's transaction, under the document's lock that ending a meeting also
   * takes before it reads the final state for the minutes (PostgreSQL: the per-document advisory lock; SQLite: the
   * one writer). So an update is either in the state the minutes were made from, or refused: never stored after.
   */
  appendMany(batches: readonly DocumentAppend[], now: number): Promise<AppendResult[]>;
  /**
   * Stores `snapshot` as the document up to `uptoSeq` and drops the log rows it folds in, atomically. Rows after
   * `uptoSeq` (appended while the snapshot was being made) stay. A snapshot older than the stored one is ignored,
   * so two compactions racing never move the document backwards.
   */
  compact(meetingId: string, doc: MeetingDocKind, snapshot: Uint8Array, uptoSeq: number, now: number): Promise<void>;
}

import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Db } from './client.js';
import { meetingDocuments, meetingUpdates, type MeetingDocKind } from './schema.js';
import { refusedEnded, type AppendResult, type DocumentAppend, type StoredDocument } from './stores/meeting-docs.js';

export type { DocumentAppend, StoredDocument };

/**
 * All SQL for the Yjs persistence of meetings, synchronous (the realtime write path calls it directly). Every call
 * names the document kind: shared or restricted. The engine-neutral async interface is stores/meeting-docs.ts.
 */
export function meetingDocsRepo(db: Db) {
  // The hot path (every accepted edit) uses one prepared statement: building the query per row through the
  // query builder cost ~4x more per update (see bench/results).
  const sqlite = db.$client;
  const insertUpdate = sqlite.prepare('insert into meeting_updates (meeting_id, doc, "update", created_at) values (?, ?, ?, ?)');
  // Once per batch (a room's tick), not per update: ending a meeting writes in the one writer's transaction, so what
  // this sees is final until this transaction commits (stores/meeting-docs.ts, `appendMany`).
  const hasEnded = sqlite.prepare<[string], 1>("select 1 from meetings where id = ? and status = 'ended'").pluck();
  const appendAll = sqlite.transaction((batches: readonly DocumentAppend[], now: number): AppendResult[] =>
    batches.map(({ meetingId, doc, updates }) => {
      if (hasEnded.get(meetingId) !== undefined) return refusedEnded;
      let last = 0;
      for (const update of updates) last = Number(insertUpdate.run(meetingId, doc, update, now).lastInsertRowid);
      return last;
    }),
  );
  /** The snapshot when it holds rows after `afterSeq` (always when negative), and every log row after both. */
  function read(meetingId: string, doc: MeetingDocKind, afterSeq: number): StoredDocument {
    const stored = db
      .select()
      .from(meetingDocuments)
      .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.doc, doc)))
      .get();
    const withSnapshot = stored !== undefined && (afterSeq < 0 || stored.logSeq > afterSeq);
    const after = Math.max(afterSeq, stored?.logSeq ?? 0);
    const rows = db
      .select({ seq: meetingUpdates.seq, update: meetingUpdates.update })
      .from(meetingUpdates)
      .where(and(eq(meetingUpdates.meetingId, meetingId), eq(meetingUpdates.doc, doc), gt(meetingUpdates.seq, after)))
      .orderBy(asc(meetingUpdates.seq))
      .all();
    return {
      snapshot: withSnapshot ? new Uint8Array(stored.snapshot) : null,
      updates: rows.map((r) => new Uint8Array(r.update)),
      lastSeq: rows.at(-1)?.seq ?? after,
    };
  }
  // Both reads in one SQLite transaction: a compaction cannot commit between them (one consistent moment).
  const readConsistent = sqlite.transaction(read);
  return {
    load(meetingId: string, doc: MeetingDocKind): StoredDocument {
      return readConsistent(meetingId, doc, -1);
    },

    /** What a reader holding every row up to `afterSeq` is missing (see stores/meeting-docs.ts). */
    readAfter(meetingId: string, doc: MeetingDocKind, afterSeq: number): StoredDocument {
      return readConsistent(meetingId, doc, Math.max(0, afterSeq));
    },

    /** Appends updates in one transaction; returns the last sequence number written. */
    append(meetingId: string, doc: MeetingDocKind, updates: readonly Uint8Array[], now: number): AppendResult {
      return appendAll([{ meetingId, doc, updates }], now)[0];
    },

    /**
     * Appends several documents' updates in ONE transaction (one commit, one WAL sync point for a whole event-loop
     * tick) and returns each batch's last sequence number, in order (null: the meeting had ended). All or nothing.
     */
    appendMany(batches: readonly DocumentAppend[], now: number): AppendResult[] {
      return appendAll(batches, now);
    },

    /** Replaces the snapshot and drops the log rows it folds in, atomically; an older snapshot than the stored one is ignored. */
    compact(meetingId: string, doc: MeetingDocKind, snapshot: Uint8Array, uptoSeq: number, now: number): void {
      db.transaction((tx) => {
        tx.insert(meetingDocuments)
          .values({ meetingId, doc, snapshot: Buffer.from(snapshot), logSeq: uptoSeq, updatedAt: now })
          .onConflictDoUpdate({
            target: [meetingDocuments.meetingId, meetingDocuments.doc],
            set: { snapshot: Buffer.from(snapshot), logSeq: uptoSeq, updatedAt: now },
            // Never backwards: a snapshot made before the stored one (a slower compaction) would drop its rows' effect.
            setWhere: lte(meetingDocuments.logSeq, uptoSeq),
          })
          .run();
        tx.delete(meetingUpdates)
          .where(and(eq(meetingUpdates.meetingId, meetingId), eq(meetingUpdates.doc, doc), lte(meetingUpdates.seq, uptoSeq)))
          .run();
      });
    },
  };
}
export type MeetingDocsRepo = ReturnType<typeof meetingDocsRepo>;

/**
 * The PostgreSQL meeting document store. Raw node-postgres on the hot path (as the SQLite side keeps one prepared
 * statement): a tick's append is BEGIN, one lock statement, one sequence statement, one INSERT of every row, COMMIT.
 *
 * Why the per-document advisory lock: a bigserial hands out numbers when a row is inserted, not when it commits, so
 * two processes appending to one document could commit seq 11 before seq 10; a reader (or a compaction) that saw 11
 * would skip 10 for ever. Holding a transaction lock per document from before the numbers are taken until the
 * commit makes the numbers of one document follow commit order. Locks are taken in key order, so two batches
 * never deadlock on each other (if PostgreSQL still reports one, it is a PG_BUSY fault and the batch is retried).
 */
import type pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import type { PgExecutor } from './client.js';
import { meetingDocKinds } from '../../../shared/protocol.js';
import { refusedEnded, type AppendResult, type DocumentAppend, type MeetingDocKind, type MeetingDocStore, type StoredDocument } from '../stores/meeting-docs.js';
import { pgCall } from './faults.js';

const lockDocs = `select pg_advisory_xact_lock(k) from (
  select distinct hashtextextended(m || '/' || d, 0) as k from unnest($1::text[], $2::text[]) as t(m, d) order by k
) as keys`;
// With the documents' locks held, so the meetings that have ended are read after any end that held them committed:
// one statement (the ended list is an InitPlan, read once) so the check costs no round trip.
const takeSeqs = `select nextval(pg_get_serial_sequence('meeting_updates', 'seq')) as seq,
  array(select id from meetings where id = any($2::text[]) and status = 'ended') as ended
  from generate_series(1, $1::int) order by 1`;
/**
 * Every document lock of one meeting (the keys of `lockDocs`, in the same key order, so it never deadlocks with an
 * append): ending a meeting takes them in its transaction before it reads the final state (pg/room-records-store.ts),
 * so an append either committed before that read or runs after the end committed and is refused.
 */
export const lockMeetingDocs = (meetingId: string) =>
  sql`select pg_advisory_xact_lock(k) from (
    select distinct hashtextextended(${meetingId}::text || '/' || d, 0) as k
    from (values ${sql.join(meetingDocKinds.map((kind) => sql`(${kind}::text)`), sql`, `)}) as t(d) order by k
  ) as keys`;
const insertRows = `insert into meeting_updates (seq, meeting_id, doc, "update", created_at)
  select s, m, d, u, $5::bigint from unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[]) as t(s, m, d, u)`;
// One statement, so one snapshot of the database: a compaction committing between two reads could otherwise hide
// the rows it folded in from both.
const loadDoc = `with snap as (select snapshot, log_seq from meeting_documents where meeting_id = $1 and doc = $2)
  select 0 as part, log_seq as seq, snapshot as bytes from snap
  union all
  select 1, seq, "update" from meeting_updates
    where meeting_id = $1 and doc = $2 and seq > coalesce((select log_seq from snap), 0)
  order by part, seq`;
// The same single statement for a reader that has every row up to $3: the snapshot only when it folds in rows after
// $3 (they are gone from the log), and the rows after both.
const readDocAfter = `with snap as (select snapshot, log_seq from meeting_documents where meeting_id = $1 and doc = $2)
  select 0 as part, log_seq as seq, snapshot as bytes from snap where log_seq > $3::bigint
  union all
  select 1, seq, "update" from meeting_updates
    where meeting_id = $1 and doc = $2 and seq > greatest($3::bigint, coalesce((select log_seq from snap), 0))
  order by part, seq`;
const upsertSnapshot = `insert into meeting_documents (meeting_id, doc, snapshot, log_seq, updated_at) values ($1, $2, $3, $4, $5)
  on conflict (meeting_id, doc) do update set snapshot = excluded.snapshot, log_seq = excluded.log_seq, updated_at = excluded.updated_at
  where meeting_documents.log_seq <= excluded.log_seq`;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A connection that dies while checked out emits 'error' on its client (besides failing the query); unheard, that
  // would stop the process. The failed query already carries the fault.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    // A rollback on a dead connection fails too; the server has rolled back already. Don't return it to the pool.
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

type DocRow = { part: number; seq: number; bytes: Buffer };

/** One of the statements above for Drizzle: its `$n` placeholders become bound parameters. */
function positional(text: string, params: readonly unknown[]): SQL {
  return sql.join(text.split(/\$(\d+)/).map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${sql.param(params[Number(part) - 1])}`)));
}

/**
 * `tx`: the command transaction the store is bound to (stores/pg-storage.ts). Its reads then run on that
 * transaction's own connection: ending a meeting reads the document while it holds the command lock, and with every
 * other pool connection waiting on that lock, a read asking the pool for one would wait until it timed out. Appends
 * and compactions keep their own short pooled transaction (they are the realtime write path, and never run while
 * holding the command lock).
 */
export function pgMeetingDocStore(pool: pg.Pool, tx?: PgExecutor): MeetingDocStore {
  const read = async (text: string, params: unknown[]): Promise<DocRow[]> =>
    tx ? ((await tx.execute(positional(text, params))).rows as DocRow[]) : (await pool.query<DocRow>(text, params)).rows;
  return {
    load: (meetingId: string, doc: MeetingDocKind): Promise<StoredDocument> =>
      pgCall(async () => {
        const rows = await read(loadDoc, [meetingId, doc]);
        const snapshotRow = rows[0]?.part === 0 ? rows[0] : undefined;
        const logRows = snapshotRow ? rows.slice(1) : rows;
        return {
          snapshot: snapshotRow ? new Uint8Array(snapshotRow.bytes) : null,
          updates: logRows.map((r) => new Uint8Array(r.bytes)),
          lastSeq: logRows.at(-1)?.seq ?? snapshotRow?.seq ?? 0,
        };
      }),

    readAfter: (meetingId: string, doc: MeetingDocKind, afterSeq: number): Promise<StoredDocument> =>
      pgCall(async () => {
        const rows = await read(readDocAfter, [meetingId, doc, Math.max(0, afterSeq)]);
        const snapshotRow = rows[0]?.part === 0 ? rows[0] : undefined;
        const logRows = snapshotRow ? rows.slice(1) : rows;
        return {
          snapshot: snapshotRow ? new Uint8Array(snapshotRow.bytes) : null,
          updates: logRows.map((r) => new Uint8Array(r.bytes)),
          lastSeq: logRows.at(-1)?.seq ?? snapshotRow?.seq ?? Math.max(0, afterSeq),
        };
      }),

    appendMany: (batches: readonly DocumentAppend[], now: number): Promise<AppendResult[]> =>
      pgCall(async () => {
        const total = batches.reduce((n, b) => n + b.updates.length, 0);
        if (total === 0) return batches.map(() => 0);
        return inTransaction(pool, async (client) => {
          const meetingIdsOf = batches.map((b) => b.meetingId);
          await client.query(lockDocs, [meetingIdsOf, batches.map((b) => b.doc)]);
          const { rows } = await client.query<{ seq: number; ended: string[] }>(takeSeqs, [total, meetingIdsOf]);
          const ended = new Set(rows[0].ended);
          const seqs: number[] = [];
          const meetingIds: string[] = [];
          const docs: string[] = [];
          const updates: Buffer[] = [];
          const lastSeqs: AppendResult[] = [];
          let i = 0;
          for (const batch of batches) {
            // Its numbers stay unused: numbers need only follow commit order within a document, not be consecutive.
            if (ended.has(batch.meetingId)) {
              lastSeqs.push(refusedEnded);
              continue;
            }
            let last = 0;
            for (const update of batch.updates) {
              last = rows[i++].seq;
              seqs.push(last);
              meetingIds.push(batch.meetingId);
              docs.push(batch.doc);
              updates.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
            }
            lastSeqs.push(last);
          }
          if (seqs.length > 0) await client.query(insertRows, [seqs, meetingIds, docs, updates, now]);
          return lastSeqs;
        });
      }),

    compact: (meetingId: string, doc: MeetingDocKind, snapshot: Uint8Array, uptoSeq: number, now: number): Promise<void> =>
      pgCall(() =>
        inTransaction(pool, async (client) => {
          await client.query(lockDocs, [[meetingId], [doc]]);
          await client.query(upsertSnapshot, [meetingId, doc, Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), uptoSeq, now]);
          await client.query('delete from meeting_updates where meeting_id = $1 and doc = $2 and seq <= $3', [meetingId, doc, uptoSeq]);
        }),
      ),
  };
}

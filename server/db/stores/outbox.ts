/**
 * The email outbox, engine-neutral: every email is a row before it is sent, claimed by one sender at a time.
 * SQLite (server/db/sqlite/outbox-store.ts) and PostgreSQL (server/db/pg/outbox-store.ts);
 * test/contract/outbox.test.ts runs both, including senders claiming at the same moment.
 */
import { and, eq, inArray, isNull, ne, or, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { OutboxRepo } from '../outbox-repo.js';

export type { NewOutboxRow, OutboxRow } from '../outbox-repo.js';

type Resolved<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

/** The repository's calls, each resolving with what the synchronous one returns. */
export type OutboxStore = { [K in keyof OutboxRepo]: Resolved<OutboxRepo[K]> };

/**
 * The delivery problems of a meeting or series: emails not (yet) sent after at least one attempt. A series' problems
 * include the digests that cover several series (no series of their own) sent to someone who owns actions in it
 * (`ownersInSeries`, that series' action owners), so each of those series' coordinators can see and retry them.
 */
export function problemsWhere(
  outbox: { meetingId: Column; seriesId: Column; kind: Column; toPersonId: Column; state: Column; attempts: Column },
  scope: { meetingId?: string; seriesId?: string },
  ownersInSeries: SQLWrapper,
): SQL | undefined {
  const where = scope.meetingId
    ? eq(outbox.meetingId, scope.meetingId)
    : or(eq(outbox.seriesId, scope.seriesId ?? ''), and(eq(outbox.kind, 'digest'), isNull(outbox.seriesId), inArray(outbox.toPersonId, ownersInSeries)));
  return and(where, ne(outbox.state, 'sent'), ne(outbox.attempts, 0));
}

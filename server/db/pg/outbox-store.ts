/**
 * The PostgreSQL email outbox: the same calls as server/db/outbox-repo.ts. Claiming is one UPDATE of rows picked
 * with FOR UPDATE SKIP LOCKED: senders in several processes each take different emails, and none waits for another.
 */
import { and, asc, desc, eq, inArray, lte, or } from 'drizzle-orm';
import { problemsWhere, type OutboxRow, type OutboxStore } from '../stores/outbox.js';
import type { PgExecutor } from './client.js';
import { pgCall } from './faults.js';
import { actions, emailOutbox } from './schema.js';

export function pgOutboxStore(db: PgExecutor): OutboxStore {
  return {
    enqueue: (row) =>
      pgCall(async () => {
        await db.insert(emailOutbox).values(row);
      }),
    claimDue: (now, limit) =>
      pgCall(async () => {
        const due = db
          .select({ id: emailOutbox.id })
          .from(emailOutbox)
          .where(and(eq(emailOutbox.state, 'queued'), lte(emailOutbox.nextAttemptAt, now)))
          .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.createdAt))
          .limit(limit)
          .for('update', { skipLocked: true });
        const claimed = await db.update(emailOutbox).set({ state: 'sending' }).where(inArray(emailOutbox.id, due)).returning();
        // RETURNING gives no order; hand them out in the order they fell due, as SQLite does. The row as it was
        // read (state "queued"), as SQLite returns it.
        return claimed
          .map((r): OutboxRow => ({ ...r, state: 'queued' }))
          .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
      }),
    markSent: (id, attempts, at) =>
      pgCall(async () => {
        await db.update(emailOutbox).set({ state: 'sent', attempts, sentAt: at, lastError: null, attachment: null }).where(eq(emailOutbox.id, id));
      }),
    markAttemptFailed: (id, attempts, error, retryAt) =>
      pgCall(async () => {
        await db
          .update(emailOutbox)
          .set({ state: retryAt === null ? 'failed' : 'queued', attempts, lastError: error, nextAttemptAt: retryAt ?? undefined })
          .where(eq(emailOutbox.id, id));
      }),
    requeueInterrupted: (now) =>
      pgCall(async () => (await db.update(emailOutbox).set({ state: 'queued', nextAttemptAt: now }).where(eq(emailOutbox.state, 'sending'))).rowCount ?? 0),
    retryNow: (ids, now) =>
      pgCall(async () => {
        if (ids.length === 0) return 0;
        const result = await db
          .update(emailOutbox)
          .set({ state: 'queued', nextAttemptAt: now })
          .where(and(inArray(emailOutbox.id, ids), or(eq(emailOutbox.state, 'queued'), eq(emailOutbox.state, 'failed'))));
        return result.rowCount ?? 0;
      }),
    byIds: (ids) =>
      pgCall(async () => {
        if (ids.length === 0) return [];
        return db
          .select({ id: emailOutbox.id, state: emailOutbox.state, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, sentAt: emailOutbox.sentAt, nextAttemptAt: emailOutbox.nextAttemptAt })
          .from(emailOutbox)
          .where(inArray(emailOutbox.id, ids));
      }),
    problems: (scope) =>
      pgCall(() => {
        const seriesId = scope.seriesId ?? '';
        const ownersInSeries = db.selectDistinct({ id: actions.ownerPersonId }).from(actions).where(eq(actions.seriesId, seriesId));
        return db
          .select({ id: emailOutbox.id, kind: emailOutbox.kind, toPersonId: emailOutbox.toPersonId, subject: emailOutbox.subject, state: emailOutbox.state, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, nextAttemptAt: emailOutbox.nextAttemptAt, createdAt: emailOutbox.createdAt })
          .from(emailOutbox)
          .where(problemsWhere(emailOutbox, scope, ownersInSeries))
          .orderBy(desc(emailOutbox.createdAt));
      }),
  };
}

import { and, asc, desc, eq, inArray, lte, or } from 'drizzle-orm';
import type { Db } from './client.js';
import { actions, emailOutbox } from './schema.js';
import { problemsWhere } from './stores/outbox.js';

export type OutboxRow = typeof emailOutbox.$inferSelect;
export type NewOutboxRow = Omit<typeof emailOutbox.$inferInsert, 'state' | 'attempts' | 'lastError' | 'sentAt'>;

/** SQL for the email outbox: every email is a row before it is sent. */
export function outboxRepo(db: Db) {
  return {
    enqueue(row: NewOutboxRow): void {
      db.insert(emailOutbox).values(row).run();
    },

    /**
     * Takes up to `limit` due emails for sending, atomically, so two senders never send the same one. Immediate: the
     * write lock is taken before reading, so another process cannot read the same rows from an older snapshot.
     */
    claimDue(now: number, limit: number): OutboxRow[] {
      return db.transaction((tx) => {
        const due = tx
          .select()
          .from(emailOutbox)
          .where(and(eq(emailOutbox.state, 'queued'), lte(emailOutbox.nextAttemptAt, now)))
          .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.createdAt))
          .limit(limit)
          .all();
        if (due.length) tx.update(emailOutbox).set({ state: 'sending' }).where(inArray(emailOutbox.id, due.map((r) => r.id))).run();
        return due;
      }, { behavior: 'immediate' });
    },

    /** Sent: the attachment (an agency's extract) is dropped, so the outbox keeps no second copy of case content. */
    markSent(id: string, attempts: number, at: number): void {
      db.update(emailOutbox).set({ state: 'sent', attempts, sentAt: at, lastError: null, attachment: null }).where(eq(emailOutbox.id, id)).run();
    },

    /** A failed attempt: queued again at `retryAt`, or `failed` for good when `retryAt` is null. */
    markAttemptFailed(id: string, attempts: number, error: string, retryAt: number | null): void {
      db.update(emailOutbox)
        .set({ state: retryAt === null ? 'failed' : 'queued', attempts, lastError: error, nextAttemptAt: retryAt ?? undefined })
        .where(eq(emailOutbox.id, id))
        .run();
    },

    /** At start: an email a stopped process was sending is queued again (it may go twice, never zero times). */
    requeueInterrupted(now: number): number {
      return db.update(emailOutbox).set({ state: 'queued', nextAttemptAt: now }).where(eq(emailOutbox.state, 'sending')).run().changes;
    },

    /** Queues unsent emails again now (a coordinator's "Retry now"); returns how many. */
    retryNow(ids: string[], now: number): number {
      if (ids.length === 0) return 0;
      return db
        .update(emailOutbox)
        .set({ state: 'queued', nextAttemptAt: now })
        .where(and(inArray(emailOutbox.id, ids), or(eq(emailOutbox.state, 'queued'), eq(emailOutbox.state, 'failed'))))
        .run().changes;
    },

    byIds(ids: string[]): Pick<OutboxRow, 'id' | 'state' | 'attempts' | 'lastError' | 'sentAt' | 'nextAttemptAt'>[] {
      if (ids.length === 0) return [];
      return db
        .select({ id: emailOutbox.id, state: emailOutbox.state, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, sentAt: emailOutbox.sentAt, nextAttemptAt: emailOutbox.nextAttemptAt })
        .from(emailOutbox)
        .where(inArray(emailOutbox.id, ids))
        .all();
    },

    /** The delivery problems of a meeting or series, newest first (which emails: `problemsWhere`). */
    problems(scope: { meetingId?: string; seriesId?: string }) {
      const seriesId = scope.seriesId ?? '';
      const ownersInSeries = db.selectDistinct({ id: actions.ownerPersonId }).from(actions).where(eq(actions.seriesId, seriesId));
      return db
        .select({ id: emailOutbox.id, kind: emailOutbox.kind, toPersonId: emailOutbox.toPersonId, subject: emailOutbox.subject, state: emailOutbox.state, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, nextAttemptAt: emailOutbox.nextAttemptAt, createdAt: emailOutbox.createdAt })
        .from(emailOutbox)
        .where(problemsWhere(emailOutbox, scope, ownersInSeries))
        .orderBy(desc(emailOutbox.createdAt))
        .all();
    },
  };
}
export type OutboxRepo = ReturnType<typeof outboxRepo>;

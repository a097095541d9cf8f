import type { OutboxRepo } from '../outbox-repo.js';
import type { OutboxStore } from '../stores/outbox.js';

/** Today's synchronous repository behind the async interface. */
export const sqliteOutboxStore = (repo: OutboxRepo): OutboxStore => ({
  enqueue: async (row) => repo.enqueue(row),
  claimDue: async (now, limit) => repo.claimDue(now, limit),
  markSent: async (id, attempts, at) => repo.markSent(id, attempts, at),
  markAttemptFailed: async (id, attempts, error, retryAt) => repo.markAttemptFailed(id, attempts, error, retryAt),
  requeueInterrupted: async (now) => repo.requeueInterrupted(now),
  retryNow: async (ids, now) => repo.retryNow(ids, now),
  byIds: async (ids) => repo.byIds(ids),
  problems: async (scope) => repo.problems(scope),
});

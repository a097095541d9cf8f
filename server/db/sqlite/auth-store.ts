import type { AuthRepo } from '../auth-repo.js';
import type { AuthStore } from '../stores/auth.js';

/** Today's synchronous repository (one prepared statement per request's session lookup) behind the async interface. */
export const sqliteAuthStore = (repo: AuthRepo): AuthStore => ({
  countAttempt: async (email, now) => repo.countAttempt(email, now),
  lock: async (email, until, now) => repo.lock(email, until, now),
  clearFailures: async (email) => repo.clearFailures(email),
  sessionWithPerson: async (tokenHash, now) => repo.sessionWithPerson(tokenHash, now),
  personByEmail: async (email) => repo.personByEmail(email),
  personById: async (id) => repo.personById(id),
  createSession: async (row) => repo.createSession(row),
  liveSession: async (tokenHash, now) => repo.liveSession(tokenHash, now),
  touchSession: async (id, now) => repo.touchSession(id, now),
  touchSessionByHash: async (tokenHash, now) => repo.touchSessionByHash(tokenHash, now),
  deleteSession: async (tokenHash) => repo.deleteSession(tokenHash),
  deleteSessionsOf: async (personId) => repo.deleteSessionsOf(personId),
  deleteExpiredSessions: async (now) => repo.deleteExpiredSessions(now),
});

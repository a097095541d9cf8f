/**
 * People's credentials, sessions and sign-in lockout, engine-neutral. SQLite (server/db/sqlite/auth-store.ts, over
 * today's synchronous repository with its prepared statements) and PostgreSQL (server/db/pg/auth-store.ts);
 * test/contract/auth.test.ts runs both.
 */
import type { PersonRecord, SessionPerson, SignInAttempt } from '../auth-repo.js';

export type { PersonRecord, SessionPerson, SignInAttempt };

export interface SessionRow {
  id: string;
  tokenHash: string;
  personId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export interface AuthStore {
  /**
   * Counts a sign-in attempt before its password is checked, in one statement: attempts made at the same moment
   * each get their own number. A lock that has run out starts the count again.
   */
  countAttempt(email: string, now: number): Promise<SignInAttempt>;
  /** Locks the account until `until`; a lock already set is kept. */
  lock(email: string, until: number, now: number): Promise<void>;
  clearFailures(email: string): Promise<void>;
  /** The unexpired session for a token hash with its person, in one query; none for a disabled person. */
  sessionWithPerson(tokenHash: string, now: number): Promise<SessionPerson | undefined>;
  personByEmail(email: string): Promise<PersonRecord | undefined>;
  personById(id: string): Promise<PersonRecord | undefined>;
  createSession(row: { id: string; tokenHash: string; personId: string; now: number; expiresAt: number }): Promise<void>;
  liveSession(tokenHash: string, now: number): Promise<SessionRow | undefined>;
  touchSession(id: string, now: number): Promise<void>;
  touchSessionByHash(tokenHash: string, now: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a person (their account was disabled); resolves with the token hashes ended. */
  deleteSessionsOf(personId: string): Promise<string[]>;
  deleteExpiredSessions(now: number): Promise<void>;
}

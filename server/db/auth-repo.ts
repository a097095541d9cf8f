import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from './client.js';
import { agencies, people, sessions, signInFailures } from './schema.js';

export interface PersonRecord {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';
  agencyId: string;
  agencyName: string;
  passwordHash: string | null;
  disabledAt: number | null;
  language: 'en' | 'cy' | null;
}

const personColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  role: people.role,
  agencyId: people.agencyId,
  agencyName: agencies.name,
  passwordHash: people.passwordHash,
  disabledAt: people.disabledAt,
  language: people.language,
};

/** One counted sign-in attempt: its number since the last success or lock, and the account's lock (ms), if any. */
export interface SignInAttempt {
  attempt: number;
  lockedUntil: number | null;
}

/** SQL for people's credentials, sessions and sign-in failures. */
export interface SessionPerson {
  sessionId: string;
  tokenHash: string;
  lastSeenAt: number;
  expiresAt: number;
  person: Omit<PersonRecord, 'passwordHash' | 'disabledAt'>;
}

export function authRepo(db: Db) {
  const personQuery = () => db.select(personColumns).from(people).innerJoin(agencies, eq(agencies.id, people.agencyId));
  // Every request and every WebSocket upgrade authenticates: one prepared, joined statement instead of two
  // query-builder round trips (session, then person) — see test/bench/micro/upgrade-auth.ts.
  // A disabled person has no session, whatever rows remain.
  const sessionPersonStatement = db.$client.prepare<[string, number], SessionPerson['person'] & { sessionId: string; tokenHash: string; lastSeenAt: number; expiresAt: number }>(
    `select s.id as sessionId, s.token_hash as tokenHash, s.last_seen_at as lastSeenAt, s.expires_at as expiresAt,
            p.id as id, p.name as name, p.email as email, p.role as role, p.agency_id as agencyId, a.name as agencyName,
            p.language as language
       from sessions s join people p on p.id = s.person_id join agencies a on a.id = p.agency_id
      where s.token_hash = ? and s.expires_at > ? and p.disabled_at is null`,
  );
  // One statement, so parallel attempts cannot read the same count: each takes the next number. Only a checked,
  // failed attempt locks the account (see `lock`): attempts still being checked are not failures. A lock that has
  // run out starts the count again. (SET expressions see the old row.)
  const countAttemptStatement = db.$client.prepare<{ email: string; now: number }, SignInAttempt>(
    `insert into sign_in_failures (email, failures, locked_until, updated_at) values (@email, 1, null, @now)
     on conflict (email) do update set
       failures = case when locked_until is not null and locked_until <= @now then 1 else failures + 1 end,
       locked_until = case when locked_until is not null and locked_until <= @now then null else locked_until end,
       updated_at = @now
     returning failures as attempt, locked_until as lockedUntil`,
  );
  return {
    /**
     * Counts a sign-in attempt before its password is checked (the check is slow and async, so counting after it
     * let parallel attempts all read the same count). Returns this attempt's number and the lock, if any.
     */
    countAttempt(email: string, now: number): SignInAttempt {
      return countAttemptStatement.get({ email, now })!;
    },
    /** Locks the account now (the attempt that reached the limit failed); a lock already set is kept. */
    lock(email: string, until: number, now: number): void {
      db.update(signInFailures).set({ lockedUntil: until, updatedAt: now }).where(and(eq(signInFailures.email, email), isNull(signInFailures.lockedUntil))).run();
    },
    /** The unexpired session for a token hash, with its person, in one query. */
    sessionWithPerson(tokenHash: string, now: number): SessionPerson | undefined {
      const row = sessionPersonStatement.get(tokenHash, now);
      if (!row) return undefined;
      const { sessionId, tokenHash: hash, lastSeenAt, expiresAt, ...person } = row;
      return { sessionId, tokenHash: hash, lastSeenAt, expiresAt, person };
    },
    personByEmail: (email: string): PersonRecord | undefined => personQuery().where(eq(people.email, email)).get(),
    personById: (id: string): PersonRecord | undefined => personQuery().where(eq(people.id, id)).get(),

    createSession(row: { id: string; tokenHash: string; personId: string; now: number; expiresAt: number }): void {
      db.insert(sessions)
        .values({ id: row.id, tokenHash: row.tokenHash, personId: row.personId, createdAt: row.now, lastSeenAt: row.now, expiresAt: row.expiresAt })
        .run();
    },
    liveSession(tokenHash: string, now: number) {
      return db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))).get();
    },
    touchSession(id: string, now: number): void {
      db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
    },
    deleteSession(tokenHash: string): void {
      db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    /** Ends every session of a person (their account was disabled); returns the token hashes ended. */
    deleteSessionsOf(personId: string): string[] {
      return db.delete(sessions).where(eq(sessions.personId, personId)).returning({ tokenHash: sessions.tokenHash }).all().map((r) => r.tokenHash);
    },
    touchSessionByHash(tokenHash: string, now: number): void {
      db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    deleteExpiredSessions(now: number): void {
      db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
    },

    clearFailures(email: string): void {
      db.delete(signInFailures).where(eq(signInFailures.email, email)).run();
    },
  };
}
export type AuthRepo = ReturnType<typeof authRepo>;

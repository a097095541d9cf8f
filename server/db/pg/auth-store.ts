/** The PostgreSQL credentials, sessions and sign-in lockout: the same statements as server/db/auth-repo.ts. */
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type pg from 'pg';
import type { AuthStore, PersonRecord, SessionPerson, SignInAttempt } from '../stores/auth.js';
import type { PgExecutor } from './client.js';
import { pgCall } from './faults.js';
import { agencies, people, sessions, signInFailures } from './schema.js';

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

// Prepared by name: PostgreSQL plans it once per connection, as SQLite prepares it once.
const sessionPerson = {
  name: 'triage_session_person',
  text: `select s.id as "sessionId", s.token_hash as "tokenHash", s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt",
                p.id as id, p.name as name, p.email as email, p.role as role, p.agency_id as "agencyId", a.name as "agencyName", p.language as language
           from sessions s join people p on p.id = s.person_id join agencies a on a.id = p.agency_id
          where s.token_hash = $1 and s.expires_at > $2 and p.disabled_at is null`,
};
// One statement, so parallel attempts cannot read the same count (see auth-repo.ts). Unqualified names in SET are
// the stored row, as in SQLite.
const countAttempt = {
  name: 'triage_count_attempt',
  text: `insert into sign_in_failures as f (email, failures, locked_until, updated_at) values ($1, 1, null, $2)
         on conflict (email) do update set
           failures = case when f.locked_until is not null and f.locked_until <= $2 then 1 else f.failures + 1 end,
           locked_until = case when f.locked_until is not null and f.locked_until <= $2 then null else f.locked_until end,
           updated_at = $2
         returning failures as attempt, locked_until as "lockedUntil"`,
};

export function pgAuthStore(db: PgExecutor, pool: pg.Pool): AuthStore {
  const personQuery = () => db.select(personColumns).from(people).innerJoin(agencies, eq(agencies.id, people.agencyId));
  return {
    countAttempt: (email, now) =>
      pgCall(async () => (await pool.query<SignInAttempt>({ ...countAttempt, values: [email, now] })).rows[0]),
    lock: (email, until, now) =>
      pgCall(async () => {
        await db.update(signInFailures).set({ lockedUntil: until, updatedAt: now }).where(and(eq(signInFailures.email, email), isNull(signInFailures.lockedUntil)));
      }),
    clearFailures: (email) =>
      pgCall(async () => {
        await db.delete(signInFailures).where(eq(signInFailures.email, email));
      }),
    sessionWithPerson: (tokenHash, now) =>
      pgCall(async () => {
        const row = (await pool.query<SessionPerson['person'] & { sessionId: string; tokenHash: string; lastSeenAt: number; expiresAt: number }>({ ...sessionPerson, values: [tokenHash, now] })).rows[0];
        if (!row) return undefined;
        const { sessionId, tokenHash: hash, lastSeenAt, expiresAt, ...person } = row;
        return { sessionId, tokenHash: hash, lastSeenAt, expiresAt, person };
      }),
    personByEmail: (email) => pgCall(async () => (await personQuery().where(eq(people.email, email)))[0] as PersonRecord | undefined),
    personById: (id) => pgCall(async () => (await personQuery().where(eq(people.id, id)))[0] as PersonRecord | undefined),
    createSession: (row) =>
      pgCall(async () => {
        await db.insert(sessions).values({ id: row.id, tokenHash: row.tokenHash, personId: row.personId, createdAt: row.now, lastSeenAt: row.now, expiresAt: row.expiresAt });
      }),
    liveSession: (tokenHash, now) => pgCall(async () => (await db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now))))[0]),
    touchSession: (id, now) =>
      pgCall(async () => {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
      }),
    touchSessionByHash: (tokenHash, now) =>
      pgCall(async () => {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
      }),
    deleteSession: (tokenHash) =>
      pgCall(async () => {
        await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      }),
    deleteSessionsOf: (personId) =>
      pgCall(async () => (await db.delete(sessions).where(eq(sessions.personId, personId)).returning({ tokenHash: sessions.tokenHash })).map((r) => r.tokenHash)),
    deleteExpiredSessions: (now) =>
      pgCall(async () => {
        await db.delete(sessions).where(lt(sessions.expiresAt, now));
      }),
  };
}

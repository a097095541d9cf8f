import { and, eq, gt, lt } from 'drizzle-orm';
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
}

const personColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  role: people.role,
  agencyId: people.agencyId,
  agencyName: agencies.name,
  passwordHash: people.passwordHash,
};

/** SQL for people's credentials, sessions and sign-in failures. */
export function authRepo(db: Db) {
  const personQuery = () => db.select(personColumns).from(people).innerJoin(agencies, eq(agencies.id, people.agencyId));
  return {
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
    deleteExpiredSessions(now: number): void {
      db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
    },

    failures: (email: string) => db.select().from(signInFailures).where(eq(signInFailures.email, email)).get(),
    recordFailure(email: string, failures: number, lockedUntil: number | null, now: number): void {
      db.insert(signInFailures)
        .values({ email, failures, lockedUntil, updatedAt: now })
        .onConflictDoUpdate({ target: signInFailures.email, set: { failures, lockedUntil, updatedAt: now } })
        .run();
    },
    clearFailures(email: string): void {
      db.delete(signInFailures).where(eq(signInFailures.email, email)).run();
    },
  };
}
export type AuthRepo = ReturnType<typeof authRepo>;

/** Sign-in, sessions and sign-out. Passwords and emails never reach the log. */
import { hash, verify } from '@node-rs/argon2';
import { authLimits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg, storageFaultOf } from '../errors.js';
import type { PersonRecord } from '../db/stores/auth.js';
import type { Storage } from '../db/stores/storage.js';
import type { Logger } from '../logger.js';
import type { Actor } from '../policies/index.js';
import type { Audit } from './audit-service.js';
import type { AccessEvents } from './access-events.js';
import { hashToken, newToken, readCookie } from './tokens.js';

export const sessionCookie = 'triage_session';

// Verifying against a real hash for unknown emails keeps their timing like a wrong password's. Made a second after
// the server listens (`warmUp`), or by a sign-in that comes first: argon2 loads on first use, and a restart hashes nothing
// before it is ready to serve. A failed hash is not kept: the next sign-in tries again.
let dummy: Promise<string> | null = null;
const dummyHash = (): Promise<string> =>
  (dummy ??= hash('not-a-real-password-for-timing', {}).catch((err: unknown) => {
    dummy = null;
    throw err;
  }));

export const actorOf = (p: Omit<PersonRecord, 'passwordHash' | 'disabledAt'>): Actor => ({
  id: p.id,
  name: p.name,
  email: p.email,
  agencyId: p.agencyId,
  agencyName: p.agencyName,
  globalRole: p.role,
  language: p.language,
});

/** Runs a write whose failure through a storage fault (busy, full) changes nothing for the caller; true if written. */
async function bestEffort(write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (!storageFaultOf(err)) throw err;
    return false;
  }
}

/** A signed-in session: who, which session (its token's hash, never the token), and when it ends if nothing happens. */
export interface LiveSession {
  actor: Actor;
  tokenHash: string;
  /** The earlier of the session's maximum age and its idle limit from the last time it was seen. */
  deadline: number;
}

export interface SessionLimits {
  maxMs: number;
  idleMs: number;
}

export function createAuthService(deps: { storage: Storage; audit: Audit; now: () => number; access: AccessEvents; sessionLimits?: SessionLimits }) {
  const { storage, audit, now, access } = deps;
  // Reads and single bookkeeping writes (last seen, housekeeping) outside any command.
  const auth = storage.stores.auth;
  const limits: SessionLimits = deps.sessionLimits ?? { maxMs: authLimits.sessionMaxMs, idleMs: authLimits.sessionIdleMs };
  // Refresh "last seen" at most this often: a write per request would be wasted, but well inside the idle limit.
  const touchEveryMs = Math.min(60_000, limits.idleMs / 4);

  /**
   * The live session for a token hash, or null (unknown, expired, idle too long, or its person disabled).
   * `seen` counts this as activity (a request, a Socket.IO event, a document edit), postponing the idle limit.
   */
  async function sessionByHash(tokenHash: string, seen: boolean): Promise<LiveSession | null> {
    const at = now();
    const session = await auth.sessionWithPerson(tokenHash, at);
    if (!session) return null;
    if (at - session.lastSeenAt > limits.idleMs) {
      // Housekeeping: the session is refused either way, so a storage fault here must not fail the request.
      await bestEffort(() => auth.deleteSession(session.tokenHash));
      await access.changed({ type: 'session-ended', tokenHash, cause: 'sessionExpired' });
      return null;
    }
    let lastSeenAt = session.lastSeenAt;
    // "Last seen" is bookkeeping: if the storage refuses it now, the next request tries again.
    if (seen && at - lastSeenAt > touchEveryMs && (await bestEffort(() => auth.touchSession(session.sessionId, at)))) lastSeenAt = at;
    return { actor: actorOf(session.person), tokenHash, deadline: Math.min(session.expiresAt, lastSeenAt + limits.idleMs) };
  }

  async function signIn(emailInput: string, password: string, ip: string | null) {
    const email = emailInput.trim().toLowerCase();
    const at = now();
    const unknownHash = dummyHash();
    unknownHash.catch(() => undefined); // awaited below only for an unknown email
    const person = await auth.personByEmail(email);
    // Counted (atomically, in SQL) before the slow password check: only the first `failuresBeforeLockout` attempts
    // since the last success are checked at all, however many arrive at once. An attempt past them is refused
    // unchecked: as locked once checked ones have failed that often, else as "too many at once" (several tabs
    // signing in together are not failures, and must not lock the account). The count is its own statement, outside
    // any transaction, so it is committed before the check and parallel attempts (other processes too) see it.
    const { attempt, lockedUntil } = await auth.countAttempt(email, at);
    if (lockedUntil !== null && lockedUntil > at) {
      await audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason: 'locked' }, ip });
      throw new AppError('rate_limited', msg('errors:tooManyFailedSignInsFor'));
    }
    if (attempt > authLimits.failuresBeforeLockout) {
      await audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason: 'too-many-at-once' }, ip });
      throw new AppError('rate_limited', msg('errors:tooManySignInsToThis'));
    }
    const ok = await verify(person?.passwordHash ?? (await unknownHash), password).catch(() => false);
    if (!person || !person.passwordHash || !ok || person.disabledAt !== null) {
      // A disabled account hears what a wrong password hears: the answer does not say which accounts exist.
      const reason = !person ? 'unknown-account' : ok && person.disabledAt !== null ? 'disabled' : 'bad-password';
      // The failure's lock (if this attempt reached the limit) and its audit row: one transaction, then the refusal.
      await storage.transaction(async (s) => {
        if (attempt >= authLimits.failuresBeforeLockout) await s.auth.lock(email, at + authLimits.lockoutMs, now());
        await s.audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason }, ip }, now());
      });
      throw new AppError('unauthorised', msg('errors:emailOrPasswordIsNotRight'));
    }
    const token = newToken();
    const expiresAt = at + limits.maxMs;
    await storage.transaction(async (s) => {
      await s.auth.clearFailures(email);
      await s.auth.createSession({ id: newId(), tokenHash: hashToken(token), personId: person.id, now: at, expiresAt });
      await s.audit.record({ actorId: person.id, action: 'signin.ok', ip }, at);
    });
    return { token, actor: actorOf(person), expiresAt };
  }

  /** The live session for a Cookie header, or null. Every door starts here; each call counts as activity. */
  async function session(cookieHeader: string | undefined): Promise<LiveSession | null> {
    const token = readCookie(cookieHeader, sessionCookie);
    return token ? sessionByHash(hashToken(token), true) : null;
  }

  /** The signed-in person for a Cookie header, or null. */
  const authenticate = async (cookieHeader: string | undefined): Promise<Actor | null> => (await session(cookieHeader))?.actor ?? null;

  /** Ends this session; every connection opened with it closes ("You were signed out"). */
  async function signOut(cookieHeader: string | undefined, actor: Actor | null, ip: string | null): Promise<void> {
    const token = readCookie(cookieHeader, sessionCookie);
    const tokenHash = token ? hashToken(token) : null;
    await storage.transaction(async (s) => {
      if (tokenHash) await s.auth.deleteSession(tokenHash);
      if (actor) await s.audit.record({ actorId: actor.id, action: 'signout', ip }, now());
    });
    if (tokenHash) await access.changed({ type: 'session-ended', tokenHash, cause: 'signedOut' });
  }

  /**
   * Ends every session of a person whose account was disabled. Called inside the disabling command's transaction;
   * tell the connections (`sessionsEnded`) once it has committed.
   */
  async function endSessionsOf(personId: string): Promise<void> {
    await storage.transaction((s) => s.auth.deleteSessionsOf(personId));
  }
  /** Closes every connection of a person whose sessions were ended (after the command committed). */
  const sessionsEnded = (personId: string): Promise<void> => access.changed({ type: 'account-disabled', personId });

  /**
   * A session that reached its deadline as last known: unless the database says it was seen since (another tab's
   * request), remove it and close its connections. Resolves with the new deadline if it lives on, else null.
   */
  async function expire(tokenHash: string): Promise<number | null> {
    const still = await sessionByHash(tokenHash, false);
    if (still && still.deadline > now()) return still.deadline;
    await bestEffort(() => auth.deleteSession(tokenHash));
    await access.changed({ type: 'session-ended', tokenHash, cause: 'sessionExpired' });
    return null;
  }

  /** Once listening: loads argon2 and makes the dummy hash, so a broken password library is logged at start, not at the first sign-in. */
  function warmUp(logger: Logger): Promise<void> {
    return dummyHash().then(
      () => undefined,
      (err: Error) => logger.error({ err: err.message }, 'password hashing unavailable: signing in will fail'),
    );
  }

  return { signIn, session, sessionByHash, authenticate, signOut, endSessionsOf, sessionsEnded, expire, touchEveryMs, warmUp };
}
export type AuthService = ReturnType<typeof createAuthService>;

/** Sign-in, sessions and sign-out. Passwords and emails never reach the log. */
import { hash, verify } from '@node-rs/argon2';
import { authLimits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg, storageFaultOf } from '../errors.js';
import type { AuthRepo, PersonRecord } from '../db/auth-repo.js';
import type { Actor } from '../policies/index.js';
import type { Audit } from './audit-service.js';
import type { AccessEvents } from './access-events.js';
import { hashToken, newToken, readCookie } from './tokens.js';

export const sessionCookie = 'triage_session';

// Verifying against a real hash for unknown emails keeps their timing like a wrong password's.
const dummyHash = hash('not-a-real-password-for-timing', {});

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
function bestEffort(write: () => void): boolean {
  try {
    write();
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

export function createAuthService(deps: { auth: AuthRepo; audit: Audit; now: () => number; access: AccessEvents; sessionLimits?: SessionLimits }) {
  const { auth, audit, now, access } = deps;
  const limits: SessionLimits = deps.sessionLimits ?? { maxMs: authLimits.sessionMaxMs, idleMs: authLimits.sessionIdleMs };
  // Refresh "last seen" at most this often: a write per request would be wasted, but well inside the idle limit.
  const touchEveryMs = Math.min(60_000, limits.idleMs / 4);

  /**
   * The live session for a token hash, or null (unknown, expired, idle too long, or its person disabled).
   * `seen` counts this as activity (a request, a Socket.IO event, a document edit), postponing the idle limit.
   */
  function sessionByHash(tokenHash: string, seen: boolean): LiveSession | null {
    const at = now();
    const session = auth.sessionWithPerson(tokenHash, at);
    if (!session) return null;
    if (at - session.lastSeenAt > limits.idleMs) {
      // Housekeeping: the session is refused either way, so a storage fault here must not fail the request.
      bestEffort(() => auth.deleteSession(session.tokenHash));
      access.changed({ type: 'session-ended', tokenHash, cause: 'sessionExpired' });
      return null;
    }
    let lastSeenAt = session.lastSeenAt;
    // "Last seen" is bookkeeping: if the storage refuses it now, the next request tries again.
    if (seen && at - lastSeenAt > touchEveryMs && bestEffort(() => auth.touchSession(session.sessionId, at))) lastSeenAt = at;
    return { actor: actorOf(session.person), tokenHash, deadline: Math.min(session.expiresAt, lastSeenAt + limits.idleMs) };
  }

  async function signIn(emailInput: string, password: string, ip: string | null) {
    const email = emailInput.trim().toLowerCase();
    const at = now();
    const person = auth.personByEmail(email);
    // Counted (atomically, in SQL) before the slow password check: only the first `failuresBeforeLockout` attempts
    // since the last success are checked at all, however many arrive at once. An attempt past them is refused
    // unchecked: as locked once checked ones have failed that often, else as "too many at once" (several tabs
    // signing in together are not failures, and must not lock the account).
    const { attempt, lockedUntil } = auth.countAttempt(email, at);
    if (lockedUntil !== null && lockedUntil > at) {
      audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason: 'locked' }, ip });
      throw new AppError('rate_limited', msg('errors:tooManyFailedSignInsFor'));
    }
    if (attempt > authLimits.failuresBeforeLockout) {
      audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason: 'too-many-at-once' }, ip });
      throw new AppError('rate_limited', msg('errors:tooManySignInsToThis'));
    }
    const ok = await verify(person?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!person || !person.passwordHash || !ok || person.disabledAt !== null) {
      if (attempt >= authLimits.failuresBeforeLockout) auth.lock(email, at + authLimits.lockoutMs, now());
      // A disabled account hears what a wrong password hears: the answer does not say which accounts exist.
      const reason = !person ? 'unknown-account' : ok && person.disabledAt !== null ? 'disabled' : 'bad-password';
      audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason }, ip });
      throw new AppError('unauthorised', msg('errors:emailOrPasswordIsNotRight'));
    }
    auth.clearFailures(email);
    const token = newToken();
    const expiresAt = at + limits.maxMs;
    auth.createSession({ id: newId(), tokenHash: hashToken(token), personId: person.id, now: at, expiresAt });
    audit.record({ actorId: person.id, action: 'signin.ok', ip });
    return { token, actor: actorOf(person), expiresAt };
  }

  /** The live session for a Cookie header, or null. Every door starts here; each call counts as activity. */
  function session(cookieHeader: string | undefined): LiveSession | null {
    const token = readCookie(cookieHeader, sessionCookie);
    return token ? sessionByHash(hashToken(token), true) : null;
  }

  /** The signed-in person for a Cookie header, or null. */
  const authenticate = (cookieHeader: string | undefined): Actor | null => session(cookieHeader)?.actor ?? null;

  /** Ends this session; every connection opened with it closes ("You were signed out"). */
  function signOut(cookieHeader: string | undefined, actor: Actor | null, ip: string | null): void {
    const token = readCookie(cookieHeader, sessionCookie);
    if (token) {
      const tokenHash = hashToken(token);
      auth.deleteSession(tokenHash);
      access.changed({ type: 'session-ended', tokenHash, cause: 'signedOut' });
    }
    if (actor) audit.record({ actorId: actor.id, action: 'signout', ip });
  }

  /** Ends every session of a person whose account was disabled; their connections close. */
  function endSessionsOf(personId: string): void {
    auth.deleteSessionsOf(personId);
    access.changed({ type: 'account-disabled', personId });
  }

  /**
   * A session that reached its deadline as last known: unless the database says it was seen since (another tab's
   * request), remove it and close its connections. Returns the new deadline if it lives on, else null.
   */
  function expire(tokenHash: string): number | null {
    const still = sessionByHash(tokenHash, false);
    if (still && still.deadline > now()) return still.deadline;
    auth.deleteSession(tokenHash);
    access.changed({ type: 'session-ended', tokenHash, cause: 'sessionExpired' });
    return null;
  }

  return { signIn, session, sessionByHash, authenticate, signOut, endSessionsOf, expire, touchEveryMs };
}
export type AuthService = ReturnType<typeof createAuthService>;

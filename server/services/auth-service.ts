/** Sign-in, sessions and sign-out. Passwords and emails never reach the log. */
import { hash, verify } from '@node-rs/argon2';
import { authLimits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { AppError, storageFaultOf } from '../errors.js';
import type { AuthRepo, PersonRecord } from '../db/auth-repo.js';
import type { Actor } from '../policies/index.js';
import type { Audit } from './audit-service.js';
import { hashToken, newToken, readCookie } from './tokens.js';

export const sessionCookie = 'triage_session';

// Verifying against a real hash for unknown emails keeps their timing like a wrong password's.
const dummyHash = hash('not-a-real-password-for-timing', {});

export const actorOf = (p: Omit<PersonRecord, 'passwordHash'>): Actor => ({
  id: p.id,
  name: p.name,
  email: p.email,
  agencyId: p.agencyId,
  agencyName: p.agencyName,
  globalRole: p.role,
});

/** Runs a write whose failure through a storage fault (busy, full) changes nothing for the caller. */
function bestEffort(write: () => void): void {
  try {
    write();
  } catch (err) {
    if (!storageFaultOf(err)) throw err;
  }
}

export function createAuthService(deps: { auth: AuthRepo; audit: Audit; now: () => number }) {
  const { auth, audit, now } = deps;

  async function signIn(emailInput: string, password: string, ip: string | null) {
    const email = emailInput.trim().toLowerCase();
    const at = now();
    const person = auth.personByEmail(email);
    // Counted (atomically, in SQL) before the slow password check: only the first `failuresBeforeLockout` attempts
    // since the last success are checked at all, however many arrive at once.
    const { attempt, lockedUntil } = auth.countAttempt(email, at, authLimits.failuresBeforeLockout, authLimits.lockoutMs);
    if (lockedUntil !== null && lockedUntil > at) {
      audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason: 'locked' }, ip });
      throw new AppError('rate_limited', 'Too many failed sign-ins for this account; try again in 15 minutes');
    }
    const ok = await verify(person?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!person || !person.passwordHash || !ok) {
      if (attempt >= authLimits.failuresBeforeLockout) auth.lock(email, at + authLimits.lockoutMs, now());
      audit.record({ actorId: person?.id ?? null, action: 'signin.failed', detail: { reason: person ? 'bad-password' : 'unknown-account' }, ip });
      throw new AppError('unauthorised', 'Email or password is not right');
    }
    auth.clearFailures(email);
    const token = newToken();
    const expiresAt = at + authLimits.sessionMaxMs;
    auth.createSession({ id: newId(), tokenHash: hashToken(token), personId: person.id, now: at, expiresAt });
    audit.record({ actorId: person.id, action: 'signin.ok', ip });
    return { token, actor: actorOf(person), expiresAt };
  }

  /** The signed-in person for a Cookie header, or null. Used by all three doors. */
  function authenticate(cookieHeader: string | undefined): Actor | null {
    const token = readCookie(cookieHeader, sessionCookie);
    if (!token) return null;
    const at = now();
    const session = auth.sessionWithPerson(hashToken(token), at);
    if (!session) return null;
    if (at - session.lastSeenAt > authLimits.sessionIdleMs) {
      // Housekeeping only: the session is refused either way, so a storage fault here must not fail the request.
      bestEffort(() => auth.deleteSession(session.tokenHash));
      return null;
    }
    // "Last seen" is bookkeeping, refreshed at most once a minute: the next request tries again if storage refuses.
    if (at - session.lastSeenAt > 60_000) bestEffort(() => auth.touchSession(session.sessionId, at));
    return actorOf(session.person);
  }

  function signOut(cookieHeader: string | undefined, actor: Actor | null, ip: string | null): void {
    const token = readCookie(cookieHeader, sessionCookie);
    if (token) auth.deleteSession(hashToken(token));
    if (actor) audit.record({ actorId: actor.id, action: 'signout', ip });
  }

  return { signIn, authenticate, signOut };
}
export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Issue 12, item 6: account lockout is one atomic step. Attempts are counted in SQL before the (slow, async) password
 * check, so a burst of parallel wrong passwords cannot all read the same failure count.
 *
 * Each request comes from its own address (X-Forwarded-For, which the app trusts from loopback), so the per-address
 * sign-in rate limit never answers: every 429 here is the account lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { authLimits } from '../../shared/limits.js';
import { demoPassword } from '../../server/seed/demo-data.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';

const lockMessage = 'Too many failed sign-ins for this account; try again in 15 minutes';
const busyMessage = 'Too many sign-ins to this account at once; try again in a moment';

describe.each(serverEngines)('account lockout under parallel attempts on $name', ({ engine }) => {
  let server: TestServer;
  let admin: string;
  let address = 0;
  beforeAll(async () => {
    server = await startTestServer({ engine });
    admin = await signIn(server.url, demoUsers.admin);
  });
  afterAll(async () => server.cleanup());

  /** A sign-in from a fresh client address, so only the account's own count can refuse it. */
  const attempt = async (email: string, password: string) => {
    const n = ++address;
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
      body: JSON.stringify({ email, password }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };
  const failedSignIns = async () =>
    ((await (await fetch(`${server.url}/api/admin/audit?action=signin.failed`, withCookie(admin))).json()) as { entries: { actorId: string | null; detail: { reason?: string } | null }[] }).entries;

  it('locks the account after 50 parallel wrong passwords; the right password is then refused with the lock message', async () => {
    const before = await failedSignIns();
    const results = await Promise.all(Array.from({ length: 50 }, () => attempt(demoUsers.member2, 'wrong-password-123')));
    const refusedAsWrong = results.filter((r) => r.status === 401);
    const refusedAsLocked = results.filter((r) => r.status === 429);
    // Only the first `failuresBeforeLockout` attempts were checked at all; every other one was refused unchecked:
    // "too many at once" while those were being checked, "locked" once they had failed.
    expect(refusedAsWrong).toHaveLength(authLimits.failuresBeforeLockout);
    expect(refusedAsLocked).toHaveLength(50 - authLimits.failuresBeforeLockout);
    for (const r of refusedAsLocked) expect([lockMessage, busyMessage]).toContain(r.body.error?.message);

    const right = await attempt(demoUsers.member2, demoPassword);
    expect(right).toEqual({ status: 429, body: { error: { code: 'rate_limited', message: lockMessage } } });

    const audited = (await failedSignIns()).slice(0, -before.length || undefined);
    expect(audited.filter((a) => a.detail?.reason === 'bad-password')).toHaveLength(authLimits.failuresBeforeLockout);
    expect(audited.filter((a) => a.detail?.reason === 'locked' || a.detail?.reason === 'too-many-at-once')).toHaveLength(50 - authLimits.failuresBeforeLockout + 1);
  });

  it('checks at most the limit of any burst, and locks exactly when the burst reaches it (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 12 }), async (burst) => {
        // A fresh (unknown) account per run: unknown emails are counted like real ones.
        const email = `burst-${++run}-${burst}@nowhere.test`;
        const results = await Promise.all(Array.from({ length: burst }, () => attempt(email, 'not-it-at-all')));
        const checked = Math.min(burst, authLimits.failuresBeforeLockout);
        expect(results.filter((r) => r.status === 401)).toHaveLength(checked);
        expect(results.filter((r) => r.status === 429)).toHaveLength(burst - checked);
        const next = await attempt(email, 'not-it-at-all');
        expect(next.status).toBe(burst >= authLimits.failuresBeforeLockout ? 429 : 401);
      }),
      { numRuns: 8, seed: 6 },
    );
  });

  it('never locks an account for right passwords sent at once (several tabs signing in together)', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => attempt(demoUsers.observer, demoPassword)));
    // The first `failuresBeforeLockout` are checked and sign in; any beyond them arriving while those are checked hear
    // "try again in a moment", never the lock.
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(authLimits.failuresBeforeLockout);
    for (const r of results.filter((r) => r.status !== 201)) expect(r).toEqual({ status: 429, body: { error: { code: 'rate_limited', message: busyMessage } } });
    expect((await attempt(demoUsers.observer, demoPassword)).status).toBe(201);
    expect((await attempt(demoUsers.observer, 'wrong-password-123')).status).toBe(401);
  });

  it('a right password before the limit clears the count', async () => {
    for (let i = 0; i < authLimits.failuresBeforeLockout - 1; i++) expect((await attempt(demoUsers.coordinator, 'wrong-password-123')).status).toBe(401);
    expect((await attempt(demoUsers.coordinator, demoPassword)).status).toBe(201);
    for (let i = 0; i < authLimits.failuresBeforeLockout - 1; i++) expect((await attempt(demoUsers.coordinator, 'wrong-password-123')).status).toBe(401);
    expect((await attempt(demoUsers.coordinator, demoPassword)).status).toBe(201);
  });
});

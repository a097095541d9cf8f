/**
 * Credentials, sessions and sign-in lockout: the same cases on SQLite and on PostgreSQL, including attempts made at
 * the same moment each getting their own number.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, openForBlock, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

async function seedPerson(db: EngineUnderTest, over: Record<string, unknown> = {}) {
  const agencyId = fixtureId('agency');
  await db.insert('agencies', [{ id: agencyId, name: `Housing Options ${agencyId}`, shortName: 'HO', createdAt: t0 }]);
  const id = fixtureId('person');
  const email = `${id}@example.test`;
  await db.insert('people', [{ id, agencyId, name: 'Rhys Tal', email, role: 'member', passwordHash: '$argon2id$synthetic', createdAt: t0, ...over }]);
  return { id, email, agencyId, agencyName: `Housing Options ${agencyId}` };
}

describe.each(contractEngines)('credentials and sessions on $name', (engine) => {
  const db = openForBlock(engine);

  it('finds a person by email or id with their agency, language and password hash', async () => {
    const p = await seedPerson(db, { language: 'cy' });
    const expected = { id: p.id, name: 'Rhys Tal', email: p.email, role: 'member', agencyId: p.agencyId, agencyName: p.agencyName, passwordHash: '$argon2id$synthetic', disabledAt: null, language: 'cy' };
    expect(await db.auth.personByEmail(p.email)).toEqual(expected);
    expect(await db.auth.personById(p.id)).toEqual(expected);
    expect(await db.auth.personByEmail('nobody@example.test')).toBeUndefined();
  });

  it('gives a live session with its person until it expires, is ended, or the person is disabled', async () => {
    const p = await seedPerson(db, { language: 'en' });
    const [hashA, hashB] = [fixtureId('hash'), fixtureId('hash')];
    await db.auth.createSession({ id: fixtureId('session'), tokenHash: hashA, personId: p.id, now: t0, expiresAt: t0 + 1000 });
    const sessionB = fixtureId('session');
    await db.auth.createSession({ id: sessionB, tokenHash: hashB, personId: p.id, now: t0, expiresAt: t0 + 5000 });
    expect(await db.auth.sessionWithPerson(hashA, t0 + 1)).toEqual({
      sessionId: expect.any(String),
      tokenHash: hashA,
      lastSeenAt: t0,
      expiresAt: t0 + 1000,
      person: { id: p.id, name: 'Rhys Tal', email: p.email, role: 'member', agencyId: p.agencyId, agencyName: p.agencyName, language: 'en' },
    });
    expect(await db.auth.sessionWithPerson(hashA, t0 + 1000)).toBeUndefined();
    await db.auth.touchSession(sessionB, t0 + 10);
    await db.auth.touchSessionByHash(hashB, t0 + 20);
    expect(await db.auth.liveSession(hashB, t0 + 30)).toMatchObject({ id: sessionB, lastSeenAt: t0 + 20, expiresAt: t0 + 5000, createdAt: t0 });
    await db.auth.deleteExpiredSessions(t0 + 2000);
    expect(await db.count('sessions', 'token_hash', hashA)).toBe(0);
    await db.insert('sessions', [{ id: fixtureId('session'), tokenHash: `${hashB}-2`, personId: p.id, createdAt: t0, lastSeenAt: t0, expiresAt: t0 + 9000 }]);
    expect((await db.auth.deleteSessionsOf(p.id)).sort()).toEqual([hashB, `${hashB}-2`].sort());
    expect(await db.auth.liveSession(hashB, t0)).toBeUndefined();
    const disabled = await seedPerson(db, { disabledAt: t0 });
    await db.auth.createSession({ id: fixtureId('session'), tokenHash: `${hashA}-d`, personId: disabled.id, now: t0, expiresAt: t0 + 5000 });
    expect(await db.auth.sessionWithPerson(`${hashA}-d`, t0 + 1)).toBeUndefined();
  });

  it('counts attempts made at the same moment one number each, and a lock holds until it runs out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), async (parallel) => {
        const email = `${fixtureId('attempt')}@example.test`;
        const attempts = await Promise.all(Array.from({ length: parallel }, () => db.auth.countAttempt(email, t0)));
        expect(attempts.map((a) => a.attempt).sort((a, b) => a - b)).toEqual(Array.from({ length: parallel }, (_, i) => i + 1));
        expect(attempts.every((a) => a.lockedUntil === null)).toBe(true);
        await db.auth.lock(email, t0 + 60_000, t0);
        await db.auth.lock(email, t0 + 999_999, t0); // a lock already set is kept
        expect(await db.auth.countAttempt(email, t0 + 1)).toEqual({ attempt: parallel + 1, lockedUntil: t0 + 60_000 });
        // Run out: the count starts again, unlocked.
        expect(await db.auth.countAttempt(email, t0 + 60_000)).toEqual({ attempt: 1, lockedUntil: null });
        await db.auth.clearFailures(email);
        expect(await db.count('sign_in_failures', 'email', email)).toBe(0);
      }),
      { numRuns: 10, examples: [[30]] },
    );
  });
});

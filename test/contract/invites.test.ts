/**
 * A meeting's invite links and the guests they let in: the same cases on SQLite and on PostgreSQL — only usable
 * links are open (not used, withdrawn or expired), oldest first; a link is used once; a guest keeps their first
 * role; and concurrent redemptions of one link inside command transactions let exactly one person in.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, personRow, seedMeetings, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const day = 86_400_000;

describe.each(contractEngines)('meeting invites and guests on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [{ id: 'ag-1', name: 'Police', shortName: 'P', createdAt: t0 }]);
    await db.insert('people', [personRow('p-chair', 'Ceri Chair', 'ag-1', t0), ...Array.from({ length: 8 }, (_, i) => personRow(`p-guest-${i}`, `Guest ${i}`, 'ag-1', t0))]);
  });
  afterAll(() => db?.close());

  const invite = (meetingId: string, id: string, extra: Partial<{ now: number; expiresAt: number; role: 'member' | 'observer' }> = {}) => ({
    id,
    meetingId,
    tokenHash: `hash-${id}`,
    role: extra.role ?? ('member' as const),
    createdBy: 'p-chair',
    now: extra.now ?? t0,
    expiresAt: extra.expiresAt ?? t0 + day,
  });

  it('lists only the links that can still be used, oldest first then by id, without their hashes', async () => {
    const [meetingId, other] = (await seedMeetings(db, 2)).meetingIds;
    await db.invites.create(invite(meetingId, 'inv-b', { role: 'observer' }));
    await db.invites.create(invite(meetingId, 'inv-a'));
    await db.invites.create(invite(meetingId, 'inv-early', { now: t0 - 1 }));
    await db.invites.create(invite(meetingId, 'inv-expired', { expiresAt: t0 + 10 }));
    await db.invites.create(invite(meetingId, 'inv-used'));
    await db.invites.create(invite(meetingId, 'inv-withdrawn'));
    await db.invites.create(invite(other, 'inv-other'));
    expect(await db.invites.markUsed('inv-used', 'p-guest-0', t0 + 1)).toBe(true);
    expect(await db.invites.withdraw(meetingId, 'inv-withdrawn', t0 + 1)).toEqual({ role: 'member' });
    expect(await db.invites.open(meetingId, t0 + 10)).toEqual([
      { id: 'inv-early', role: 'member', createdByName: 'Ceri Chair', createdAt: t0 - 1, expiresAt: t0 + day },
      { id: 'inv-a', role: 'member', createdByName: 'Ceri Chair', createdAt: t0, expiresAt: t0 + day },
      { id: 'inv-b', role: 'observer', createdByName: 'Ceri Chair', createdAt: t0, expiresAt: t0 + day },
    ]);
    // Withdrawing works once, only on this meeting's open links.
    expect(await db.invites.withdraw(meetingId, 'inv-withdrawn', t0 + 2)).toBeNull();
    expect(await db.invites.withdraw(meetingId, 'inv-used', t0 + 2)).toBeNull();
    expect(await db.invites.withdraw(meetingId, 'inv-other', t0 + 2)).toBeNull();
    expect(await db.invites.withdraw(meetingId, 'inv-expired', t0 + 10)).toBeNull();
    expect(await db.invites.withdraw(meetingId, 'no-such', t0)).toBeNull();
    expect(await db.invites.open(other, t0)).toHaveLength(1);
  });

  it('finds an unused link by its hash (withdrawn included, so the refusal can say so), used once only', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const id = fixtureId('inv');
    await db.invites.create(invite(meetingId, id, { expiresAt: t0 + 100 }));
    expect(await db.invites.unused(`hash-${id}`, t0 + 100)).toBeUndefined();
    expect(await db.invites.unused(`hash-${id}`, t0)).toEqual({
      id,
      meetingId,
      tokenHash: `hash-${id}`,
      role: 'member',
      createdBy: 'p-chair',
      createdAt: t0,
      expiresAt: t0 + 100,
      usedAt: null,
      usedBy: null,
      withdrawnAt: null,
    });
    await db.invites.withdraw(meetingId, id, t0 + 1);
    expect((await db.invites.unused(`hash-${id}`, t0 + 2))?.withdrawnAt).toBe(t0 + 1);
    expect(await db.invites.markUsed(id, 'p-guest-1', t0 + 2)).toBe(false);
    expect(await db.invites.unused('hash-unknown', t0)).toBeUndefined();
  });

  it('lets a guest in once: a second invite keeps their first role', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    await db.invites.addGuest(meetingId, 'p-guest-2', 'observer', t0);
    await db.invites.addGuest(meetingId, 'p-guest-2', 'member', t0 + 1);
    expect(await db.rows('meeting_guests', 'meeting_id', meetingId)).toEqual([{ meeting_id: meetingId, person_id: 'p-guest-2', role: 'observer', created_at: t0 }]);
  });

  it('refuses a second link with the same hash and stores nothing of it', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    await db.invites.create({ ...invite(meetingId, 'dup-1'), tokenHash: 'hash-dup' });
    await expect(db.invites.create({ ...invite(meetingId, 'dup-2'), tokenHash: 'hash-dup' })).rejects.toThrow();
    expect(await db.count('meeting_invites', 'id', 'dup-2')).toBe(0);
  });

  it('lets exactly one of any number of people redeeming one link at once in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 8 }), async (people) => {
        const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
        const id = fixtureId('inv');
        await db.invites.create(invite(meetingId, id));
        const redeem = (personId: string) =>
          db.storage.transaction(async (s) => {
            const found = await s.invites.unused(`hash-${id}`, t0 + 1);
            if (!found || found.withdrawnAt !== null) return false;
            if (!(await s.invites.markUsed(found.id, personId, t0 + 1))) return false;
            await s.invites.addGuest(found.meetingId, personId, found.role, t0 + 1);
            return true;
          });
        const results = await Promise.all(Array.from({ length: people }, (_, i) => redeem(`p-guest-${i}`)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await db.count('meeting_guests', 'meeting_id', meetingId)).toBe(1);
      }),
      { numRuns: 10 },
    );
  });
});

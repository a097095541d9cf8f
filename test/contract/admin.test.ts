/**
 * The administration records on SQLite and on PostgreSQL: the same answers to the same calls, names ordered the
 * same (bytewise: capitals, then lower case, then accents), an email taken by anyone whatever their state, and a
 * second person with a taken email refused by both (the unique index), storing nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, personRow, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

describe.each(contractEngines)('administration records on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [
      { id: 'ag-police', name: 'Police', shortName: 'P', createdAt: t0 },
      { id: 'ag-advocacy', name: 'advocacy service', shortName: 'A', createdAt: t0 },
    ]);
    const worker = { jobTitle: 'Worker' };
    await db.insert('people', [
      personRow('p-zoe', 'Zoe Brenner', 'ag-police', t0, worker),
      personRow('p-adam', 'adam Dale', 'ag-advocacy', t0, { ...worker, role: 'coordinator' }),
      personRow('p-emile', 'Émile Oduya', 'ag-police', t0, worker),
    ]);
    await db.insert('series', [
      { id: 's-2', name: 'youth panel', cadence: 'Monthly', createdAt: t0 },
      { id: 's-1', name: 'Repeat Removals Triage', cadence: 'Weekly', createdAt: t0 },
    ]);
    await db.insert('series_members', [
      { seriesId: 's-1', personId: 'p-zoe', role: 'member', createdAt: t0 },
      { seriesId: 's-2', personId: 'p-zoe', role: 'chair', createdAt: t0 },
      { seriesId: 's-1', personId: 'p-adam', role: 'coordinator', createdAt: t0 },
    ]);
    await db.insert('meetings', [{ id: 'm-1', seriesId: 's-1', title: 'First', scheduledAt: t0, chairId: 'p-zoe', createdAt: t0 }]);
  });
  afterAll(() => db?.close());

  it('lists agencies, people and series by name, bytewise, and every membership', async () => {
    expect(await db.admin.agencies()).toEqual([
      { id: 'ag-police', name: 'Police', shortName: 'P' },
      { id: 'ag-advocacy', name: 'advocacy service', shortName: 'A' },
    ]);
    expect((await db.admin.people()).map((p) => p.name)).toEqual(['Zoe Brenner', 'adam Dale', 'Émile Oduya']);
    expect((await db.admin.people())[0]).toEqual({ id: 'p-zoe', name: 'Zoe Brenner', email: 'p-zoe@example.test', jobTitle: 'Worker', role: 'member', agencyId: 'ag-police', disabled: false });
    expect(await db.admin.series()).toEqual([
      { id: 's-1', name: 'Repeat Removals Triage', cadence: 'Weekly' },
      { id: 's-2', name: 'youth panel', cadence: 'Monthly' },
    ]);
    // Ordered by series, then person, on both engines (not left to each engine's storage order).
    expect(await db.admin.members()).toEqual([
      { seriesId: 's-1', personId: 'p-adam', role: 'coordinator' },
      { seriesId: 's-1', personId: 'p-zoe', role: 'member' },
      { seriesId: 's-2', personId: 'p-zoe', role: 'chair' },
    ]);
  });

  it('answers whether things exist, roles held, and who has an email', async () => {
    expect([await db.admin.agencyExists('ag-police'), await db.admin.agencyExists('ag-none')]).toEqual([true, false]);
    expect([await db.admin.personExists('p-adam'), await db.admin.personExists("p-adam' or '1'='1")]).toEqual([true, false]);
    expect([await db.admin.seriesExists('s-2'), await db.admin.seriesExists('S-2')]).toEqual([true, false]);
    expect([await db.admin.personRole('p-adam'), await db.admin.personRole('nobody')]).toEqual(['coordinator', undefined]);
    expect(await db.admin.meetingRolesHeld('p-zoe')).toEqual({ seriesRoles: 2, chairedMeetings: 1 });
    expect(await db.admin.meetingRolesHeld('p-emile')).toEqual({ seriesRoles: 0, chairedMeetings: 0 });
    expect([await db.admin.emailTaken('p-emile@example.test'), await db.admin.emailTaken('P-EMILE@example.test')]).toEqual(['p-emile', null]);
  });

  it('creates agencies and people, updates and disables them, and knows when there is an administrator', async () => {
    expect(await db.admin.hasAdministrator()).toBe(false);
    await db.admin.createAgency({ id: 'ag-new', name: 'Borough Council', shortName: 'BC', now: t0 + 1 });
    await db.admin.createPerson({ id: 'p-admin', agencyId: 'ag-new', name: 'Harper Head', email: 'head@example.test', jobTitle: 'Administrator', role: 'admin', passwordHash: 'hash', createdAt: t0 + 1 });
    expect(await db.admin.hasAdministrator()).toBe(true);
    expect(await db.admin.emailTaken('head@example.test')).toBe('p-admin');
    await db.admin.updatePerson('p-admin', { name: 'Harper Head-Smith', jobTitle: 'Lead administrator' });
    await db.admin.setDisabled('p-admin', t0 + 2);
    expect((await db.admin.people()).find((p) => p.id === 'p-admin')).toEqual({ id: 'p-admin', name: 'Harper Head-Smith', email: 'head@example.test', jobTitle: 'Lead administrator', role: 'admin', agencyId: 'ag-new', disabled: true });
    await db.admin.setDisabled('p-admin', null);
    expect((await db.admin.people()).find((p) => p.id === 'p-admin')?.disabled).toBe(false);
    expect((await db.rows('agencies', 'id', 'ag-new'))[0]).toMatchObject({ name: 'Borough Council', short_name: 'BC', created_at: t0 + 1 });
  });

  it('refuses a second person with a taken email and stores nothing of it', async () => {
    await expect(db.admin.createPerson({ id: 'p-dup', agencyId: 'ag-police', name: 'Dup', email: 'p-zoe@example.test', role: 'member', createdAt: t0 })).rejects.toThrow();
    expect(await db.count('people', 'id', 'p-dup')).toBe(0);
  });

  it('lists people of the same name in id order on both engines', async () => {
    const row = (id: string) => ({ id, agencyId: 'ag-police', name: 'Sam Jones', email: `${id}@example.test`, role: 'member' as const, createdAt: t0 });
    await db.admin.createPerson(row('p-same-2'));
    await db.admin.createPerson(row('p-same-1'));
    expect((await db.admin.people()).filter((p) => p.name === 'Sam Jones').map((p) => p.id)).toEqual(['p-same-1', 'p-same-2']);
  });

  it('stores any agency name as given (a unique tail keeps names apart), lists all bytewise; hostile ids find nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ maxLength: 40 }), async (name, probe) => {
        const id = fixtureId('agency');
        await db.admin.createAgency({ id, name: `${name} ${id}`, shortName: 'X', now: t0 });
        expect((await db.admin.agencies()).find((a) => a.id === id)).toEqual({ id, name: `${name} ${id}`, shortName: 'X' });
        fc.pre(!/^(p|ag|s|m)-/.test(probe));
        expect([await db.admin.personExists(probe), await db.admin.emailTaken(probe), await db.admin.seriesExists(probe)]).toEqual([false, null, false]);
      }),
      { numRuns: 30 },
    );
    const names = (await db.admin.agencies()).map((a) => a.name);
    expect(names).toEqual([...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });
});

/**
 * The administration records (agencies, people, series and their members): the same answers on SQLite and
 * PostgreSQL, lists ordered the same way on both (bytewise by name, then id), hostile text stored as given.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe.each(contractEngines)('administration records on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  it('creates agencies and lists them bytewise by name, then id', async () => {
    expect(await db.admin.hasAdministrator()).toBe(false);
    for (const [id, name] of [['ag-b', 'Police'], ['ag-a', 'Probation'], ['ag-c', 'advocacy'], ['ag-d', 'Éarly Help'], ['ag-e', 'Zed']]) {
      await db.admin.createAgency({ id, name, shortName: name.slice(0, 2).toUpperCase(), now: t0 });
    }
    expect((await db.admin.agencies()).map((a) => a.id)).toEqual(['ag-b', 'ag-a', 'ag-e', 'ag-c', 'ag-d']);
    expect((await db.admin.agencies())[0]).toEqual({ id: 'ag-b', name: 'Police', shortName: 'PO' });
    // Names are unique (the table says so): a second agency of the same name is refused on both engines.
    await expect(db.admin.createAgency({ id: 'ag-f', name: 'Police', shortName: 'P2', now: t0 })).rejects.toThrow();
    expect(await db.admin.agencyExists('ag-f')).toBe(false);
    expect([await db.admin.agencyExists('ag-c'), await db.admin.agencyExists('nope')]).toEqual([true, false]);
  });

  it('creates, finds, updates, disables and enables people', async () => {
    const row = (id: string, name: string, role: 'admin' | 'member' = 'member') => ({ id, agencyId: 'ag-a', name, email: `${id}@example.test`, jobTitle: 'Officer', role, createdAt: t0 });
    await db.admin.createPerson(row('p-2', 'Sam Jones'));
    await db.admin.createPerson(row('p-1', 'Sam Jones'));
    await db.admin.createPerson(row('p-3', 'alex Lowe'));
    await db.admin.createPerson(row('p-4', 'Ann Admin', 'admin'));
    expect(await db.admin.hasAdministrator()).toBe(true);
    expect(await db.admin.people()).toEqual([
      { id: 'p-4', name: 'Ann Admin', email: 'p-4@example.test', jobTitle: 'Officer', role: 'admin', agencyId: 'ag-a', disabled: false },
      { id: 'p-1', name: 'Sam Jones', email: 'p-1@example.test', jobTitle: 'Officer', role: 'member', agencyId: 'ag-a', disabled: false },
      { id: 'p-2', name: 'Sam Jones', email: 'p-2@example.test', jobTitle: 'Officer', role: 'member', agencyId: 'ag-a', disabled: false },
      { id: 'p-3', name: 'alex Lowe', email: 'p-3@example.test', jobTitle: 'Officer', role: 'member', agencyId: 'ag-a', disabled: false },
    ]);
    expect([await db.admin.personExists('p-1'), await db.admin.personExists('nope')]).toEqual([true, false]);
    expect([await db.admin.emailTaken('p-2@example.test'), await db.admin.emailTaken('nobody@example.test')]).toEqual(['p-2', null]);
    expect([await db.admin.personRole('p-4'), await db.admin.personRole('nope')]).toEqual(['admin', undefined]);
    await db.admin.updatePerson('p-3', { name: 'Alex Lowe', role: 'coordinator', language: 'cy' });
    expect((await db.rows('people', 'id', 'p-3'))[0]).toMatchObject({ name: 'Alex Lowe', role: 'coordinator', language: 'cy' });
    await db.admin.setDisabled('p-3', t0 + 7);
    expect((await db.admin.people()).find((p) => p.id === 'p-3')?.disabled).toBe(true);
    expect(Number((await db.rows('people', 'id', 'p-3'))[0].disabled_at)).toBe(t0 + 7);
    await db.admin.setDisabled('p-3', null);
    expect((await db.admin.people()).find((p) => p.id === 'p-3')?.disabled).toBe(false);
  });

  it('lists series and every membership in order, and counts the meeting roles a person holds', async () => {
    await db.insert('series', [
      { id: 's-b', name: 'Triage', cadence: 'Weekly', createdAt: t0 },
      { id: 's-a', name: 'MARAC', createdAt: t0 },
    ]);
    expect(await db.admin.series()).toEqual([
      { id: 's-a', name: 'MARAC', cadence: '' },
      { id: 's-b', name: 'Triage', cadence: 'Weekly' },
    ]);
    expect([await db.admin.seriesExists('s-a'), await db.admin.seriesExists('nope')]).toEqual([true, false]);
    await db.insert('series_members', [
      { seriesId: 's-b', personId: 'p-2', role: 'member', createdAt: t0 },
      { seriesId: 's-a', personId: 'p-2', role: 'chair', createdAt: t0 },
      { seriesId: 's-a', personId: 'p-1', role: 'observer', createdAt: t0 },
    ]);
    await db.insert('meetings', [{ id: fixtureId('meeting'), seriesId: 's-a', title: 'M', scheduledAt: t0, chairId: 'p-1', createdAt: t0 }]);
    expect(await db.admin.members()).toEqual([
      { seriesId: 's-a', personId: 'p-1', role: 'observer' },
      { seriesId: 's-a', personId: 'p-2', role: 'chair' },
      { seriesId: 's-b', personId: 'p-2', role: 'member' },
    ]);
    expect(await db.admin.meetingRolesHeld('p-2')).toEqual({ seriesRoles: 2, chairedMeetings: 0 });
    expect(await db.admin.meetingRolesHeld('p-1')).toEqual({ seriesRoles: 1, chairedMeetings: 1 });
    expect(await db.admin.meetingRolesHeld('p-4')).toEqual({ seriesRoles: 0, chairedMeetings: 0 });
  });

  it('stores any agency name as given (a unique tail keeps names apart) and finds it again; unknown hostile ids are simply not there', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ maxLength: 40 }), async (name, probe) => {
        const id = fixtureId('agency');
        await db.admin.createAgency({ id, name: `${name} ${id}`, shortName: 'X', now: t0 });
        expect((await db.admin.agencies()).find((a) => a.id === id)).toEqual({ id, name: `${name} ${id}`, shortName: 'X' });
        fc.pre(!probe.startsWith('p-') && !probe.startsWith('ag-') && !probe.startsWith('s-'));
        expect([await db.admin.personExists(probe), await db.admin.emailTaken(probe), await db.admin.seriesExists(probe)]).toEqual([false, null, false]);
      }),
      { numRuns: 30 },
    );
    // Both engines agree on the order of everything stored above.
    const names = (await db.admin.agencies()).map((a) => `${a.name}\u0000${a.id}`);
    expect(names).toEqual([...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });
});

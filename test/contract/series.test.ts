/**
 * Series, their members and their meetings: the same cases on SQLite and on PostgreSQL — lists in the same order
 * (names bytewise, ties by id), JSON settings read back as written, membership replaced exactly, a new meeting
 * stored with its first document in the caller's transaction, and the overlap check agreeing with a plain model
 * for any meetings and any start.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, storedMeeting, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const hour = 3_600_000;
const cadence = { kind: 'weekly' as const, weekday: 2, time: '10:00', startsOn: '2026-11-24', endsOn: null };
const template = [
  { kind: 'apologies' as const, title: 'Ymddiheuriadau — Apologies' },
  { kind: 'custom' as const, title: 'Cases "for review"', text: 'Émile’s note\nline two' },
];

describe.each(contractEngines)('series and meetings on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [
      { id: 'ag-police', name: 'Police', shortName: 'P', createdAt: t0 },
      { id: 'ag-adv', name: 'advocacy service', shortName: 'A', createdAt: t0 },
      { id: 'ag-eh', name: 'Éarly Help', shortName: 'E', createdAt: t0 },
    ]);
    const person = (id: string, name: string, agencyId: string, extra: Record<string, unknown> = {}) => ({
      id,
      agencyId,
      name,
      email: `${id}@example.test`,
      role: 'member',
      createdAt: t0,
      ...extra,
    });
    await db.insert('people', [
      person('p-zoe', 'Zoe Brenner', 'ag-police', { language: 'cy' }),
      person('p-adam', 'adam Dale', 'ag-adv'),
      person('p-emile', 'Émile Oduya', 'ag-eh'),
      person('p-b', 'Alex Marsh', 'ag-police', { role: 'chair' }),
      person('p-a', 'Alex Marsh', 'ag-adv', { role: 'coordinator' }),
      person('p-admin', 'Ada Admin', 'ag-police', { role: 'admin' }),
      person('p-gone', 'Bea Gone', 'ag-police', { disabledAt: t0 }),
    ]);
  });
  afterAll(() => db?.close());

  it('stores a series and reads it back as written, settings JSON included', async () => {
    const row = {
      id: 'series-json',
      name: 'JSON Triage',
      cadence: 'Weekly on Tuesday at 10:00',
      ownerAgencyId: 'ag-police',
      caseRefPrefix: 'JT',
      createdAt: t0,
      body: 'Joint panel',
      chairId: 'p-a',
      deputyChairId: null,
      venue: 'Room 1',
      onlineLink: 'https://meet.example.test/x',
      cadenceRule: cadence,
      agendaTemplate: template,
      decisionPrefix: 'JT',
      decisionScheme: 'YYYY/NNN' as const,
      minutesLanguage: 'bilingual' as const,
      archivedAt: null,
      updatedAt: t0,
    };
    await db.series.insert(row);
    expect(await db.series.find('series-json')).toEqual(row);
    expect(JSON.stringify((await db.series.find('series-json'))?.agendaTemplate)).toBe(JSON.stringify(template));
    await db.series.update('series-json', { archivedAt: t0 + 1, cadenceRule: null, agendaTemplate: [] });
    expect(await db.series.find('series-json')).toEqual({ ...row, archivedAt: t0 + 1, cadenceRule: null, agendaTemplate: [] });
    expect(await db.series.find('nope')).toBeUndefined();
    // A series inserted with only what is required takes the same defaults on both engines.
    await db.series.insert({ id: 'series-min', name: 'Minimal', createdAt: t0 });
    expect(await db.series.find('series-min')).toEqual({
      id: 'series-min',
      name: 'Minimal',
      cadence: '',
      ownerAgencyId: null,
      caseRefPrefix: null,
      createdAt: t0,
      body: '',
      chairId: null,
      deputyChairId: null,
      venue: 'Online',
      onlineLink: null,
      cadenceRule: null,
      agendaTemplate: [],
      decisionPrefix: '',
      decisionScheme: 'NNN/YYYY',
      minutesLanguage: 'en',
      archivedAt: null,
      updatedAt: null,
    });
  });

  it('lists series by name bytewise, ties by id, and a person\'s series with their role', async () => {
    for (const [id, name] of [
      ['series-z2', 'Zeta'],
      ['series-z1', 'Zeta'],
      ['series-lower', 'alpha'],
      ['series-accent', 'Éclair'],
    ]) {
      await db.series.insert({ id, name, createdAt: t0 });
    }
    const names = (await db.series.all()).map((s) => `${s.name}/${s.id}`);
    expect(names.filter((n) => /Zeta|alpha|Éclair/.test(n))).toEqual(['Zeta/series-z1', 'Zeta/series-z2', 'alpha/series-lower', 'Éclair/series-accent']);
    await db.series.replaceMembers('series-z2', [{ personId: 'p-zoe', role: 'chair' }], t0);
    await db.series.replaceMembers('series-lower', [{ personId: 'p-zoe', role: 'governance' }], t0);
    const mine = await db.series.ofPerson('p-zoe');
    expect(mine.map((s) => [s.id, s.role])).toEqual([
      ['series-z2', 'chair'],
      ['series-lower', 'governance'],
    ]);
    expect(mine[0]).toMatchObject({ name: 'Zeta', venue: 'Online', agendaTemplate: [] });
    expect(await db.series.ofPerson('p-nobody')).toEqual([]);
  });

  it('replaces the membership exactly: roles changed, newcomers added, the rest removed; listed by name then id', async () => {
    const id = fixtureId('series');
    await db.series.insert({ id, name: 'Members', createdAt: t0 });
    await db.series.replaceMembers(
      id,
      [
        { personId: 'p-zoe', role: 'member' },
        { personId: 'p-adam', role: 'observer' },
        { personId: 'p-b', role: 'chair' },
      ],
      t0,
    );
    await db.series.replaceMembers(
      id,
      [
        { personId: 'p-b', role: 'coordinator' },
        { personId: 'p-a', role: 'chair' },
        { personId: 'p-emile', role: 'member' },
        { personId: 'p-zoe', role: 'member' },
      ],
      t0 + 1,
    );
    expect(await db.series.members(id)).toEqual([
      { personId: 'p-a', role: 'chair', name: 'Alex Marsh', agencyId: 'ag-adv', agencyName: 'advocacy service' },
      { personId: 'p-b', role: 'coordinator', name: 'Alex Marsh', agencyId: 'ag-police', agencyName: 'Police' },
      { personId: 'p-zoe', role: 'member', name: 'Zoe Brenner', agencyId: 'ag-police', agencyName: 'Police' },
      { personId: 'p-emile', role: 'member', name: 'Émile Oduya', agencyId: 'ag-eh', agencyName: 'Éarly Help' },
    ]);
    // A member kept keeps the day they joined.
    const zoe = (await db.rows('series_members', 'series_id', id)).find((r) => r.person_id === 'p-zoe');
    expect(Number(zoe?.created_at)).toBe(t0);
    await db.series.replaceMembers(id, [], t0 + 2);
    expect(await db.series.members(id)).toEqual([]);
  });

  it('keeps any sequence of membership replacements equal to the last one asked for', async () => {
    const ids = ['p-zoe', 'p-adam', 'p-emile', 'p-a', 'p-b'];
    const roles = ['chair', 'coordinator', 'member', 'observer', 'governance'] as const;
    const membership = fc.uniqueArray(fc.record({ personId: fc.constantFrom(...ids), role: fc.constantFrom(...roles) }), { selector: (m) => m.personId, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(fc.array(membership, { minLength: 1, maxLength: 4 }), async (steps) => {
        const id = fixtureId('series');
        await db.series.insert({ id, name: 'Property', createdAt: t0 });
        for (const wanted of steps) await db.series.replaceMembers(id, wanted, t0);
        const last = steps[steps.length - 1];
        const stored = (await db.series.members(id)).map((m) => [m.personId, m.role] as const);
        expect(new Map(stored)).toEqual(new Map(last.map((m) => [m.personId, m.role])));
        expect(stored.length).toBe(last.length);
      }),
      { numRuns: 15 },
    );
  });

  it('answers who exists, who may be a member, who gets invites and whose prefix is taken', async () => {
    expect(await db.series.peopleRoles([])).toEqual(new Map());
    expect(await db.series.peopleRoles(['p-admin', 'p-b', 'p-ghost'])).toEqual(
      new Map([
        ['p-admin', 'admin'],
        ['p-b', 'chair'],
      ]),
    );
    const directory = await db.series.directory();
    expect(directory.agencies).toEqual([
      { id: 'ag-police', name: 'Police' },
      { id: 'ag-adv', name: 'advocacy service' },
      { id: 'ag-eh', name: 'Éarly Help' },
    ]);
    // No administrators, no disabled accounts.
    expect(directory.people.map((p) => p.id)).toEqual(['p-a', 'p-b', 'p-zoe', 'p-adam', 'p-emile']);
    expect(directory.people[0]).toEqual({ id: 'p-a', name: 'Alex Marsh', agencyId: 'ag-adv', agencyName: 'advocacy service' });

    const id = fixtureId('series');
    await db.series.insert({ id, name: 'Invitees', createdAt: t0 });
    await db.insert('series_members', [
      { seriesId: id, personId: 'p-zoe', role: 'member', createdAt: t0 },
      { seriesId: id, personId: 'p-gone', role: 'member', createdAt: t0 },
      { seriesId: id, personId: 'p-b', role: 'chair', createdAt: t0 },
    ]);
    expect(await db.series.inviteesOf(id)).toEqual([
      { id: 'p-b', name: 'Alex Marsh', email: 'p-b@example.test', language: null },
      { id: 'p-zoe', name: 'Zoe Brenner', email: 'p-zoe@example.test', language: 'cy' },
    ]);
    expect(await db.series.contactsOf([])).toEqual([]);
    expect((await db.series.contactsOf(['p-emile', 'p-gone', 'p-a', 'p-ghost'])).map((p) => p.id)).toEqual(['p-a', 'p-emile']);
    expect([await db.series.agencyExists('ag-eh'), await db.series.agencyExists('ag-none')]).toEqual([true, false]);
    expect([await db.series.personName('p-emile'), await db.series.personName('p-none')]).toEqual(['Émile Oduya', null]);

    expect((await db.series.withCaseRefPrefix('JT', null))?.id).toBe('series-json');
    expect(await db.series.withCaseRefPrefix('JT', 'series-json')).toBeUndefined();
    expect(await db.series.withCaseRefPrefix('jt', null)).toBeUndefined();
  });

  it('stores a new meeting with its first document, and neither when the command fails', async () => {
    const seriesId = fixtureId('series');
    await db.series.insert({ id: seriesId, name: 'Meetings', createdAt: t0 });
    const first = new Uint8Array([1, 0, 255, 7]);
    await db.storage.transaction(async (s) => {
      await s.series.insertMeeting({ id: `${seriesId}-m1`, seriesId, title: 'Meetings', scheduledAt: t0 + 24 * hour, venue: 'Room 2', chairId: 'p-b', createdAt: t0 }, first);
      await s.audit.record({ actorId: null, action: 'test.schedule', targetType: 'series', targetId: seriesId }, t0);
    });
    expect(await db.series.findMeeting(`${seriesId}-m1`)).toEqual(
      storedMeeting({ id: `${seriesId}-m1`, seriesId, title: 'Meetings', scheduledAt: t0 + 24 * hour, venue: 'Room 2', chairId: 'p-b', createdAt: t0 }),
    );
    expect(await db.meetingDocs.load(`${seriesId}-m1`, 'shared')).toEqual({ snapshot: first, updates: [], lastSeq: 0 });

    await expect(
      db.storage.transaction(async (s) => {
        await s.series.insertMeeting({ id: `${seriesId}-m2`, seriesId, title: 'Meetings', scheduledAt: t0 + 48 * hour, createdAt: t0 }, first);
        throw new Error('refused after the insert');
      }),
    ).rejects.toThrow('refused after the insert');
    expect(await db.series.findMeeting(`${seriesId}-m2`)).toBeUndefined();
    expect(await db.count('meeting_documents', 'meeting_id', `${seriesId}-m2`)).toBe(0);

    await db.series.updateMeeting(`${seriesId}-m1`, { status: 'cancelled', cancelledAt: t0 + 1, cancelReason: 'Storm — “closed”', cancelledBy: 'p-b', sequence: 1 });
    expect(await db.series.findMeeting(`${seriesId}-m1`)).toMatchObject({ status: 'cancelled', cancelledAt: t0 + 1, cancelReason: 'Storm — “closed”', cancelledBy: 'p-b', sequence: 1 });
    expect(await db.series.findMeeting('nope')).toBeUndefined();
  });

  it('lists a series\' meetings by start then id, and finds the last that counts', async () => {
    const seriesId = fixtureId('series');
    await db.series.insert({ id: seriesId, name: 'Order', createdAt: t0 });
    await db.insert('meetings', [
      { id: 'mo-b', seriesId, title: 'B', scheduledAt: t0 + 2 * hour, createdAt: t0 },
      { id: 'mo-a', seriesId, title: 'A', scheduledAt: t0 + 2 * hour, status: 'cancelled', createdAt: t0 },
      { id: 'mo-c', seriesId, title: 'C', scheduledAt: t0 + hour, createdAt: t0 },
      { id: 'mo-late', seriesId, title: 'Late', scheduledAt: t0 + 9 * hour, status: 'cancelled', createdAt: t0 },
    ]);
    expect((await db.series.meetingsOf(seriesId)).map((m) => m.id)).toEqual(['mo-c', 'mo-a', 'mo-b', 'mo-late']);
    expect(await db.series.lastMeetingAt(seriesId)).toBe(t0 + 2 * hour);
    expect(await db.series.lastMeetingAt('series-none')).toBeNull();
    expect(await db.series.meetingsOf('series-none')).toEqual([]);
  });

  it('finds a clashing meeting exactly when a plain model does, for any meetings and any start', async () => {
    const window = 90 * 60_000;
    const meeting = fc.record({ offset: fc.integer({ min: 0, max: 12 }).map((q) => q * 15 * 60_000), cancelled: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(
        fc.array(meeting, { maxLength: 6 }),
        fc.integer({ min: 0, max: 12 }).map((q) => q * 15 * 60_000),
        fc.boolean(),
        async (existing, start, exceptFirst) => {
          const seriesId = fixtureId('series');
          await db.series.insert({ id: seriesId, name: 'Overlap', createdAt: t0 });
          const rows = existing.map((m, i) => ({ id: `${seriesId}-${i}`, seriesId, title: 'O', scheduledAt: t0 + m.offset, status: m.cancelled ? ('cancelled' as const) : ('scheduled' as const), createdAt: t0 }));
          if (rows.length) await db.insert('meetings', rows);
          const exceptId = exceptFirst && rows.length ? rows[0].id : undefined;
          const clash = await db.series.overlapping(seriesId, t0 + start, window, exceptId);
          const expected = rows
            .filter((r) => r.status !== 'cancelled' && r.id !== exceptId && Math.abs(r.scheduledAt - (t0 + start)) < window)
            .sort((a, b) => a.scheduledAt - b.scheduledAt || (a.id < b.id ? -1 : 1))[0];
          expect(clash?.id).toBe(expected?.id);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('finds the previous meeting with minutes and its latest version', async () => {
    const seriesId = fixtureId('series');
    await db.series.insert({ id: seriesId, name: 'Minutes', createdAt: t0 });
    await db.insert('meetings', [
      { id: `${seriesId}-old`, seriesId, title: 'Old', scheduledAt: t0, status: 'ended', endedAt: t0 + hour, createdAt: t0 },
      { id: `${seriesId}-mid`, seriesId, title: 'Mid', scheduledAt: t0 + 24 * hour, status: 'ended', endedAt: t0 + 25 * hour, createdAt: t0 },
      { id: `${seriesId}-nominutes`, seriesId, title: 'None', scheduledAt: t0 + 48 * hour, status: 'ended', endedAt: t0 + 49 * hour, createdAt: t0 },
      { id: `${seriesId}-now`, seriesId, title: 'Now', scheduledAt: t0 + 72 * hour, createdAt: t0 },
    ]);
    const version = (meetingId: string, v: number) => ({ meetingId, version: v, content: { v }, contentHash: `h${v}`, createdBy: 'p-b', createdAt: t0 });
    await db.insert('minutes_versions', [version(`${seriesId}-old`, 1), version(`${seriesId}-mid`, 1), version(`${seriesId}-mid`, 3), version(`${seriesId}-mid`, 2)]);
    expect((await db.series.previousWithMinutes(seriesId, t0 + 72 * hour))?.id).toBe(`${seriesId}-mid`);
    expect((await db.series.previousWithMinutes(seriesId, t0 + 24 * hour))?.id).toBe(`${seriesId}-old`);
    expect(await db.series.previousWithMinutes(seriesId, t0)).toBeUndefined();
    expect(await db.series.latestMinutesVersion(`${seriesId}-mid`)).toBe(3);
    expect(await db.series.latestMinutesVersion(`${seriesId}-nominutes`)).toBeNull();
  });
});

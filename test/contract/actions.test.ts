/**
 * The actions store, the same cases on SQLite and on PostgreSQL: the tracker's order (undated first, due days and
 * names bytewise, whatever they hold), its filters, matters arising, the history in order, and status changes that
 * land all together or not at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionRow, contractEngines, fixtureId, openForBlock, personRow, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const day = 86_400_000;
const bytewise = (a: string, b: string) => (Buffer.compare(Buffer.from(a), Buffer.from(b)) as number);

interface Fixture {
  seriesId: string;
  meetings: { first: string; second: string; next: string };
  agencies: { a: string; b: string };
  people: { jo: string; emile: string };
}

async function seed(db: EngineUnderTest): Promise<Fixture> {
  const agencies = { a: fixtureId('agency'), b: fixtureId('agency') };
  await db.insert('agencies', [
    { id: agencies.a, name: `Ärzte ${agencies.a}`, shortName: 'A', createdAt: t0 },
    { id: agencies.b, name: `zeta ${agencies.b}`, shortName: 'Z', createdAt: t0 },
  ]);
  const people = { jo: fixtureId('jo'), emile: fixtureId('emile') };
  await db.insert('people', [
    personRow(people.jo, 'Jo Brenner', agencies.a, t0),
    personRow(people.emile, 'Émile Oduya', agencies.b, t0),
  ]);
  const seriesId = fixtureId('series');
  await db.insert('series', [{ id: seriesId, name: 'Triage “North” — ümlaut', createdAt: t0 }]);
  const meetings = { first: fixtureId('m1'), second: fixtureId('m2'), next: fixtureId('m3') };
  await db.insert('meetings', [
    { id: meetings.first, seriesId, title: 'First', scheduledAt: t0, openedAt: t0 + 5 * 60_000, status: 'ended', createdAt: t0 },
    { id: meetings.second, seriesId, title: 'Second', scheduledAt: t0 + 7 * day, status: 'ended', createdAt: t0 },
    { id: meetings.next, seriesId, title: 'Next', scheduledAt: t0 + 14 * day, createdAt: t0 },
  ]);
  return { seriesId, meetings, agencies, people };
}

const action = (f: Fixture, over: Record<string, unknown>) => actionRow(t0, { seriesId: f.seriesId, meetingId: f.meetings.first, ...over });

describe.each(contractEngines)('actions on $name', (engine) => {
  const db = openForBlock(engine);

  it('lists a series’ actions with owner, meeting time and status, undated first, then by due day, meeting and place', async () => {
    const f = await seed(db);
    const rows = [
      action(f, { id: `${f.seriesId}-c`, due: '2026-12-01', meetingId: f.meetings.second, position: 0, ownerPersonId: f.people.jo, ownerAgencyId: f.agencies.a, caseRef: 'RR-001' }),
      action(f, { id: `${f.seriesId}-b`, due: '2026-12-01', meetingId: f.meetings.first, position: 2, ownerAgencyId: f.agencies.b }),
      action(f, { id: `${f.seriesId}-a`, due: '2026-12-01', meetingId: f.meetings.first, position: 1, status: 'done' }),
      action(f, { id: `${f.seriesId}-d`, due: null, meetingId: f.meetings.second, position: 0 }),
      action(f, { id: `${f.seriesId}-e`, due: '2026-11-30', meetingId: f.meetings.second, position: 5, ownerPersonId: f.people.emile, ownerAgencyId: f.agencies.b }),
    ];
    await db.insert('actions', rows);
    const listed = await db.actions.list(f.seriesId, {});
    expect(listed.map((r) => r.id.slice(-1))).toEqual(['d', 'e', 'a', 'b', 'c']);
    expect(listed[4]).toEqual({
      id: `${f.seriesId}-c`,
      seriesId: f.seriesId,
      meetingId: f.meetings.second,
      meetingTitle: 'Second',
      meetingAt: t0 + 7 * day,
      caseRef: 'RR-001',
      what: 'Share the safety plan',
      ownerPersonId: f.people.jo,
      ownerAgencyId: f.agencies.a,
      ownerName: 'Jo Brenner',
      ownerAgency: `Ärzte ${f.agencies.a}`,
      due: '2026-12-01',
      status: 'open',
      updatedAt: t0,
    });
    // Held meetings give the time they opened; the owner-less action names nobody.
    expect(listed[2]).toMatchObject({ meetingAt: t0 + 5 * 60_000, ownerName: null, ownerAgency: null });
    expect((await db.actions.list(f.seriesId, { agencyId: f.agencies.b })).map((r) => r.id.slice(-1))).toEqual(['e', 'b']);
    expect((await db.actions.list(f.seriesId, { personId: f.people.emile, statuses: ['open'] })).map((r) => r.id.slice(-1))).toEqual(['e']);
    expect((await db.actions.list(f.seriesId, { statuses: ['done', 'not-done'] })).map((r) => r.id.slice(-1))).toEqual(['a']);
    expect(await db.actions.list(f.seriesId, { statuses: [] })).toEqual([]);
    expect(await db.actions.list('no-such-series', {})).toEqual([]);
    expect((await db.actions.byIds([`${f.seriesId}-c`, `${f.seriesId}-d`, 'nope'])).map((r) => r.id.slice(-1))).toEqual(['d', 'c']);
    expect(await db.actions.byIds([])).toEqual([]);
    // Matters arising of the third meeting: open actions of meetings before it; of the second: the first's only.
    expect((await db.actions.openBefore(f.seriesId, t0 + 14 * day)).map((r) => r.id.slice(-1))).toEqual(['d', 'e', 'b', 'c']);
    expect((await db.actions.openBefore(f.seriesId, t0 + 7 * day)).map((r) => r.id.slice(-1))).toEqual(['b']);
    expect(await db.actions.find(`${f.seriesId}-a`)).toEqual({ ...rows[2] });
    expect(await db.actions.find('nope')).toBeUndefined();
    expect(await db.actions.seriesName(f.seriesId)).toBe('Triage “North” — ümlaut');
    expect(await db.actions.seriesName('nope')).toBeNull();
    expect(await db.actions.meetingScheduledAt(f.meetings.second)).toBe(t0 + 7 * day);
    expect(await db.actions.meetingScheduledAt('nope')).toBe(0);
    expect(await db.actions.meetingSeriesId(f.meetings.next)).toBe(f.seriesId);
    expect(await db.actions.meetingSeriesId('nope')).toBeNull();
  });

  it('orders any due days bytewise, as SQLite compares text, whatever characters they hold', async () => {
    const due = fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2026-12-01', '2026-1-2', 'Ä', 'a', 'B', ' ', '-', '2026-12-01 ')), { nil: null });
    await fc.assert(
      fc.asyncProperty(fc.array(due, { minLength: 1, maxLength: 8 }), async (dues) => {
        const f = await seed(db);
        const rows = dues.map((d, i) => action(f, { id: `${f.seriesId}-${String(i).padStart(2, '0')}`, due: d?.replaceAll('\u0000', '') ?? null, position: 0 }));
        await db.insert('actions', rows);
        const expected = [...rows]
          .sort((x, y) => (x.due === y.due ? bytewise(x.id, y.id) : x.due === null ? -1 : y.due === null ? 1 : bytewise(x.due as string, y.due as string) || bytewise(x.id, y.id)))
          .map((r) => r.id);
        expect((await db.actions.list(f.seriesId, {})).map((r) => r.id)).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('records a status change with its history row, and a bulk change all together or not at all', async () => {
    const f = await seed(db);
    const [x, y, z] = [action(f, { due: '2026-12-01' }), action(f, { due: '2026-12-02' }), action(f, { due: '2026-12-03' })];
    await db.insert('actions', [x, y, z]);
    await db.actions.setStatus(x.id, { status: 'done', note: 'Plan shared — “signed”', meetingId: f.meetings.next, byPersonId: f.people.jo }, t0 + 1000);
    await db.actions.setStatus(x.id, { status: 'open', note: null, meetingId: null, byPersonId: f.people.emile }, t0 + 1000);
    await db.actions.setStatuses([y.id, z.id], { status: 'not-possible', note: 'Family moved away', byPersonId: f.people.emile }, t0 + 2000);
    expect((await db.actions.find(y.id))?.status).toBe('not-possible');
    expect((await db.actions.find(x.id))?.updatedAt).toBe(t0 + 1000);
    expect(await db.actions.history([z.id, x.id, 'nope'])).toEqual([
      { actionId: x.id, status: 'done', note: 'Plan shared — “signed”', at: t0 + 1000, meetingId: f.meetings.next, byName: 'Jo Brenner' },
      { actionId: x.id, status: 'open', note: null, at: t0 + 1000, meetingId: null, byName: 'Émile Oduya' },
      { actionId: z.id, status: 'not-possible', note: 'Family moved away', at: t0 + 2000, meetingId: null, byName: 'Émile Oduya' },
    ]);
    expect(await db.actions.history([])).toEqual([]);
    expect(await db.actions.updatedInMeeting(f.meetings.next)).toEqual([x.id]);
    expect(await db.actions.updatedInMeeting(f.meetings.first)).toEqual([]);

    // A person who does not exist: the history row is refused, and neither action changes.
    await expect(db.actions.setStatuses([x.id, y.id], { status: 'not-done', note: null, byPersonId: 'no-such-person' }, t0 + 3000)).rejects.toThrow();
    expect((await db.actions.find(x.id))?.status).toBe('open');
    expect((await db.actions.find(y.id))?.status).toBe('not-possible');
    expect(await db.count('action_updates', 'action_id', y.id)).toBe(1);
  });

  it('rolls a status change back with the command that made it', async () => {
    const f = await seed(db);
    const x = action(f, {});
    await db.insert('actions', [x]);
    await expect(
      db.storage.transaction(async (s) => {
        await s.actions.setStatus(x.id, { status: 'done', note: null, meetingId: null, byPersonId: f.people.jo }, t0);
        await s.audit.record({ actorId: f.people.jo, action: 'action.status', targetType: 'action', targetId: x.id }, t0);
        throw new Error('refused after the change');
      }),
    ).rejects.toThrow('refused after the change');
    expect((await db.actions.find(x.id))?.status).toBe('open');
    expect(await db.actions.history([x.id])).toEqual([]);
  });
});

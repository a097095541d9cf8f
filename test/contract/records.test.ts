/**
 * The records the API lists and who may take part in a meeting: the same cases on SQLite and on PostgreSQL,
 * including names ordered the same way on both (bytewise: capitals, then lower case, then accents).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytewiseAgencies, bytewisePeople, contractEngines, personRow, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

describe.each(contractEngines)('records on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', bytewiseAgencies(t0));
    await db.insert('people', [...bytewisePeople(t0), personRow('p-chair', 'Alex Marsh', 'ag-police', t0), personRow('p-outsider', 'Bea Outside', 'ag-police', t0)]);
    await db.insert('series', [{ id: 's-1', name: 'Repeat Removals Triage', minutesLanguage: 'bilingual', createdAt: t0 }]);
    await db.insert('series_members', [
      { seriesId: 's-1', personId: 'p-zoe', role: 'member', createdAt: t0 },
      { seriesId: 's-1', personId: 'p-adam', role: 'observer', createdAt: t0 },
    ]);
    await db.insert('meetings', [
      { id: 'm-later', seriesId: 's-1', title: 'Later', scheduledAt: t0 + 2, createdAt: t0 },
      { id: 'm-first', seriesId: 's-1', title: 'First', scheduledAt: t0, chairId: 'p-chair', status: 'cancelled', cancelReason: 'Bank holiday', createdAt: t0 },
    ]);
    await db.insert('meeting_guests', [{ meetingId: 'm-first', personId: 'p-emile', role: 'member', createdAt: t0 }]);
  });
  afterAll(() => db?.close());

  it('lists meetings by date with their series and finds one', async () => {
    const first = { id: 'm-first', title: 'First', scheduledAt: t0, venue: 'Online', status: 'cancelled', seriesId: 's-1', seriesName: 'Repeat Removals Triage', minutesLanguage: 'bilingual', chairId: 'p-chair', minuteTakerId: null, cancelReason: 'Bank holiday' };
    expect((await db.records.listMeetings()).map((m) => m.id)).toEqual(['m-first', 'm-later']);
    expect(await db.records.findMeeting('m-first')).toEqual(first);
    expect(await db.records.findMeeting('nope')).toBeUndefined();
    expect([await db.records.meetingExists('m-later'), await db.records.meetingExists('nope')]).toEqual([true, false]);
    await db.records.setMinuteTaker('m-later', 'p-adam');
    expect((await db.records.findMeeting('m-later'))?.minuteTakerId).toBe('p-adam');
    await db.records.setMinuteTaker('m-later', null);
    expect((await db.records.findMeeting('m-later'))?.minuteTakerId).toBeNull();
  });

  it('names the participants of a meeting once each: members, guests and the chair, not outsiders', async () => {
    expect(await db.records.meetingParticipants('m-first', 's-1', 'p-chair')).toEqual([
      { id: 'p-chair', name: 'Alex Marsh', agencyId: 'ag-police', agencyName: 'Police' },
      { id: 'p-zoe', name: 'Zoe Brenner', agencyId: 'ag-police', agencyName: 'Police' },
      { id: 'p-adam', name: 'adam Dale', agencyId: 'ag-advocacy', agencyName: 'advocacy service' },
      { id: 'p-emile', name: 'Émile Oduya', agencyId: 'ag-eh', agencyName: 'Éarly Help' },
    ]);
    expect((await db.records.meetingParticipants('m-later', 's-1', null)).map((p) => p.id)).toEqual(['p-zoe', 'p-adam']);
  });

  it('lists agencies and people by name in the same order on both engines', async () => {
    expect((await db.records.listAgencies()).map((a) => a.name)).toEqual(['Police', 'advocacy service', 'Éarly Help']);
    expect(await db.records.listPeople()).toEqual([
      { id: 'p-chair', name: 'Alex Marsh', email: 'p-chair@example.test', role: 'member', agencyId: 'ag-police' },
      { id: 'p-outsider', name: 'Bea Outside', email: 'p-outsider@example.test', role: 'member', agencyId: 'ag-police' },
      { id: 'p-zoe', name: 'Zoe Brenner', email: 'p-zoe@example.test', role: 'member', agencyId: 'ag-police' },
      { id: 'p-adam', name: 'adam Dale', email: 'p-adam@example.test', role: 'member', agencyId: 'ag-advocacy' },
      { id: 'p-emile', name: 'Émile Oduya', email: 'p-emile@example.test', role: 'member', agencyId: 'ag-eh' },
    ]);
  });
});

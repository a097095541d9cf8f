/**
 * Personal calendar feeds and what a feed lists: the same cases on SQLite and on PostgreSQL — one feed per person
 * (a new token replaces the old), revoking says whether there was one, and a member's meetings across series in
 * start order (ties by id), never a governance board's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractEngines, personRow, storedMeeting, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const hour = 3_600_000;

describe.each(contractEngines)('calendar feeds on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [{ id: 'ag-1', name: 'Police', shortName: 'P', createdAt: t0 }]);
    await db.insert('people', [
      personRow('p-1', 'p-1', 'ag-1', t0, { language: 'cy' }),
      personRow('p-2', 'p-2', 'ag-1', t0, { disabledAt: t0 }),
      personRow('p-admin', 'p-admin', 'ag-1', t0, { role: 'admin' }),
    ]);
    await db.insert('series', [
      { id: 's-a', name: 'Alpha', body: 'Alpha Panel', venue: 'Room A', onlineLink: 'https://meet.example.test/a', createdAt: t0 },
      { id: 's-b', name: 'Beta', createdAt: t0 },
      { id: 's-gov', name: 'Governed', createdAt: t0 },
    ]);
    await db.insert('series_members', [
      { seriesId: 's-a', personId: 'p-1', role: 'member', createdAt: t0 },
      { seriesId: 's-b', personId: 'p-1', role: 'chair', createdAt: t0 },
      { seriesId: 's-gov', personId: 'p-1', role: 'governance', createdAt: t0 },
    ]);
    await db.insert('meetings', [
      { id: 'm-b2', seriesId: 's-b', title: 'Beta', scheduledAt: t0 + hour, createdAt: t0 },
      { id: 'm-a1', seriesId: 's-a', title: 'Alpha', scheduledAt: t0 + 2 * hour, status: 'cancelled', cancelledAt: t0 + 5, createdAt: t0 },
      { id: 'm-b1', seriesId: 's-b', title: 'Beta', scheduledAt: t0 + 2 * hour, sequence: 2, createdAt: t0 },
      { id: 'm-gov', seriesId: 's-gov', title: 'Governed', scheduledAt: t0, createdAt: t0 },
    ]);
  });
  afterAll(() => db?.close());

  it('keeps one feed per person: a new token replaces the old, and revoking removes it once', async () => {
    expect(await db.calendar.feedOf('p-1')).toBeUndefined();
    await db.calendar.setFeed('p-1', 'hash-old', t0);
    expect(await db.calendar.feedOf('p-1')).toEqual({ createdAt: t0 });
    expect(await db.calendar.ownerOf('hash-old')).toEqual({ id: 'p-1', role: 'member', disabled: null, language: 'cy' });
    await db.calendar.setFeed('p-1', 'hash-new', t0 + 1);
    expect(await db.calendar.feedOf('p-1')).toEqual({ createdAt: t0 + 1 });
    expect(await db.calendar.ownerOf('hash-old')).toBeUndefined();
    expect((await db.calendar.ownerOf('hash-new'))?.id).toBe('p-1');
    expect(await db.count('calendar_feeds', 'person_id', 'p-1')).toBe(1);
    expect(await db.calendar.deleteFeed('p-1')).toBe(true);
    expect(await db.calendar.deleteFeed('p-1')).toBe(false);
    expect(await db.calendar.ownerOf('hash-new')).toBeUndefined();
  });

  it('names a disabled owner as disabled and an administrator as one, for the feed to refuse', async () => {
    await db.calendar.setFeed('p-2', 'hash-2', t0);
    await db.calendar.setFeed('p-admin', 'hash-admin', t0);
    expect(await db.calendar.ownerOf('hash-2')).toEqual({ id: 'p-2', role: 'member', disabled: t0, language: null });
    expect(await db.calendar.ownerOf('hash-admin')).toEqual({ id: 'p-admin', role: 'admin', disabled: null, language: null });
  });

  it('lists a member\'s meetings of every series by start then id, with the series facts, never as governance', async () => {
    const rows = await db.calendar.meetingsOfMember('p-1');
    expect(rows.map((r) => r.meeting.id)).toEqual(['m-b2', 'm-a1', 'm-b1']);
    expect(rows[1]).toEqual({
      meeting: storedMeeting({ id: 'm-a1', seriesId: 's-a', title: 'Alpha', scheduledAt: t0 + 2 * hour, venue: 'Online', status: 'cancelled', cancelledAt: t0 + 5, createdAt: t0 }),
      series: { name: 'Alpha', body: 'Alpha Panel', venue: 'Room A', onlineLink: 'https://meet.example.test/a' },
    });
    expect(rows[2].meeting.sequence).toBe(2);
    expect(await db.calendar.meetingsOfMember('p-2')).toEqual([]);
  });
});

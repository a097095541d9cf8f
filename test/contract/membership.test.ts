/**
 * Who belongs to which series and meeting (what the policies ask on every door): the same answers on SQLite and
 * PostgreSQL, including for ids that name nothing or are hostile text.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe.each(contractEngines)('membership on $name', (engine) => {
  let db: EngineUnderTest;
  const ids = { agency: fixtureId('agency'), series: fixtureId('series'), meeting: fixtureId('meeting'), other: fixtureId('meeting') };
  const person = (name: string) => ({ id: fixtureId(name), name });
  const [chair, member, guest, both, outsider] = [person('chair'), person('member'), person('guest'), person('both'), person('outsider')];
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [{ id: ids.agency, name: 'Police', shortName: 'P', createdAt: t0 }]);
    await db.insert(
      'people',
      [chair, member, guest, both, outsider].map((p) => ({ id: p.id, agencyId: ids.agency, name: p.name, email: `${p.id}@example.test`, role: 'member', createdAt: t0 })),
    );
    await db.insert('series', [{ id: ids.series, name: 'Repeat Removals', createdAt: t0 }]);
    await db.insert('meetings', [
      { id: ids.meeting, seriesId: ids.series, title: 'March', scheduledAt: t0 + 5, chairId: chair.id, status: 'live', createdAt: t0 },
      { id: ids.other, seriesId: ids.series, title: 'April', scheduledAt: t0 + 10, createdAt: t0 },
    ]);
    await db.insert('series_members', [
      { seriesId: ids.series, personId: member.id, role: 'coordinator', createdAt: t0 },
      { seriesId: ids.series, personId: both.id, role: 'observer', createdAt: t0 },
    ]);
    await db.insert('meeting_guests', [
      { meetingId: ids.meeting, personId: guest.id, role: 'member', createdAt: t0 },
      { meetingId: ids.meeting, personId: both.id, role: 'member', createdAt: t0 },
    ]);
  });
  afterAll(() => db?.close());

  it('answers a meeting with the person\'s series and guest roles in one call, and nothing for no such meeting', async () => {
    const base = { id: ids.meeting, seriesId: ids.series, chairId: chair.id, status: 'live' };
    expect(await db.membership.meetingAccess(ids.meeting, chair.id)).toEqual({ ...base, seriesRole: null, guestRole: null });
    expect(await db.membership.meetingAccess(ids.meeting, member.id)).toEqual({ ...base, seriesRole: 'coordinator', guestRole: null });
    expect(await db.membership.meetingAccess(ids.meeting, guest.id)).toEqual({ ...base, seriesRole: null, guestRole: 'member' });
    expect(await db.membership.meetingAccess(ids.meeting, both.id)).toEqual({ ...base, seriesRole: 'observer', guestRole: 'member' });
    expect(await db.membership.meetingAccess(ids.other, guest.id)).toEqual({ id: ids.other, seriesId: ids.series, chairId: null, status: 'scheduled', seriesRole: null, guestRole: null });
    expect(await db.membership.meetingAccess('no-such-meeting', member.id)).toBeUndefined();
  });

  it('answers series and guest roles, scopes, dates and whether a series exists', async () => {
    expect(await db.membership.seriesRole(ids.series, member.id)).toBe('coordinator');
    expect(await db.membership.seriesRole(ids.series, outsider.id)).toBeNull();
    expect(await db.membership.guestRole(ids.meeting, guest.id)).toBe('member');
    expect(await db.membership.guestRole(ids.other, guest.id)).toBeNull();
    expect(await db.membership.meetingScope(ids.meeting)).toEqual({ id: ids.meeting, seriesId: ids.series, chairId: chair.id, status: 'live' });
    expect(await db.membership.meetingScope('nope')).toBeUndefined();
    expect([await db.membership.meetingScheduledAt(ids.other), await db.membership.meetingScheduledAt('nope')]).toEqual([t0 + 10, 0]);
    expect([await db.membership.seriesExists(ids.series), await db.membership.seriesExists('nope')]).toEqual([true, false]);
  });

  it('sets a member once (a second set changes the role), lists members in id order, and removes them once', async () => {
    await db.membership.setSeriesMember(ids.series, outsider.id, 'member', t0 + 1);
    await db.membership.setSeriesMember(ids.series, outsider.id, 'chair', t0 + 2);
    expect(await db.membership.seriesRole(ids.series, outsider.id)).toBe('chair');
    const members = await db.membership.seriesMembers(ids.series);
    expect(members.map((m) => m.personId)).toEqual([member.id, both.id, outsider.id].sort());
    expect(members.find((m) => m.personId === outsider.id)).toEqual({ seriesId: ids.series, personId: outsider.id, role: 'chair', createdAt: t0 + 1 });
    expect(await db.membership.removeSeriesMember(ids.series, outsider.id)).toBe(true);
    expect(await db.membership.removeSeriesMember(ids.series, outsider.id)).toBe(false);
    expect(await db.membership.seriesRole(ids.series, outsider.id)).toBeNull();
  });

  it('answers hostile or unknown ids as "no such" without failing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (meetingId, personId) => {
        fc.pre(meetingId !== ids.meeting && meetingId !== ids.other && meetingId !== ids.series);
        expect(await db.membership.meetingAccess(meetingId, personId)).toBeUndefined();
        expect(await db.membership.seriesRole(meetingId, personId)).toBeNull();
        expect(await db.membership.seriesExists(meetingId)).toBe(false);
        expect(await db.membership.removeSeriesMember(meetingId, personId)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});

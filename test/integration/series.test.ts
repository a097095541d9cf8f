import { beforeAll, describe, expect, it } from 'vitest';
import { londonParts } from '../../shared/cadence.js';
import { readAgenda, standingText } from '../../shared/meeting-doc.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { SeriesMeetingView, SeriesView } from '../../shared/api-types.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { connectRoom } from '../support/room-client.js';
import { connectYClient } from '../support/yjs-client.js';

type Fields = { error: { code: string; message: string; fields: Record<string, string> } };
const day = 24 * 60 * 60 * 1000;
/** Riley (mental health), a member who may not chair. */
const mh = { id: '' };

const template = [
  { kind: 'apologies', title: 'Apologies' },
  { kind: 'confidentiality', title: 'Confidentiality statement', text: 'What is said here stays here (synthetic wording).' },
  { kind: 'previous-minutes', title: 'Minutes of the last meeting' },
  { kind: 'matters-arising', title: 'Matters arising' },
  { kind: 'custom', title: 'Safeguarding updates' },
  { kind: 'any-other-business', title: 'Any other business' },
];

const newSeries = (overrides: Record<string, unknown> = {}) => ({
  name: 'Pan-Region Advocacy Triage',
  body: 'Regional Advocacy Triage Panel',
  ownerAgencyId: 'agency-adv',
  members: [
    { personId: 'person-chair', role: 'chair' },
    { personId: mh.id, role: 'member' },
  ],
  chairId: 'person-chair',
  deputyChairId: null,
  venue: 'Council Chamber, Room 2',
  onlineLink: 'https://meet.example.test/advocacy',
  cadence: { kind: 'fortnightly', weekday: 4, time: '14:00' },
  template,
  decisionPrefix: 'RAT',
  decisionScheme: 'NNN/YYYY',
  ...overrides,
});

describe.each(serverEngines)('series and their meetings over REST, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api, post, cookie } = live;
  const patch = (who: Parameters<typeof api>[0], path: string, body: unknown) => api(who, path, { method: 'PATCH', body: JSON.stringify(body) });
  /** A count of what the server stored, on its engine. */
  const count = async (sql: string, ...args: unknown[]) => ((await live.row(sql, ...args)) as { n: number }).n;
  const stored = async () => ({
    series: await count('select count(*) as n from series'),
    meetings: await count('select count(*) as n from meetings'),
    members: await count('select count(*) as n from series_members'),
    audit: await count("select count(*) as n from audit_log where action like 'series.%' or action like 'meeting.%' and action != 'meeting.join' or action = 'minutes.agree'"),
    sequences: await count('select coalesce(sum(sequence), 0) as n from meetings'),
    cancelled: await count("select count(*) as n from meetings where status = 'cancelled'"),
  });
  /** Runs a refused request and proves it stored nothing. */
  async function refused(send: () => Promise<{ status: number; body: unknown }>, field: string) {
    const before = await stored();
    const res = await send();
    expect(res.status).toBe(422);
    const body = res.body as Fields;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields[field], JSON.stringify(body)).toMatch(/\w/);
    expect(await stored()).toEqual(before);
    return body.error.fields[field];
  }

  let seriesId = '';
  let scheduled: SeriesMeetingView[] = [];
  beforeAll(async () => {
    // The demo's member ids are random: look Riley up as the admin would.
    const people = (await api<{ people: { id: string; email: string }[] }>('admin', '/admin/people')).body.people;
    mh.id = people.find((p) => p.email === 'mh@demo.triage.test')!.id;
  });

  it('a coordinator creates a series with a fortnightly cadence and a template; they coordinate it; it is audited', async () => {
    const res = await post<{ series: SeriesView }>('coordinator', '/series', newSeries());
    expect(res.status).toBe(201);
    const s = res.body.series;
    seriesId = s.id;
    expect(s).toMatchObject({ name: 'Pan-Region Advocacy Triage', body: 'Regional Advocacy Triage Panel', cadenceText: 'Fortnightly on Thursday at 14:00', decisionPrefix: 'RAT', archived: false, abilities: { edit: true, schedule: true } });
    expect(s.template.map((t) => t.kind)).toEqual(['apologies', 'confidentiality', 'previous-minutes', 'matters-arising', 'custom', 'any-other-business']);
    expect(s.members.map((m) => m.role).sort()).toEqual(['chair', 'coordinator', 'member']);
    expect(await count("select count(*) as n from audit_log where action = 'series.create' and target_id = ?", seriesId)).toBe(1);
    expect((await api<{ series: SeriesView[] }>('member', '/series')).body.series.map((x) => x.id)).toContain(seriesId);
    expect((await api<{ series: SeriesView[] }>('observer', '/series')).body.series.map((x) => x.id)).not.toContain(seriesId);
  });

  it('schedules the next three from the cadence: fortnightly Thursdays at 14:00 London time, each agenda started from the template', async () => {
    const res = await post<{ meetings: SeriesMeetingView[] }>('coordinator', `/series/${seriesId}/meetings`, { count: 3 });
    expect(res.status).toBe(201);
    scheduled = res.body.meetings;
    expect(scheduled).toHaveLength(3);
    const starts = scheduled.map((m) => Date.parse(m.scheduledAt));
    for (const at of starts) expect(londonParts(at)).toMatchObject({ weekday: 4, time: '14:00' });
    expect(starts[1] - starts[0]).toBeGreaterThan(13 * day);
    expect(starts[1] - starts[0]).toBeLessThan(15 * day);
    expect(scheduled.every((m) => m.status === 'scheduled' && m.chairId === 'person-chair' && m.sequence === 0)).toBe(true);

    const y = connectYClient(live.url(), scheduled[0].id, { headers: { cookie: await cookie('chair') } });
    await y.synced;
    const agenda = readAgenda(y.doc);
    expect(agenda.map((i) => [i.kind, i.title])).toEqual([
      ['apologies', 'Apologies'],
      ['confidentiality', 'Confidentiality statement'],
      ['previous-minutes', 'Minutes of the last meeting'],
      ['matters-arising', 'Matters arising'],
      ['standing', 'Safeguarding updates'],
      ['any-other-business', 'Any other business'],
    ]);
    expect(standingText(y.doc, agenda[1].id)).toBe('What is said here stays here (synthetic wording).');
    y.destroy();

    // The next request continues the rhythm after the last meeting instead of repeating it.
    const more = await post<{ meetings: SeriesMeetingView[] }>('chair', `/series/${seriesId}/meetings`, { count: 1 });
    expect(Date.parse(more.body.meetings[0].scheduledAt) - starts[2]).toBe(14 * day);
    scheduled.push(...more.body.meetings);
  });

  it('schedules a one-off meeting at a given time', async () => {
    const at = new Date(Date.parse(scheduled[0].scheduledAt) + 3 * day).toISOString();
    const res = await post<{ meetings: SeriesMeetingView[] }>('coordinator', `/series/${seriesId}/meetings`, { startsAt: at });
    expect(res.status).toBe(201);
    expect(res.body.meetings.map((m) => m.scheduledAt)).toEqual([at]);
    scheduled.push(res.body.meetings[0]);
  });

  it('refuses a chair who is not a member, a cadence that never occurs and a night-time start, per field, storing nothing', async () => {
    expect(await refused(() => post('coordinator', '/series', newSeries({ chairId: 'person-chair', members: [{ personId: mh.id, role: 'member' }] })), 'chairId')).toMatch(/member of this series/);
    expect(await refused(() => post('coordinator', '/series', newSeries({ cadence: { kind: 'weekly', weekday: 2, time: '10:00', startsOn: '2020-01-01', endsOn: '2020-03-01' } })), 'cadence')).toMatch(/never occurs/);
    await refused(() => post('coordinator', '/series', newSeries({ cadence: { kind: 'weekly', weekday: 2, time: '01:30' } })), 'cadence.time');
    await refused(() => post('coordinator', '/series', newSeries({ cadence: { kind: 'monthly', weekday: 2, time: '10:00' } })), 'cadence.nth');
    await refused(() => post('coordinator', '/series', newSeries({ ownerAgencyId: 'agency-nope', name: '' })), 'name');
    await refused(() => patch('coordinator', `/series/${seriesId}`, { chairId: mh.id }), 'chairId');
  });

  it('refuses a date in the past and a meeting overlapping another of the series, storing nothing', async () => {
    expect(await refused(() => post('coordinator', `/series/${seriesId}/meetings`, { startsAt: new Date(Date.now() - day).toISOString() }), 'startsAt')).toMatch(/future/);
    const clash = new Date(Date.parse(scheduled[1].scheduledAt) + 30 * 60_000).toISOString();
    expect(await refused(() => post('coordinator', `/series/${seriesId}/meetings`, { startsAt: clash }), 'startsAt')).toMatch(/overlaps/);
    expect(await refused(() => patch('coordinator', `/meetings/${scheduled[0].id}`, { startsAt: scheduled[1].scheduledAt }), 'startsAt')).toMatch(/overlaps/);
    await refused(() => patch('coordinator', `/meetings/${scheduled[0].id}`, { startsAt: new Date(Date.now() - day).toISOString() }), 'startsAt');
    await refused(() => patch('coordinator', `/meetings/${scheduled[0].id}`, { chairId: mh.id }), 'chairId');
    // A bad chair refuses the whole request, so the good new time is not written either.
    await refused(() => patch('coordinator', `/meetings/${scheduled[0].id}`, { startsAt: new Date(Date.parse(scheduled[0].scheduledAt) + day).toISOString(), chairId: mh.id }), 'chairId');
    await refused(() => post('coordinator', `/meetings/${scheduled[0].id}/cancel`, { reason: '' }), 'reason');
    await refused(() => post('coordinator', `/series/${seriesId}/meetings`, { count: 0 }), 'count');
  });

  it('reschedules (bumping the calendar sequence), changes the chair for one meeting and cancels with a kept reason', async () => {
    const later = new Date(Date.parse(scheduled[1].scheduledAt) + day).toISOString();
    const moved = await patch('coordinator', `/meetings/${scheduled[1].id}`, { startsAt: later });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ meeting: { scheduledAt: later, sequence: 1 }, changed: ['startsAt'] });
    const chaired = await patch('coordinator', `/meetings/${scheduled[1].id}`, { chairId: 'person-chair' });
    expect(chaired.body).toMatchObject({ meeting: { chairId: 'person-chair' }, changed: ['chairId'] });

    const cancelled = await post<{ meeting: SeriesMeetingView }>('chair', `/meetings/${scheduled[2].id}/cancel`, { reason: 'Clashes with the regional inspection' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.meeting).toMatchObject({ status: 'cancelled', cancelReason: 'Clashes with the regional inspection', sequence: 1 });
    const listed = await api<{ meetings: SeriesMeetingView[] }>('member', `/series/${seriesId}`);
    expect(listed.body.meetings.find((m) => m.id === scheduled[2].id)).toMatchObject({ status: 'cancelled', cancelReason: 'Clashes with the regional inspection' });
    expect(await count("select count(*) as n from audit_log where action in ('meeting.reschedule', 'meeting.chair.change', 'meeting.cancel')")).toBe(3);
  });

  it('a cancelled meeting cannot be rescheduled, cancelled again or opened (REST 422, Socket.IO conflict ack)', async () => {
    const id = scheduled[2].id;
    expect(await refused(() => patch('coordinator', `/meetings/${id}`, { startsAt: new Date(Date.now() + 60 * day).toISOString() }), 'startsAt')).toMatch(/cancelled/);
    await refused(() => post('coordinator', `/meetings/${id}/cancel`, { reason: 'Twice' }), 'reason');
    const room = await connectRoom(live.url(), await cookie('chair'));
    expect((await room.emit(roomEvents.join, { meetingId: id })).ok).toBe(true);
    expect(await room.emit(roomEvents.open, { meetingId: id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    room.close();
    expect(await count("select count(*) as n from meetings where id = ? and status = 'cancelled' and opened_at is null", id)).toBe(1);
    // The meeting page tells everyone why.
    expect((await api<{ meeting: { status: string; cancelReason: string } }>('member', `/meetings/${id}`)).body.meeting).toMatchObject({ status: 'cancelled', cancelReason: 'Clashes with the regional inspection' });
  });

  it('an ended meeting cannot be rescheduled; the held time is recorded from opening to ending', async () => {
    const id = scheduled[0].id;
    const room = await connectRoom(live.url(), await cookie('chair'));
    expect((await room.emit(roomEvents.join, { meetingId: id })).ok).toBe(true);
    expect((await room.emit(roomEvents.open, { meetingId: id })).ok).toBe(true);
    expect((await room.emit(roomEvents.end, { meetingId: id })).ok).toBe(true);
    room.close();
    const m = (await api<{ meetings: SeriesMeetingView[] }>('chair', `/series/${seriesId}`)).body.meetings.find((x) => x.id === id)!;
    expect(m.status).toBe('ended');
    expect(Date.parse(m.openedAt!)).toBeLessThanOrEqual(Date.parse(m.endedAt!));
    expect(await refused(() => patch('coordinator', `/meetings/${id}`, { startsAt: new Date(Date.now() + 90 * day).toISOString() }), 'startsAt')).toMatch(/ended/);
  });

  it('archiving keeps the series and its meetings but makes them read-only', async () => {
    const res = await patch('coordinator', `/series/${seriesId}`, { archived: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ series: { archived: true, abilities: { edit: false, schedule: false } }, changed: ['archived'] });
    await refused(() => patch('coordinator', `/series/${seriesId}`, { name: 'Renamed' }), 'series');
    await refused(() => post('coordinator', `/series/${seriesId}/meetings`, { count: 1 }), 'series');
    await refused(() => post('coordinator', `/meetings/${scheduled[3].id}/cancel`, { reason: 'Archived anyway' }), 'series');
    expect((await api<{ meetings: unknown[] }>('member', `/series/${seriesId}`)).body.meetings).toHaveLength(scheduled.length);
  });
});

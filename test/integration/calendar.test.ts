import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { loggablePath } from '../../server/http/request-log.js';
import { demoFollowingIds, demoMeetingId } from '../../server/seed/demo.js';
import { londonParts } from '../../shared/cadence.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

/** Reads an .ics back the way a calendar app would (Mozilla's ical.js). */
function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((e) => {
    const start = e.getFirstProperty('dtstart')!;
    return {
      uid: String(e.getFirstPropertyValue('uid')),
      sequence: Number(e.getFirstPropertyValue('sequence') ?? 0),
      status: String(e.getFirstPropertyValue('status') ?? ''),
      tzid: start.getParameter('tzid'),
      localStart: (start.getFirstValue() as ICAL.Time).toString(),
    };
  });
  const zones = calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid')));
  return { method: calendar.getFirstPropertyValue('method'), zones, events };
}

describe.each(serverEngines)('calendar files: a meeting invite and a private feed, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api, post } = live;
  const ics = async (who: Parameters<typeof api>[0], meetingId: string) => {
    const res = await api(who, `/meetings/${meetingId}/calendar.ics`);
    return { status: res.status, type: res.res.headers.get('content-type'), text: res.status === 200 ? await res.res.text() : '' };
  };

  it('offers each meeting as RFC 5545 with the Europe/London VTIMEZONE, local time and a stable UID', async () => {
    const got = await ics('member', demoFollowingIds[0]);
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^text\/calendar/);
    const parsed = parseIcs(got.text);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.zones).toEqual(['Europe/London']);
    expect(parsed.events).toHaveLength(1);
    const at = (await live.row('select scheduled_at as s from meetings where id = ?', demoFollowingIds[0]))!.s as number;
    const london = londonParts(at);
    expect(parsed.events[0]).toEqual({ uid: `${demoFollowingIds[0]}@triage-room`, sequence: 0, status: 'CONFIRMED', tzid: 'Europe/London', localStart: `${london.date}T10:00:00` });
    // Nothing about cases or people travels in an invite.
    expect(got.text).not.toMatch(/RR-2026|@demo\.triage\.test/);
  });

  it('keeps the UID and bumps SEQUENCE on reschedule; a cancelled meeting is sent as METHOD:CANCEL', async () => {
    const id = demoFollowingIds[1];
    const before = parseIcs((await ics('chair', id)).text).events[0];
    const moved = new Date(Date.parse(`${before.localStart}Z`) + 2 * 24 * 3600_000 + 3 * 3600_000).toISOString();
    expect((await api('coordinator', `/meetings/${id}`, { method: 'PATCH', body: JSON.stringify({ startsAt: moved }) })).status).toBe(200);
    const after = parseIcs((await ics('chair', id)).text).events[0];
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.localStart).not.toBe(before.localStart);
    expect(after.localStart).toBe(`${londonParts(Date.parse(moved)).date}T${londonParts(Date.parse(moved)).time}:00`);

    expect((await post('coordinator', `/meetings/${id}/cancel`, { reason: 'Room unavailable' })).status).toBe(200);
    const cancelled = parseIcs((await ics('member', id)).text);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events[0]).toMatchObject({ uid: before.uid, sequence: before.sequence + 2, status: 'CANCELLED' });
  });

  it('refuses the invite to people outside the series as if the meeting did not exist', async () => {
    expect((await ics('admin', demoMeetingId)).status).toBe(404);
    expect((await fetch(`${live.url()}/api/meetings/${demoMeetingId}/calendar.ics`)).status).toBe(401);
  });

  it('gives each person a private feed of their series’ meetings by a revocable token URL, stored hashed', async () => {
    const created = await post<{ feed: { url: string } }>('member', '/calendar-feed', {});
    expect(created.status).toBe(201);
    const url = created.body.feed.url;
    const token = /\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1];
    // Calendar apps fetch without a session.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const parsed = parseIcs(await feed.text());
    expect(parsed.zones).toEqual(['Europe/London']);
    expect(parsed.method).toBeNull();
    expect(parsed.events.map((e) => e.uid)).toEqual(expect.arrayContaining([`${demoMeetingId}@triage-room`, ...demoFollowingIds.map((id) => `${id}@triage-room`)]));
    expect(parsed.events.find((e) => e.uid === `${demoFollowingIds[1]}@triage-room`)?.status).toBe('CANCELLED');
    expect((await api<{ feed: { active: boolean } }>('member', '/calendar-feed')).body.feed.active).toBe(true);

    // Only the hash is stored, and the request log never shows the token.
    const dump = JSON.stringify(await live.rows('select * from calendar_feeds'));
    expect(dump).toContain('created_at');
    expect(dump).not.toContain(token);
    expect(loggablePath(new URL(url).pathname)).not.toContain(token);

    // A new URL revokes the old one; revoking ends the new one.
    const again = await post<{ feed: { url: string } }>('member', '/calendar-feed', {});
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(again.body.feed.url)).status).toBe(200);
    expect((await api('member', '/calendar-feed', { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(again.body.feed.url)).status).toBe(404);
    expect((await api<{ feed: { active: boolean } }>('member', '/calendar-feed')).body.feed.active).toBe(false);
    expect((await fetch(`${live.url()}/api/calendar/not-a-real-token-at-all-xxxxxx.ics`)).status).toBe(404);
    const audit = (await live.row("select count(*) as n from audit_log where action in ('calendar.feed.create', 'calendar.feed.revoke')"))!;
    expect(audit.n).toBe(3);
  });
});

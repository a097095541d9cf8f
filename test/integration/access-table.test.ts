import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { demoFollowingIds, demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { roomEvents, type Ack } from '../../shared/room-protocol.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, waitForDoc } from '../support/yjs-client.js';
import { openRawSocket } from '../support/raw-ws.js';
import { yjsUrlPath } from '../../shared/protocol.js';

const actors = ['anonymous', 'outsider', 'observer', 'governance', 'member', 'chair', 'coordinator', 'admin'] as const;
type ActorName = (typeof actors)[number];
type Expect = Record<ActorName, number>;
const meetingPath = `/api/meetings/${demoMeetingId}`;
const seriesPath = '/api/series/series-repeat-removals';

// People with no role in the series (the outsider, and the admin: admins hold no meeting role) get the 404 a missing
// meeting gets, so they cannot learn what exists; only members whose role is too small hear 403. The governance board
// belongs to the series but sees its figures only: 403 on every meeting, minutes, case and tracker route.
const seriesOnly = (ok: number, observer = ok, governance = 403): Expect => ({ anonymous: 401, outsider: 404, observer, governance, member: ok, chair: ok, coordinator: ok, admin: 404 });
/** The outcomes dashboard: coordinators, chairs and the governance board. */
const figuresOnly = (ok: number): Expect => ({ ...seriesOnly(403), governance: ok, chair: ok, coordinator: ok });
const adminOnly = (ok: number): Expect => ({ anonymous: 401, outsider: 403, observer: 403, governance: 403, member: 403, chair: 403, coordinator: 403, admin: ok });
const newSeriesBody = {
  name: 'Access Table Series',
  body: 'Access Table Panel',
  ownerAgencyId: 'agency-cs',
  members: [{ personId: 'person-chair', role: 'chair' }],
  chairId: 'person-chair',
  venue: 'Online',
  cadence: { kind: 'weekly', weekday: 2, time: '10:00' },
  template: [{ kind: 'apologies', title: 'Apologies' }],
};
const signedIn = (ok: number): Expect => ({ anonymous: 401, outsider: ok, observer: ok, governance: ok, member: ok, chair: ok, coordinator: ok, admin: ok });

describe.each(serverEngines)('who may do what, on every door, on $name', ({ engine }) => {
  let server: TestServer;
  const cookies = {} as Record<ActorName, string | null>;
  let outsiderId = '';
  /** A demo person who is none of the seven actors: the account the disable/enable rows act on. */
  let bystanderId = '';
  let actionId = '';
  beforeAll(async () => {
    server = await startTestServer({ engine });
    cookies.anonymous = null;
    for (const name of ['observer', 'governance', 'member', 'chair', 'coordinator', 'admin'] as const) cookies[name] = await signIn(server.url, demoUsers[name]);
    const created = await call('admin', 'POST', '/api/admin/people', { name: 'Olly Outsider', email: 'outsider@demo.triage.test', agencyId: 'agency-hou', role: 'member', password: 'outsider-password-1' });
    outsiderId = created.body.person.id;
    bystanderId = (await call('admin', 'GET', '/api/admin/people')).body.people.find((p: { email: string }) => p.email === 'housing@demo.triage.test').id;
    cookies.outsider = await signIn(server.url, 'outsider@demo.triage.test', 'outsider-password-1');
    actionId = (await call('coordinator', 'GET', '/api/series/series-repeat-removals/actions')).body.actions[0].id;
  });
  afterAll(async () => server.cleanup());

  async function call(actor: ActorName, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (cookies[actor]) headers.cookie = cookies[actor]!;
    // Every write says it is JSON, even with no body (the server refuses a bare POST: a cross-site form could send one).
    if (method !== 'GET') headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  }

  const routes: { method: string; path: () => string; body?: () => unknown; expect: Expect }[] = [
    { method: 'GET', path: () => '/api/session', expect: { ...signedIn(200), anonymous: 200 } },
    { method: 'GET', path: () => '/api/config', expect: { ...signedIn(200), anonymous: 200 } },
    { method: 'GET', path: () => '/api/meetings', expect: signedIn(200) },
    { method: 'GET', path: () => meetingPath, expect: seriesOnly(200) },
    { method: 'POST', path: () => `${meetingPath}/invites`, body: () => ({ role: 'member' }), expect: { ...seriesOnly(403), chair: 201, coordinator: 201 } },
    { method: 'GET', path: () => `${meetingPath}/invites`, expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    // Past the policy, an id that names no open invite: 404 for those who may withdraw.
    { method: 'DELETE', path: () => `${meetingPath}/invites/not-an-invite`, expect: { ...seriesOnly(403), chair: 404, coordinator: 404 } },
    { method: 'POST', path: () => '/api/invites/not-a-real-token/accept', expect: { ...signedIn(404), admin: 403 } },
    { method: 'PUT', path: () => `${meetingPath}/minute-taker`, body: () => ({ personId: 'person-chair' }), expect: { ...seriesOnly(403), chair: 200 } },
    { method: 'GET', path: () => '/api/meetings/demo-previous/minutes', expect: seriesOnly(200, 403) },
    { method: 'GET', path: () => '/api/meetings/demo-previous/minutes.docx', expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'GET', path: () => '/api/meetings/demo-previous/minutes.pdf?version=1', expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    // An amendment that changes nothing: allowed roles get past the policy to the 422, nothing is written.
    { method: 'POST', path: () => '/api/meetings/demo-previous/minutes/amendments', body: () => ({ note: 'No change', items: [] }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    // Earlier meetings' actions: only roles that may read minutes.
    { method: 'GET', path: () => `${meetingPath}/matters-arising`, expect: seriesOnly(200, 403) },
    { method: 'GET', path: () => '/api/series/series-repeat-removals/actions?state=all', expect: seriesOnly(200, 403) },
    { method: 'POST', path: () => `/api/actions/${actionId}/status`, body: () => ({ status: 'open' }), expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'POST', path: () => `/api/actions/${actionId}/status`, body: () => ({ status: 'open', meetingId: demoMeetingId }), expect: { ...seriesOnly(200, 403) } },
    // Referrals and cases. Writes with a body the allowed roles get past the policy with: 422, nothing stored.
    { method: 'POST', path: () => `${seriesPath}/referrals`, body: () => ({ summary: '' }), expect: { ...seriesOnly(422), observer: 403 } },
    { method: 'GET', path: () => `${seriesPath}/referrals?view=mine`, expect: seriesOnly(200, 403) },
    { method: 'GET', path: () => `${seriesPath}/referrals?view=queue`, expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'POST', path: () => '/api/referrals/referral-18/accept', body: () => ({ meetingId: 'no-such-meeting' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    { method: 'POST', path: () => '/api/referrals/referral-18/request-info', body: () => ({ message: '' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    { method: 'POST', path: () => '/api/referrals/referral-18/decline', body: () => ({ reason: '' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    { method: 'POST', path: () => '/api/referrals/referral-18/match', body: () => ({ caseRef: 'RR-2099-999' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    // Only the referrer (Taylor Housing) answers a request for more information; nobody in this table referred it.
    { method: 'POST', path: () => '/api/referrals/referral-19/provide-info', body: () => ({ message: '' }), expect: seriesOnly(403) },
    { method: 'POST', path: () => '/api/referrals/no-such-referral/accept', body: () => ({ meetingId: demoMeetingId }), expect: { ...signedIn(404) } },
    { method: 'GET', path: () => `${seriesPath}/cases`, expect: seriesOnly(200) },
    { method: 'GET', path: () => '/api/cases/RR-2026-009', expect: seriesOnly(200, 403) },
    { method: 'GET', path: () => '/api/cases/RR-2099-999', expect: signedIn(404) },
    { method: 'POST', path: () => '/api/cases/RR-2026-009/close', body: () => ({ reason: '' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    { method: 'GET', path: () => `/api/cases/RR-2026-016/research?meetingId=${demoMeetingId}`, expect: seriesOnly(200, 403) },
    { method: 'PUT', path: () => `/api/cases/RR-2026-016/research?meetingId=${demoMeetingId}`, body: () => ({}), expect: seriesOnly(422, 403) },
    { method: 'GET', path: () => '/api/research/notices', expect: signedIn(200) },
    { method: 'GET', path: () => '/api/agencies', expect: signedIn(200) },
    { method: 'GET', path: () => `${meetingPath}/cases`, expect: seriesOnly(200, 403) },
    { method: 'POST', path: () => '/api/meetings/demo-following/agenda/publish', body: () => ({}), expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'GET', path: () => `${meetingPath}/agenda.docx`, expect: seriesOnly(200) },
    { method: 'GET', path: () => `${meetingPath}/agenda.pdf`, expect: seriesOnly(200) },
    // Series and their meetings. Writes that would change the demo send a body the allowed roles get past the policy
    // with, to a 422 that stores nothing; the series' own tests cover the successful writes.
    { method: 'GET', path: () => '/api/series', expect: signedIn(200) },
    { method: 'GET', path: () => '/api/series-directory', expect: { ...seriesOnly(403), outsider: 403, admin: 200, coordinator: 200 } },
    { method: 'POST', path: () => '/api/series', body: () => ({ ...newSeriesBody, name: '' }), expect: { ...seriesOnly(403), outsider: 403, coordinator: 422, admin: 422 } },
    // The series' own record (name, members, schedule: no case content) is open to the governance board too.
    { method: 'GET', path: () => '/api/series/series-repeat-removals', expect: { ...seriesOnly(200), admin: 200, governance: 200 } },
    { method: 'PATCH', path: () => '/api/series/series-repeat-removals', body: () => ({ venue: 'Online (Triage Room)' }), expect: { ...seriesOnly(403), coordinator: 200, admin: 200 } },
    // Admins manage the series record (so it is no secret to them) but hold no meeting role: 403, not 404.
    { method: 'POST', path: () => '/api/series/series-repeat-removals/meetings', body: () => ({ startsAt: '2020-01-07T10:00:00Z' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422, admin: 403 } },
    { method: 'PATCH', path: () => '/api/meetings/demo-following', body: () => ({ chairId: 'person-chair' }), expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'POST', path: () => '/api/meetings/demo-following/cancel', body: () => ({ reason: '' }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    { method: 'GET', path: () => `${meetingPath}/previous-minutes`, expect: seriesOnly(200, 403) },
    { method: 'GET', path: () => `${meetingPath}/calendar.ics`, expect: seriesOnly(200) },
    // Circulation of minutes (chair and coordinator). The test server has no SMTP: sending reaches the 409 that says so.
    { method: 'GET', path: () => '/api/meetings/demo-previous/circulation', expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'POST', path: () => '/api/meetings/demo-previous/circulation', body: () => ({ personIds: ['person-chair'] }), expect: { ...seriesOnly(403), chair: 409, coordinator: 409 } },
    { method: 'POST', path: () => '/api/meetings/demo-previous/circulation/retry', body: () => ({ emailIds: [] }), expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    // An extract link opens for its own recipient only: a token nobody was sent is the same 404 for everyone signed in.
    { method: 'POST', path: () => '/api/extracts/open', body: () => ({ token: 'not-a-token-anyone-was-sent-0000' }), expect: signedIn(404) },
    { method: 'POST', path: () => '/api/extracts/download', body: () => ({ token: 'not-a-token-anyone-was-sent-0000', format: 'pdf' }), expect: signedIn(404) },
    // Reminders: each person's own digest preference; a series' escalation settings for its chair and coordinator.
    { method: 'GET', path: () => '/api/me/preferences', expect: signedIn(200) },
    { method: 'PATCH', path: () => '/api/me/preferences', body: () => ({ digests: true }), expect: signedIn(200) },
    { method: 'GET', path: () => `${seriesPath}/reminders`, expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'PUT', path: () => `${seriesPath}/reminders`, body: () => ({ escalateAfterDays: 7, leads: [{ agencyId: 'agency-pol', personId: 'no-such-person' }] }), expect: { ...seriesOnly(403), chair: 422, coordinator: 422 } },
    { method: 'POST', path: () => `${seriesPath}/reminders/retry`, body: () => ({}), expect: { ...seriesOnly(403), chair: 200, coordinator: 200 } },
    { method: 'GET', path: () => '/api/calendar-feed', expect: signedIn(200) },
    { method: 'POST', path: () => '/api/calendar-feed', body: () => ({}), expect: signedIn(201) },
    // Each person has their own feed (made by the row above), so everyone signed in has one to revoke.
    { method: 'DELETE', path: () => '/api/calendar-feed', expect: signedIn(204) },
    { method: 'GET', path: () => '/api/calendar/not-a-real-token-at-all-xxxxxxxxxx.ics', expect: { ...signedIn(404), anonymous: 404 } },
    // Only the chair of the meeting that agrees them; the demo meeting is not open yet, so the chair gets 409.
    { method: 'POST', path: () => '/api/meetings/demo-previous/minutes/agree', body: () => ({ atMeetingId: demoMeetingId }), expect: { ...seriesOnly(403), chair: 409 } },
    // The outcomes dashboard: figures only, for coordinators, chairs and the governance board; bad dates are a 422.
    { method: 'GET', path: () => `${seriesPath}/outcomes`, expect: figuresOnly(200) },
    { method: 'GET', path: () => `${seriesPath}/outcomes?from=2026-09-01&to=2026-11-30`, expect: figuresOnly(200) },
    { method: 'GET', path: () => `${seriesPath}/outcomes?from=2026-02-30&to=2026-01-01`, expect: figuresOnly(422) },
    { method: 'GET', path: () => `${seriesPath}/outcomes/decisions.csv`, expect: figuresOnly(200) },
    { method: 'GET', path: () => `${seriesPath}/outcomes/attendance.csv?from=2026-01-01&to=2026-12-31`, expect: figuresOnly(200) },
    { method: 'GET', path: () => `${seriesPath}/outcomes/minutes.csv`, expect: figuresOnly(404) },
    { method: 'GET', path: () => `${seriesPath}/outcomes/quarterly-return.csv?year=2026&quarter=4`, expect: figuresOnly(200) },
    { method: 'GET', path: () => `${seriesPath}/outcomes/quarterly-return.csv?year=2026&quarter=5`, expect: figuresOnly(422) },
    { method: 'GET', path: () => '/api/series/no-such-series/outcomes', expect: signedIn(404) },
    { method: 'GET', path: () => '/api/admin/agencies', expect: adminOnly(200) },
    { method: 'GET', path: () => '/api/admin/people', expect: adminOnly(200) },
    { method: 'GET', path: () => '/api/admin/series', expect: adminOnly(200) },
    { method: 'GET', path: () => '/api/admin/audit', expect: adminOnly(200) },
    { method: 'PATCH', path: () => `/api/admin/people/${outsiderId}`, body: () => ({ jobTitle: 'Changed' }), expect: adminOnly(200) },
    { method: 'PUT', path: () => `/api/admin/series/series-repeat-removals/members/${outsiderId}`, body: () => ({ role: 'observer' }), expect: adminOnly(200) },
    { method: 'POST', path: () => `/api/admin/people/${bystanderId}/disable`, expect: adminOnly(200) },
    { method: 'POST', path: () => `/api/admin/people/${bystanderId}/enable`, expect: adminOnly(200) },
  ];

  for (const route of routes) {
    it(`${route.method} ${route.path.toString().replace(/^\(\) => /, '')} answers each role as the policy says`, async () => {
      const got = {} as Record<ActorName, number>;
      for (const actor of actors) {
        // Run the admin last for writes that change membership, so earlier rows see the original state.
        if (actor === 'admin' && route.method !== 'GET') continue;
        got[actor] = (await call(actor, route.method, route.path(), route.body?.())).status;
      }
      if (route.method !== 'GET') {
        got.admin = (await call('admin', route.method, route.path(), route.body?.())).status;
        if (route.method === 'PUT') await call('admin', 'DELETE', `/api/admin/series/series-repeat-removals/members/${outsiderId}`);
      }
      expect(got).toEqual(route.expect);
    });
  }

  it('lists only the meetings a person belongs to', async () => {
    expect((await call('member', 'GET', '/api/meetings')).body.meetings.map((m: { id: string }) => m.id)).toEqual(['demo-earlier', 'demo-previous', demoMeetingId, ...demoFollowingIds]);
    expect((await call('outsider', 'GET', '/api/meetings')).body.meetings).toEqual([]);
    expect((await call('governance', 'GET', '/api/meetings')).body.meetings).toEqual([]);
    expect((await call('admin', 'GET', '/api/meetings')).body.meetings).toEqual([]);
  });

  it('answers a non-member the same for an existing meeting or series as for a missing one (no existence oracle)', async () => {
    const pairs: [string, string][] = [
      [meetingPath, '/api/meetings/no-such-meeting'],
      [`${meetingPath}/matters-arising`, '/api/meetings/no-such-meeting/matters-arising'],
      ['/api/meetings/demo-previous/minutes', '/api/meetings/no-such-meeting/minutes'],
      ['/api/meetings/demo-previous/minutes.pdf', '/api/meetings/no-such-meeting/minutes.pdf'],
      ['/api/series/series-repeat-removals/actions', '/api/series/no-such-series/actions'],
    ];
    for (const who of ['outsider', 'admin'] as const) {
      for (const [existing, missing] of pairs) {
        const [a, b] = [await call(who, 'GET', existing), await call(who, 'GET', missing)];
        expect({ who, existing, ...a }).toEqual({ who, existing, status: 404, body: b.body });
      }
      const writes = [await call(who, 'PUT', `${meetingPath}/minute-taker`, { personId: null }), await call(who, 'PUT', '/api/meetings/no-such-meeting/minute-taker', { personId: null })];
      expect(writes[0]).toEqual(writes[1]);
      expect(writes[0].status).toBe(404);
      for (const body of [{ status: 'done' }, { status: 'done', meetingId: demoMeetingId }]) {
        const action = [await call(who, 'POST', `/api/actions/${actionId}/status`, body), await call(who, 'POST', '/api/actions/no-such-action/status', body)];
        expect(action[0]).toEqual(action[1]);
        expect(action[0].status).toBe(404);
      }
      const cancels = [await call(who, 'POST', '/api/meetings/demo-following/cancel', { reason: 'Probing' }), await call(who, 'POST', '/api/meetings/no-such-meeting/cancel', { reason: 'Probing' })];
      expect(cancels[0]).toEqual(cancels[1]);
    }
    {
      const [a, b] = [await call('outsider', 'GET', '/api/series/series-repeat-removals'), await call('outsider', 'GET', '/api/series/no-such-series')];
      expect({ ...a }).toEqual({ status: 404, body: b.body });
    }
    // A member whose role is too small still learns why: 403.
    expect((await call('observer', 'GET', '/api/meetings/demo-previous/minutes')).status).toBe(403);
  });

  it('denied admin writes change nothing', async () => {
    const before = (await call('admin', 'GET', '/api/admin/agencies')).body.agencies;
    for (const actor of actors.filter((a) => a !== 'admin')) {
      const res = await call(actor, 'POST', '/api/admin/agencies', { name: `Agency by ${actor}`, shortName: 'XX' });
      expect(res.status, actor).toBe(actor === 'anonymous' ? 401 : 403);
    }
    expect((await call('admin', 'GET', '/api/admin/agencies')).body.agencies).toEqual(before);
    expect((await call('admin', 'POST', '/api/admin/agencies', { name: 'Midwifery Service', shortName: 'MW' })).status).toBe(201);
  });

  it('opens the Yjs door by role: 401 / 403 refused, observer read-only, members write', async () => {
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/yjs/${demoMeetingId}`;
    await expect(openRawSocket(wsUrl)).rejects.toMatchObject({ status: 401 });
    await expect(openRawSocket(wsUrl, { cookie: cookies.outsider! })).rejects.toMatchObject({ status: 404 });
    await expect(openRawSocket(wsUrl, { cookie: cookies.admin! })).rejects.toMatchObject({ status: 404 });
    await expect(openRawSocket(wsUrl, { cookie: cookies.governance! })).rejects.toMatchObject({ status: 403 });
    await expect(openRawSocket(wsUrl, { cookie: cookies.member!, origin: 'http://evil.example' })).rejects.toMatchObject({ status: 403 });

    const observer = connectYClient(server.url, demoMeetingId, { headers: { cookie: cookies.observer! } });
    const member = connectYClient(server.url, demoMeetingId, { headers: { cookie: cookies.member! } });
    await Promise.all([observer.synced, member.synced]);
    expect(observer.statuses.some((s) => s.type === 'read-only')).toBe(true);
    const countBefore = readAgenda(member.doc).length;
    addAgendaItem(observer.doc, { kind: 'case-review', title: 'Observer write', caseRef: 'RR-2026-901' });
    addAgendaItem(member.doc, { kind: 'case-review', title: 'Member write', caseRef: 'RR-2026-902' });
    await member.saved();
    const fresh = connectYClient(server.url, demoMeetingId, { headers: { cookie: cookies.chair! } });
    await fresh.synced;
    await waitForDoc(fresh.doc, (d) => readAgenda(d).some((i) => i.title === 'Member write'));
    expect(readAgenda(fresh.doc).map((i) => i.title)).not.toContain('Observer write');
    expect(readAgenda(fresh.doc)).toHaveLength(countBefore + 1);
    for (const c of [observer, member, fresh]) c.destroy();
  });

  it("opens the chair's restricted Yjs document to chairs only; everyone else is refused on the upgrade", async () => {
    const upgrade = async (actor: ActorName, meetingId = demoMeetingId): Promise<number> => {
      const url = `${server.url.replace(/^http/, 'ws')}${yjsUrlPath(meetingId, 'restricted')}`;
      try {
        const ws = await openRawSocket(url, cookies[actor] ? { cookie: cookies[actor]! } : {});
        ws.terminate();
        return 101;
      } catch (err) {
        return (err as { status: number }).status;
      }
    };
    const got = {} as Record<ActorName, number>;
    for (const actor of actors) got[actor] = await upgrade(actor);
    expect(got).toEqual({ anonymous: 401, outsider: 404, observer: 403, governance: 403, member: 403, chair: 101, coordinator: 403, admin: 404 });
    expect(await upgrade('chair', 'no-such-meeting')).toBe(404);
  });

  it('authenticates Socket.IO and authorises joining a meeting', async () => {
    const connect = (cookie: string | null) =>
      ioClient(server.url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
    const anon = connect(null);
    const refused = await new Promise<string>((resolve) => anon.on('connect_error', (err) => resolve(err.message)));
    expect(refused).toBe('unauthorised');
    anon.close();

    const results = {} as Record<ActorName, string>;
    for (const actor of actors.filter((a) => a !== 'anonymous')) {
      const socket = connect(cookies[actor]);
      const ack = await new Promise<Ack<unknown>>((resolve) => socket.emit(roomEvents.join, { meetingId: demoMeetingId }, resolve));
      results[actor] = ack.ok ? 'ok' : ack.error.code;
      const bad = await new Promise<Ack<unknown>>((resolve) => socket.emit(roomEvents.join, { meetingId: 42 }, resolve));
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      socket.close();
    }
    expect(results).toEqual({ outsider: 'not_found', observer: 'ok', governance: 'forbidden', member: 'ok', chair: 'ok', coordinator: 'ok', admin: 'not_found' });
  });
});

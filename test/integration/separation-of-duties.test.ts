/**
 * Issue 12 items 8 and 10: admins hold no meeting role and cannot grant themselves one; restricted notes open only for
 * the meeting's own chair; matters arising is for series members who may read minutes (not observers, not invited
 * guests); opening, ending, naming the minute-taker and reading the tracker or matters arising are each audited once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { yjsUrlPath } from '../../shared/protocol.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MeetingDetailView } from '../../shared/api-types.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { signIn, withCookie } from '../support/session.js';
import { openRawSocket } from '../support/raw-ws.js';
import { connectRoom } from '../support/room-client.js';

const series = 'series-repeat-removals';
interface AuditRow {
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown> | null;
}

describe.each(serverEngines)('separation of duties, restricted notes and audited reads on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const actors = live.actors;
  const { api, post, cookie } = actors;
  const send = (who: Parameters<typeof api>[0], method: string, path: string, body?: unknown) =>
    api<{ error?: { message: string } }>(who, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  let adminId = '';
  let memberId = '';

  /** A new person made by the admin, signed in; returns their id and cookie. */
  async function newPerson(name: string, email: string, role = 'member') {
    const res = await post<{ person: { id: string } }>('admin', '/admin/people', { name, email, agencyId: 'agency-hou', role, password: 'a-long-test-password-1' });
    expect(res.status).toBe(201);
    return { id: res.body.person.id, cookie: await signIn(live.url(), email, 'a-long-test-password-1') };
  }
  const asCookie = async (c: string, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${live.url()}/api${path}`, withCookie(c, { ...init, headers: { 'content-type': 'application/json', cookie: c } }));
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  };
  const auditOf = async (action: string) => (await api<{ entries: AuditRow[] }>('admin', `/admin/audit?action=${action}`)).body.entries;

  beforeAll(async () => {
    const people = (await api<{ people: { id: string; email: string }[] }>('admin', '/admin/people')).body.people;
    adminId = people.find((p) => p.email === 'admin@demo.triage.test')!.id;
    memberId = people.find((p) => p.email === 'mh@demo.triage.test')!.id;
  });

  it('refuses to give an administrator a series role, even themselves: 422 and nothing stored', async () => {
    for (const role of ['chair', 'member', 'observer', 'coordinator']) {
      const res = await send('admin', 'PUT', `/admin/series/${series}/members/${adminId}`, { role });
      expect(res.status).toBe(422);
      expect(res.body.error?.message).toMatch(/Administrators hold no meeting role/);
    }
    const members = (await api<{ members: { personId: string }[] }>('admin', '/admin/series')).body.members;
    expect(members.some((m) => m.personId === adminId)).toBe(false);
    expect((await api('admin', `/meetings/${demoMeetingId}`)).status).toBe(404);
  });

  it('refuses to make a series member an administrator while they hold a series role', async () => {
    const res = await send('admin', 'PATCH', `/admin/people/${memberId}`, { role: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toMatch(/holds a meeting role/);
    const person = (await api<{ people: { id: string; role: string }[] }>('admin', '/admin/people')).body.people.find((p) => p.id === memberId);
    expect(person?.role).toBe('member');
    // With the series role removed first, the change is allowed: the rule is about holding both at once.
    const spare = await newPerson('Sasha Spare', 'spare@demo.triage.test');
    expect((await send('admin', 'PUT', `/admin/series/${series}/members/${spare.id}`, { role: 'member' })).status).toBe(200);
    expect((await send('admin', 'PATCH', `/admin/people/${spare.id}`, { role: 'admin' })).status).toBe(422);
    expect((await send('admin', 'DELETE', `/admin/series/${series}/members/${spare.id}`)).status).toBe(204);
    expect((await send('admin', 'PATCH', `/admin/people/${spare.id}`, { role: 'admin' })).status).toBe(200);
  });

  it('refuses an administrator redeeming an invite, and the link stays usable', async () => {
    const created = await post<{ invite: { path: string } }>('chair', `/meetings/${demoMeetingId}/invites`, { role: 'member' });
    const acceptPath = `${created.body.invite.path.replace('/invite/', '/invites/')}/accept`;
    const refused = await send('admin', 'POST', acceptPath);
    expect(refused.status).toBe(403);
    expect((await api('admin', `/meetings/${demoMeetingId}`)).status).toBe(404);
    const guest = await newPerson('Gale Guest', 'guest-one@demo.triage.test');
    expect((await asCookie(guest.cookie, acceptPath, { method: 'POST' })).status).toBe(200);
  });

  it("opens the restricted notes only for this meeting's chair, not another series chair", async () => {
    const deputy = await newPerson('Devon Deputy', 'deputy@demo.triage.test', 'chair');
    expect((await send('admin', 'PUT', `/admin/series/${series}/members/${deputy.id}`, { role: 'chair' })).status).toBe(200);
    const asDeputy = (await asCookie(deputy.cookie, `/meetings/${demoMeetingId}`)).body as { meeting: MeetingDetailView };
    expect(asDeputy.meeting.role).toBe('chair');
    expect(asDeputy.meeting.abilities).toMatchObject({ chair: true, restrictedNotes: false });
    const asChair = (await api<{ meeting: MeetingDetailView }>('chair', `/meetings/${demoMeetingId}`)).body.meeting;
    expect(asChair.abilities).toMatchObject({ chair: true, restrictedNotes: true });

    const url = `${live.url().replace(/^http/, 'ws')}${yjsUrlPath(demoMeetingId, 'restricted')}`;
    await expect(openRawSocket(url, { cookie: deputy.cookie })).rejects.toMatchObject({ status: 403 });
    const ws = await openRawSocket(url, { cookie: await cookie('chair') });
    ws.terminate();
  });

  it('shows matters arising to series members who may read minutes, not to observers or invited guests', async () => {
    const path = `/meetings/${demoMeetingId}/matters-arising`;
    expect((await api('member', path)).status).toBe(200);
    expect((await api('observer', path)).status).toBe(403);
    const created = await post<{ invite: { path: string } }>('chair', `/meetings/${demoMeetingId}/invites`, { role: 'member' });
    const guest = await newPerson('Gus Guest', 'guest-two@demo.triage.test');
    expect((await asCookie(guest.cookie, `${created.body.invite.path.replace('/invite/', '/invites/')}/accept`, { method: 'POST' })).status).toBe(200);
    const meeting = (await asCookie(guest.cookie, `/meetings/${demoMeetingId}`)).body as { meeting: MeetingDetailView };
    expect(meeting.meeting.abilities).toMatchObject({ view: true, edit: true, viewMinutes: true, mattersArising: false });
    const refused = await asCookie(guest.cookie, path);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('tenancy');
  });

  it('audits opening, ending, the minute-taker, the tracker and matters arising: one row each, right actor', async () => {
    const chairId = 'person-chair';
    const [open0, end0, taker0, tracker0, arising0] = await Promise.all(
      ['meeting.open', 'meeting.end', 'meeting.minute-taker.set', 'actions.tracker.view', 'actions.matters-arising.view'].map(auditOf),
    );
    const room = await connectRoom(live.url(), await cookie('chair'));
    expect((await room.emit(roomEvents.join, { meetingId: demoMeetingId })).ok).toBe(true);
    expect((await room.emit(roomEvents.open, { meetingId: demoMeetingId })).ok).toBe(true);
    expect((await room.emit(roomEvents.open, { meetingId: demoMeetingId })).ok).toBe(true); // already live: not opened again
    expect((await send('chair', 'PUT', `/meetings/${demoMeetingId}/minute-taker`, { personId: memberId })).status).toBe(200);
    expect((await api('coordinator', `/series/${series}/actions?state=overdue`)).status).toBe(200);
    expect((await api('member', `/meetings/${demoMeetingId}/matters-arising`)).status).toBe(200);
    expect((await api('observer', `/series/${series}/actions`)).status).toBe(403); // refused reads are not audited as reads
    expect((await room.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    room.close();

    const added = async (action: string, before: AuditRow[]) => (await auditOf(action)).slice(0, (await auditOf(action)).length - before.length);
    const pick = (rows: AuditRow[]) => rows.map(({ actorId, action, targetType, targetId, detail }) => ({ actorId, action, targetType, targetId, detail }));
    const coordinatorId = (await api<{ user: { id: string } }>('coordinator', '/session')).body.user.id;
    expect(pick(await added('meeting.open', open0))).toEqual([{ actorId: chairId, action: 'meeting.open', targetType: 'meeting', targetId: demoMeetingId, detail: null }]);
    expect(pick(await added('meeting.end', end0))).toEqual([{ actorId: chairId, action: 'meeting.end', targetType: 'meeting', targetId: demoMeetingId, detail: null }]);
    expect(pick(await added('meeting.minute-taker.set', taker0))).toEqual([
      { actorId: chairId, action: 'meeting.minute-taker.set', targetType: 'meeting', targetId: demoMeetingId, detail: { personId: memberId } },
    ]);
    expect(pick(await added('actions.tracker.view', tracker0))).toEqual([
      { actorId: coordinatorId, action: 'actions.tracker.view', targetType: 'series', targetId: series, detail: { state: 'overdue' } },
    ]);
    expect(pick(await added('actions.matters-arising.view', arising0))).toEqual([
      { actorId: memberId, action: 'actions.matters-arising.view', targetType: 'meeting', targetId: demoMeetingId, detail: null },
    ]);
  });
});

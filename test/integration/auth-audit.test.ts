import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectYClient } from '../support/yjs-client.js';
import { openRawSocket } from '../support/raw-ws.js';

describe.each(serverEngines)('sign-in, sessions and the audit log on $name', ({ engine }) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ engine });
    admin = await signIn(server.url, demoUsers.admin);
  });
  afterAll(async () => server.cleanup());

  const audit = async (query: string) =>
    ((await (await fetch(`${server.url}/api/admin/audit?${query}`, withCookie(admin))).json()) as { entries: { action: string; actorId: string | null; actorName: string | null; targetId: string | null; detail: Record<string, unknown> | null }[] }).entries;
  const postSignIn = (email: string, password: string) =>
    fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  it('sets an httpOnly SameSite cookie, and signing out ends the session', async () => {
    const res = await postSignIn(demoUsers.member, 'triage-demo-2026');
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/triage_session=[^;]+; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; Secure is set when served over https
    const cookie = setCookie.split(';')[0];
    expect((await fetch(`${server.url}/api/session`, withCookie(cookie))).status).toBe(200);
    expect((await fetch(`${server.url}/api/session`, withCookie(cookie, { method: 'DELETE' }))).status).toBe(204);
    // After sign-out the session check answers 200 with no user (not a 401 logged on every page load).
    const after = await fetch(`${server.url}/api/session`, withCookie(cookie));
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ user: null });
    expect((await fetch(`${server.url}/api/meetings`, withCookie(cookie))).status).toBe(401);
  });

  it('refuses wrong passwords with one message, locks the account after five, and audits each attempt', async () => {
    const person = (await audit('action=signin.ok')).length;
    for (let i = 0; i < 5; i++) {
      const res = await postSignIn(demoUsers.member2, 'wrong-password');
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthorised', message: 'Email or password is not right' } });
    }
    const locked = await postSignIn(demoUsers.member2, 'triage-demo-2026');
    expect(locked.status).toBe(429);
    const unknown = await postSignIn('nobody@demo.triage.test', 'whatever');
    expect(unknown.status).toBe(401);
    const failures = await audit('action=signin.failed');
    expect(failures.filter((f) => f.detail?.reason === 'bad-password')).toHaveLength(5);
    expect(failures.filter((f) => f.detail?.reason === 'locked')).toHaveLength(1);
    expect(failures.filter((f) => f.detail?.reason === 'unknown-account' && f.actorId === null)).toHaveLength(1);
    expect((await audit('action=signin.ok')).length).toBe(person);
  });

  it('writes exactly one audit row, with the right actor, per audited action', async () => {
    const chair = await signIn(server.url, demoUsers.chair);
    const signIns = await audit('action=signin.ok');
    expect(signIns[0].actorName).toBe('Morgan Chair');

    const joinsBefore = (await audit(`action=meeting.join&targetId=${demoMeetingId}`)).length;
    const client = connectYClient(server.url, demoMeetingId, { headers: { cookie: chair } });
    await client.synced;
    client.destroy();
    // The join row is written just after the connection opens (batched per tick; on PostgreSQL an async commit).
    await expect.poll(async () => (await audit(`action=meeting.join&targetId=${demoMeetingId}`)).length).toBe(joinsBefore + 1);
    const joins = await audit(`action=meeting.join&targetId=${demoMeetingId}`);
    expect(joins[0]).toMatchObject({ actorName: 'Morgan Chair', detail: { via: 'yjs', role: 'chair' } });

    await fetch(`${server.url}/api/meetings/${demoMeetingId}/invites`, withCookie(chair, { method: 'POST', headers: { cookie: chair, 'content-type': 'application/json' }, body: '{"role":"observer"}' }));
    const invites = await audit('action=invite.create');
    expect(invites).toHaveLength(1);
    expect(invites[0]).toMatchObject({ actorName: 'Morgan Chair', targetId: demoMeetingId, detail: { role: 'observer' } });

    await fetch(`${server.url}/api/admin/agencies`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Health Visiting', shortName: 'HV' }) });
    const created = await audit('action=admin.agency.create');
    expect(created).toHaveLength(1);
    expect(created[0].actorName).toBe('Alex Admin');
  });

  it('lets an invite link be used once, before it expires, to join a meeting outside one’s series', async () => {
    const chair = await signIn(server.url, demoUsers.chair);
    await fetch(`${server.url}/api/admin/people`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ivy Invitee', email: 'invitee@demo.triage.test', agencyId: 'agency-pol', role: 'member', password: 'invitee-password-1' }) });
    const guest = await signIn(server.url, 'invitee@demo.triage.test', 'invitee-password-1');
    expect((await fetch(`${server.url}/api/meetings/${demoMeetingId}`, withCookie(guest))).status).toBe(404); // not yet a member: as if there were no such meeting
    const res = await fetch(`${server.url}/api/meetings/${demoMeetingId}/invites`, { method: 'POST', headers: { cookie: chair, 'content-type': 'application/json' }, body: '{"role":"member"}' });
    const { invite } = (await res.json()) as { invite: { path: string } };
    const accept = () => fetch(`${server.url}/api${invite.path.replace('/invite/', '/invites/')}/accept`, { method: 'POST', headers: { cookie: guest, 'content-type': 'application/json' } });
    expect((await accept()).status).toBe(200);
    const meeting = await (await fetch(`${server.url}/api/meetings/${demoMeetingId}`, withCookie(guest))).json();
    expect(meeting.meeting).toMatchObject({ role: 'member', abilities: { edit: true, editAgenda: false, chair: false } });
    const again = await accept();
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toMatch(/expired or has already been used/);
  });

  it('writes one join row per Yjs connection in a join storm (rows batched per tick), each with its actor and role', async () => {
    const member = await signIn(server.url, demoUsers.member);
    const observer = await signIn(server.url, demoUsers.observer);
    const before = (await audit(`action=meeting.join&targetId=${demoMeetingId}`)).length;
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/yjs/${demoMeetingId}`;
    const cookies = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? observer : member));
    const sockets = await Promise.all(cookies.map((cookie) => openRawSocket(wsUrl, { cookie })));
    for (const ws of sockets) ws.terminate();
    // The rows are written after the connections open (batched per tick; on PostgreSQL, an asynchronous commit).
    await expect.poll(async () => (await audit(`action=meeting.join&targetId=${demoMeetingId}`)).length).toBe(before + 12);
    const joins = (await audit(`action=meeting.join&targetId=${demoMeetingId}`)).slice(0, 12);
    expect(joins.filter((j) => j.actorName === 'Riley Mental-Health' && j.detail?.role === 'member')).toHaveLength(8);
    expect(joins.filter((j) => j.detail?.role === 'observer')).toHaveLength(4);
  });

  it('refuses cross-site writes', async () => {
    const res = await fetch(`${server.url}/api/admin/agencies`, { method: 'POST', headers: { cookie: admin, origin: 'http://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Evil', shortName: 'EV' }) });
    expect(res.status).toBe(403);
    const form = await fetch(`${server.url}/api/admin/agencies`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Evil&shortName=EV' });
    expect(form.status).toBe(400);
  });
});

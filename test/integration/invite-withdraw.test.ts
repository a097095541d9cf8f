/**
 * Issue 13: a chair or coordinator lists a meeting's open guest invites (never their tokens: only hashes are stored)
 * and withdraws one; a withdrawn link is refused in words at once, the withdrawal is audited, and ids that name no
 * open invite of this meeting change nothing.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { hostileParam } from '../support/hostile-inputs.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { signIn, withCookie } from '../support/session.js';

interface OpenInvite {
  id: string;
  role: 'member' | 'observer';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

describe.each(serverEngines)('open guest invites: listed without tokens, withdrawn at once, on $name', ({ engine }) => {
  const clock = { now: Date.now() };
  // One server for the file: the tests follow one meeting's invites from first made to withdrawn.
  const live = liveServer({ scope: 'file', engine, server: () => ({ now: () => clock.now }) });
  const { api, post } = live;
  const invitesPath = `/meetings/${demoMeetingId}/invites`;
  const list = async (who: 'chair' | 'coordinator' = 'chair') => {
    const res = await api<{ invites: OpenInvite[] }>(who, invitesPath);
    expect(res.status).toBe(200);
    return res.body.invites;
  };
  const create = async (role: 'member' | 'observer', who: 'chair' | 'coordinator' = 'chair') => {
    const res = await post<{ invite: { path: string } }>(who, invitesPath, { role });
    expect(res.status).toBe(201);
    return res.body.invite.path;
  };
  // Read past the server on its engine: what an answer says is checked against what was really stored.
  const withdrawals = async () => (await live.rows("select actor_id as \"actorId\", target_id as \"targetId\", detail from audit_log where action = 'invite.withdraw' order by id")) as { actorId: string; targetId: string; detail: string }[];
  const inviteRows = async () => JSON.stringify(await live.rows('select * from meeting_invites order by id'));
  // Two people outside the series: the guest uses one link; the stranger never gets into the meeting.
  let guest: string;
  let stranger: string;
  const accept = (path: string, who = guest) => fetch(`${live.url()}/api${path.replace('/invite/', '/invites/')}/accept`, withCookie(who, { method: 'POST', headers: { 'content-type': 'application/json' } }));

  beforeAll(async () => {
    const admin = await live.cookie('admin');
    for (const [name, email] of [['Ivy Invitee', 'invitee@demo.triage.test'], ['Sam Stranger', 'stranger@demo.triage.test']]) {
      const made = await fetch(`${live.url()}/api/admin/people`, withCookie(admin, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, email, agencyId: 'agency-pol', role: 'member', password: 'invitee-password-1' }) }));
      expect(made.status).toBe(201);
    }
    guest = await signIn(live.url(), 'invitee@demo.triage.test', 'invitee-password-1');
    stranger = await signIn(live.url(), 'stranger@demo.triage.test', 'invitee-password-1');
  });

  it('lists only the open invites, oldest first, with role, creator and times but no token, link or hash', async () => {
    const before = await list();
    const used = await create('member');
    clock.now += 1000;
    const expiring = await create('observer');
    clock.now += 1000;
    await create('observer', 'coordinator');
    expect((await accept(used)).status).toBe(200);
    // The second one runs out: its expiry is set in the past on the server's clock.
    const expiringToken = expiring.split('/').pop()!;
    expect(expiringToken.length).toBeGreaterThan(19);
    await live.write('update meeting_invites set expires_at = ? where created_at = ?', clock.now - 1, clock.now - 1000);

    const res = await api<{ invites: OpenInvite[] }>('chair', invitesPath);
    const raw = JSON.stringify(res.body);
    const open = res.body.invites.slice(before.length);
    expect(open).toEqual([{ id: expect.any(String), role: 'observer', createdBy: 'Casey Coordinator', createdAt: new Date(clock.now).toISOString(), expiresAt: expect.any(String) }]);
    expect(Object.keys(open[0]).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'role']);
    const hashes = (await live.rows('select token_hash as h from meeting_invites')).map((r) => String(r.h));
    expect(hashes.length).toBeGreaterThan(2);
    for (const secret of [...hashes, used.split('/').pop()!, expiringToken]) expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/token|hash|path/i);
    // The coordinator sees the same list.
    expect((await list('coordinator')).map((i) => i.id)).toEqual(res.body.invites.map((i) => i.id));
  });

  it('lets only those who may invite list or withdraw: a member, an observer and a guest member get 403, a stranger 404', async () => {
    const [invite] = await list();
    for (const who of ['member', 'observer'] as const) {
      expect((await api(who, invitesPath)).status).toBe(403);
      expect((await api(who, `${invitesPath}/${invite.id}`, { method: 'DELETE' })).status).toBe(403);
    }
    const as = (cookie: string, method = 'GET') => fetch(`${live.url()}/api${invitesPath}${method === 'GET' ? '' : `/${invite.id}`}`, withCookie(cookie, { method }));
    expect((await as(guest)).status).toBe(403);
    expect((await as(guest, 'DELETE')).status).toBe(403);
    expect((await as(stranger)).status).toBe(404);
    expect((await as(stranger, 'DELETE')).status).toBe(404);
    expect((await fetch(`${live.url()}/api${invitesPath}`)).status).toBe(401);
    expect((await list()).map((i) => i.id)).toContain(invite.id);
    expect(await withdrawals()).toEqual([]);
  });

  it('withdraws an invite at once: gone from the list, audited, and its link refused in words', async () => {
    clock.now += 1000;
    const path = await create('member');
    const [fresh] = (await list()).slice(-1);
    expect(fresh).toMatchObject({ role: 'member', createdAt: new Date(clock.now).toISOString() });
    const res = await api('chair', `${invitesPath}/${fresh.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect((await list()).map((i) => i.id)).not.toContain(fresh.id);
    const chairId = (await live.row("select id from people where email = 'chair@demo.triage.test'"))!.id;
    expect((await withdrawals()).map((w) => ({ ...w, detail: JSON.parse(w.detail) }))).toEqual([{ actorId: chairId, targetId: demoMeetingId, detail: { inviteId: fresh.id, role: 'member' } }]);

    const refused = await accept(path, stranger);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('This invite link has been withdrawn: ask whoever sent it for a new one');
    expect((await fetch(`${live.url()}/api/meetings/${demoMeetingId}`, withCookie(stranger))).status).toBe(404);
    // Withdrawn twice: nothing left to withdraw, and no second audit row.
    expect((await api('chair', `${invitesPath}/${fresh.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await withdrawals()).toHaveLength(1);
  });

  it('answers ids that name no open invite of this meeting with 404 (or 422) and changes nothing', async () => {
    const [open] = await list();
    const usedId = (await live.row('select id from meeting_invites where used_at is not null'))!.id;
    const before = await inviteRows();
    const audited = (await withdrawals()).length;
    // Another meeting's path cannot reach this meeting's invite; a used invite cannot be withdrawn.
    expect((await api('chair', `/meetings/demo-previous/invites/${open.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api('chair', `${invitesPath}/${usedId}`, { method: 'DELETE' })).status).toBe(404);
    await fc.assert(
      fc.asyncProperty(hostileParam, async (id) => {
        const res = await api<{ error: { message: string } }>('chair', `${invitesPath}/${id}`, { method: 'DELETE' });
        expect([400, 404, 414, 422, 431]).toContain(res.status);
        if (res.body) expect(res.body.error.message).toMatch(/\S/);
      }),
      { numRuns: 60 },
    );
    expect(await inviteRows()).toBe(before);
    expect(await withdrawals()).toHaveLength(audited);
    expect((await list()).map((i) => i.id)).toContain(open.id);
  });
});

/**
 * Issue 12 item 3: revoked means revoked, everywhere. One test per trigger — sign-out, idle expiry, maximum age,
 * removal from the series, a role change (member → observer, series chair → member) and a disabled account — on a
 * real server with real y-websocket and Socket.IO clients: after the trigger each open connection of that person is
 * closed (or made read-only) with the cause's code and message, and what they send afterwards is neither stored (read
 * back from the database) nor received by a watching peer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda, restrictedNotesFragmentName } from '../../shared/meeting-doc.js';
import { closeCodes, yjsUrlPath, type MeetingDocKind } from '../../shared/protocol.js';
import { roomEvents, type RoomRevoked, type RoomSnapshot } from '../../shared/room-protocol.js';
import type { Config } from '../../server/config.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';
import { connectRoom, type RoomClient } from '../support/room-client.js';
import { openRawSocket } from '../support/raw-ws.js';

const m = { meetingId: demoMeetingId };
const series = 'series-repeat-removals';
const lateTitle = 'Sent after access ended';

describe.each(serverEngines)('revoked means revoked, on every open connection, on $name', ({ engine }) => {
  let server: TestServer;
  const open: (YClient | RoomClient)[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) ('close' in c ? c.close() : c.destroy());
    await server.cleanup();
  });
  const start = async (config: Partial<Config> = {}) => (server = await startTestServer({ config, engine }));

  const yClient = (cookie: string, doc: MeetingDocKind = 'shared') => {
    const c = connectYClient(server.url, demoMeetingId, { headers: { cookie }, doc });
    open.push(c);
    return c;
  };
  const room = async (cookie: string) => {
    const r = await connectRoom(server.url, cookie);
    open.push(r);
    expect((await r.emit(roomEvents.join, m)).ok).toBe(true);
    return r;
  };
  /** A room connection not yet joined (as a page's while it loads), and every revocation notice it is sent. */
  const unjoinedRoom = async (cookie: string) => {
    const r = await connectRoom(server.url, cookie);
    open.push(r);
    const told: RoomRevoked[] = [];
    r.socket.on(roomEvents.revoked, (notice: RoomRevoked) => told.push(notice));
    return { r, told };
  };
  /** A person's open meeting: the shared document and the room, both live. */
  const joinMeeting = async (cookie: string) => {
    const y = yClient(cookie);
    const r = await room(cookie);
    await y.synced;
    return { y, room: r, revoked: nextRevoked(r) };
  };
  const nextRevoked = (r: RoomClient) => new Promise<RoomRevoked>((resolve) => r.socket.once(roomEvents.revoked, resolve));
  const disconnected = (r: RoomClient) => new Promise<void>((resolve) => (r.socket.connected ? r.socket.once('disconnect', () => resolve()) : resolve()));
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/admin${path}`, {
      method,
      headers: { cookie: await signIn(server.url, demoUsers.admin), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
  };
  const personId = async (email: string) => {
    const res = await fetch(`${server.url}/api/admin/people`, withCookie(await signIn(server.url, demoUsers.admin)));
    return ((await res.json()) as { people: { id: string; email: string }[] }).people.find((p) => p.email === email)!.id;
  };
  /** The document as stored by the engine (snapshot + update log), not as any live room holds it. */
  const stored = async (kind: MeetingDocKind = 'shared') => {
    const { snapshot, updates } = await server.server.storage.stores.meetingDocs.load(demoMeetingId, kind);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const u of updates) Y.applyUpdate(doc, u);
    return doc;
  };
  const storedTitles = async () => readAgenda(await stored()).map((i) => i.title);
  /** Nothing the person's connections send now reaches the document or anyone in the room. */
  async function expectLateWritesDropped(victim: { y: YClient; room: RoomClient }, watcher: { y: YClient; room: RoomClient }, writer: YClient) {
    addAgendaItem(victim.y.doc, { kind: 'case-review', title: lateTitle, caseRef: 'RR-2026-990' });
    if (victim.room.socket.connected) {
      const ack = await victim.room.emit(roomEvents.hand, { ...m, raised: true });
      expect(ack.ok).toBe(false);
    }
    // An honest edit after it: once the watcher has it, anything the server accepted before has arrived too.
    const marker = `Marker ${Math.random().toString(36).slice(2, 8)}`;
    addAgendaItem(writer.doc, { kind: 'case-review', title: marker, caseRef: 'RR-2026-991' });
    await writer.saved();
    await waitForDoc(watcher.y.doc, (d) => readAgenda(d).some((i) => i.title === marker));
    expect(readAgenda(watcher.y.doc).map((i) => i.title)).not.toContain(lateTitle);
    expect(await storedTitles()).toContain(marker);
    expect(await storedTitles()).not.toContain(lateTitle);
    expect((watcher.room.latest() as RoomSnapshot).hands).toEqual([]);
  }
  const refusedUpgrade = async (cookie: string) => {
    try {
      (await openRawSocket(`${server.url.replace(/^http/, 'ws')}${yjsUrlPath(demoMeetingId)}`, { cookie })).terminate();
      return 101;
    } catch (err) {
      return (err as { status: number }).status;
    }
  };

  it('sign-out closes that session’s document and room connections ("You were signed out"), not the person’s other sessions', async () => {
    await start();
    const chairCookie = await signIn(server.url, demoUsers.chair);
    const watcher = await joinMeeting(chairCookie);
    const cookie = await signIn(server.url, demoUsers.member);
    const otherDevice = await joinMeeting(await signIn(server.url, demoUsers.member));
    const victim = await joinMeeting(cookie);

    expect((await fetch(`${server.url}/api/session`, withCookie(cookie, { method: 'DELETE' }))).status).toBe(204);
    expect(await victim.y.closed()).toEqual({ code: closeCodes.signedOut, reason: 'signedOut' });
    expect(await victim.revoked).toEqual({ meetingId: null, code: closeCodes.signedOut, cause: 'signedOut' });
    await disconnected(victim.room);
    await expectLateWritesDropped(victim, watcher, watcher.y);
    expect(await refusedUpgrade(cookie)).toBe(401);
    // The same person's other session is untouched: still connected and still writing.
    expect(otherDevice.room.socket.connected).toBe(true);
    addAgendaItem(otherDevice.y.doc, { kind: 'case-review', title: 'From the other device', caseRef: 'RR-2026-992' });
    await otherDevice.y.saved();
    expect(await storedTitles()).toContain('From the other device');
  });

  it('idle expiry closes every connection of the session within its deadline, and nothing later is stored', async () => {
    await start({ sessionLimits: { maxMs: 10 * 60_000, idleMs: 1500 } });
    const cookie = await signIn(server.url, demoUsers.member);
    const victim = await joinMeeting(cookie);
    expect(await victim.y.closed()).toEqual({ code: closeCodes.sessionExpired, reason: 'sessionExpired' });
    expect(await victim.revoked).toMatchObject({ meetingId: null, cause: 'sessionExpired', code: closeCodes.sessionExpired });
    await disconnected(victim.room);
    addAgendaItem(victim.y.doc, { kind: 'case-review', title: lateTitle, caseRef: 'RR-2026-990' });
    // A peer arriving now (a fresh session) loads the stored meeting: the late edit is not in it.
    const peer = yClient(await signIn(server.url, demoUsers.chair));
    await peer.synced;
    expect(readAgenda(peer.doc).map((i) => i.title)).not.toContain(lateTitle);
    expect(await storedTitles()).not.toContain(lateTitle);
    expect(await refusedUpgrade(cookie)).toBe(401);
  });

  it('maximum session age closes every connection even while the person is active', async () => {
    await start({ sessionLimits: { maxMs: 3000, idleMs: 10 * 60_000 } });
    const cookie = await signIn(server.url, demoUsers.member);
    const victim = await joinMeeting(cookie);
    // Active until the end: an edit and a room event, each counted as activity.
    addAgendaItem(victim.y.doc, { kind: 'case-review', title: 'Before the deadline', caseRef: 'RR-2026-993' });
    await victim.y.saved();
    expect((await victim.room.emit(roomEvents.focus, { ...m, itemId: null })).ok).toBe(true);
    expect(await victim.y.closed()).toEqual({ code: closeCodes.sessionExpired, reason: 'sessionExpired' });
    expect(await victim.revoked).toMatchObject({ meetingId: null, cause: 'sessionExpired' });
    addAgendaItem(victim.y.doc, { kind: 'case-review', title: lateTitle, caseRef: 'RR-2026-990' });
    expect(await storedTitles()).toContain('Before the deadline');
    expect(await storedTitles()).not.toContain(lateTitle);
    expect(await refusedUpgrade(cookie)).toBe(401);
  });

  it('removal from the series closes the person’s connections to its meetings ("Your access … was removed") and takes them out of the room', async () => {
    await start();
    const watcher = await joinMeeting(await signIn(server.url, demoUsers.chair));
    const cookie = await signIn(server.url, demoUsers.member);
    const victim = await joinMeeting(cookie);
    const memberId = await personId(demoUsers.member);
    await watcher.room.snapshot((s) => s.present.some((p) => p.id === memberId));

    await admin('DELETE', `/series/${series}/members/${memberId}`);
    expect(await victim.y.closed()).toEqual({ code: closeCodes.accessRemoved, reason: 'accessRemoved' });
    expect(await victim.revoked).toEqual({ meetingId: demoMeetingId, code: closeCodes.accessRemoved, cause: 'accessRemoved' });
    await watcher.room.snapshot((s) => !s.present.some((p) => p.id === memberId));
    await expectLateWritesDropped(victim, watcher, watcher.y);
    expect(await refusedUpgrade(cookie)).toBe(404);
  });

  it('a series edit that leaves a member out (PATCH /api/series/:id members) closes their connections the same way', async () => {
    await start();
    const watcher = await joinMeeting(await signIn(server.url, demoUsers.chair));
    const cookie = await signIn(server.url, demoUsers.member);
    const victim = await joinMeeting(cookie);
    const memberId = await personId(demoUsers.member);
    const adminCookie = await signIn(server.url, demoUsers.admin);
    const listed = (await (await fetch(`${server.url}/api/admin/series`, withCookie(adminCookie))).json()) as { members: { seriesId: string; personId: string; role: string }[] };
    const members = listed.members.filter((x) => x.seriesId === series && x.personId !== memberId).map(({ personId: id, role }) => ({ personId: id, role }));
    const res = await fetch(`${server.url}/api/series/${series}`, { method: 'PATCH', headers: { cookie: adminCookie, 'content-type': 'application/json' }, body: JSON.stringify({ members }) });
    expect(res.status).toBe(200);

    expect(await victim.y.closed()).toEqual({ code: closeCodes.accessRemoved, reason: 'accessRemoved' });
    expect(await victim.revoked).toMatchObject({ meetingId: demoMeetingId, cause: 'accessRemoved' });
    await expectLateWritesDropped(victim, watcher, watcher.y);
    expect(await refusedUpgrade(cookie)).toBe(404);
  });

  it("a new chair for the meeting closes the former chair's restricted notes (role changed); their shared document stays open", async () => {
    await start();
    const chairCookie = await signIn(server.url, demoUsers.chair);
    const chair = await joinMeeting(chairCookie);
    const restricted = yClient(chairCookie, 'restricted');
    await restricted.synced;
    const coordinatorCookie = await signIn(server.url, demoUsers.coordinator);
    const coordinatorId = await personId(demoUsers.coordinator);
    const res = await fetch(`${server.url}/api/meetings/${demoMeetingId}`, {
      method: 'PATCH',
      headers: { cookie: coordinatorCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ chairId: coordinatorId }),
    });
    expect(res.status).toBe(200);

    expect(await restricted.closed()).toEqual({ code: closeCodes.roleChanged, reason: 'roleChanged' });
    restricted.doc.getXmlFragment(restrictedNotesFragmentName('any-item')).insert(0, [new Y.XmlText('Sent after access ended')]);
    // Still a series chair: the shared document stays writable.
    addAgendaItem(chair.y.doc, { kind: 'case-review', title: 'Still writing', caseRef: 'RR-2026-994' });
    await chair.y.saved();
    expect(await storedTitles()).toContain('Still writing');
    expect((await stored('restricted')).getXmlFragment(restrictedNotesFragmentName('any-item')).length).toBe(0);
    const newChair = yClient(coordinatorCookie, 'restricted');
    await newChair.synced;
  });

  it('a role change member → observer makes the document read-only with the reason, drops later edits and refuses edit events', async () => {
    await start();
    const watcher = await joinMeeting(await signIn(server.url, demoUsers.chair));
    const victim = await joinMeeting(await signIn(server.url, demoUsers.member));
    const memberId = await personId(demoUsers.member);

    await admin('PUT', `/series/${series}/members/${memberId}`, { role: 'observer' });
    await victim.y.status('read-only');
    expect(victim.y.statuses.flatMap((s) => (s.type === 'read-only' ? [s.reason] : []))).toEqual(['roleChanged']);
    expect(await victim.revoked).toEqual({ meetingId: demoMeetingId, code: closeCodes.roleChanged, cause: 'roleChanged' });
    await watcher.room.snapshot((s) => s.present.some((p) => p.id === memberId && p.role === 'observer'));
    // Still connected (an observer may watch) but its edits are dropped: the server answers each with "read-only".
    addAgendaItem(victim.y.doc, { kind: 'case-review', title: lateTitle, caseRef: 'RR-2026-990' });
    await victim.y.statusCount('read-only', 2);
    expect(await victim.room.emit(roomEvents.focus, { ...m, itemId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expectLateWritesDropped(victim, watcher, watcher.y);
  });

  it('a tab that joins after its role changed is answered with the new role; one joining while it changes is told', async () => {
    await start();
    const memberCookie = await signIn(server.url, demoUsers.member);
    const memberId = await personId(demoUsers.member);
    // Connected (as a page is while it loads) but not yet in the room: no re-check can tell it anything.
    const { r: early } = await unjoinedRoom(memberCookie);
    await admin('PUT', `/series/${series}/members/${memberId}`, { role: 'observer' });
    expect(await early.emit(roomEvents.join, m)).toMatchObject({ ok: true, data: { meetingId: demoMeetingId, role: 'observer' } });

    // The join and the change at once, again and again: whatever the order, the tab ends up knowing the role now held,
    // from the join's answer or from a notice after it (the client fetches its page again on a notice).
    for (const [i, role] of ['member', 'observer', 'member', 'observer', 'member', 'observer', 'member', 'observer'].entries()) {
      const { r, told } = await unjoinedRoom(memberCookie);
      const [joined] = await Promise.all([r.emit<{ role: string }>(roomEvents.join, m), admin('PUT', `/series/${series}/members/${memberId}`, { role })]);
      // A round trip after both: any notice sent before it has arrived.
      expect((await r.emit(roomEvents.join, { meetingId: 'not a meeting id!' })).ok).toBe(false);
      expect(joined.ok, `round ${i}`).toBe(true);
      const answered = joined.ok ? joined.data.role : null;
      expect(answered === role || told.some((t) => t.meetingId === demoMeetingId && t.cause === 'roleChanged'), `round ${i}: answered ${answered}, now ${role}, told ${JSON.stringify(told)}`).toBe(true);
      r.close();
    }
  });

  it('a role change landing while a join is reading the role is told to that tab once it has joined', async () => {
    await start();
    const memberCookie = await signIn(server.url, demoUsers.member);
    const memberId = await personId(demoUsers.member);
    const { r, told } = await unjoinedRoom(memberCookie);
    // The join's read of the role is let through to storage (it reads "member"), and its answer held there.
    const membership = server.server.storage.stores.membership;
    const read = membership.meetingAccess.bind(membership);
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    let hasRead!: () => void;
    const joinRead = new Promise<void>((resolve) => (hasRead = resolve));
    membership.meetingAccess = async (...args) => {
      membership.meetingAccess = read;
      const answer = await read(...args);
      hasRead();
      await gate;
      return answer;
    };
    const joined = r.emit<{ role: string }>(roomEvents.join, m);
    await joinRead;
    // The change, and its re-check of this tab, finish while the join holds "member".
    await admin('PUT', `/series/${series}/members/${memberId}`, { role: 'observer' });
    expect(told).toEqual([]);
    letGo();
    expect(await joined).toMatchObject({ ok: true, data: { role: 'observer' } });
    expect(told).toEqual([{ meetingId: demoMeetingId, code: closeCodes.roleChanged, cause: 'roleChanged' }]);
    expect(await r.emit(roomEvents.focus, { ...m, itemId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a role change series chair → member takes away the chair commands at once', async () => {
    await start();
    const deputyEmail = 'deputy@demo.triage.test';
    const adminCookie = await signIn(server.url, demoUsers.admin);
    const created = await fetch(`${server.url}/api/admin/people`, {
      method: 'POST',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Devon Deputy', email: deputyEmail, agencyId: 'agency-cs', role: 'chair', password: 'deputy-password-1' }),
    });
    const deputyId = ((await created.json()) as { person: { id: string } }).person.id;
    await admin('PUT', `/series/${series}/members/${deputyId}`, { role: 'chair' });
    const watcher = await joinMeeting(await signIn(server.url, demoUsers.coordinator));
    const deputy = await joinMeeting(await signIn(server.url, deputyEmail, 'deputy-password-1'));
    expect((await deputy.room.emit(roomEvents.open, m)).ok).toBe(true);
    expect((await deputy.room.emit(roomEvents.timer, { ...m, action: 'start' })).ok).toBe(true);
    await watcher.room.snapshot((s) => s.timer.running);

    await admin('PUT', `/series/${series}/members/${deputyId}`, { role: 'member' });
    expect(await deputy.revoked).toMatchObject({ meetingId: demoMeetingId, cause: 'roleChanged', code: closeCodes.roleChanged });
    expect(await deputy.room.emit(roomEvents.timer, { ...m, action: 'pause' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await deputy.room.emit(roomEvents.end, m)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The watcher's room never heard a pause: a later change it does hear still shows the timer running.
    expect((await deputy.room.emit(roomEvents.hand, { ...m, raised: true })).ok).toBe(true);
    const after = await watcher.room.snapshot((s) => s.hands.some((h) => h.personId === deputyId));
    expect(after.timer.running).toBe(true);
    expect(after.status).toBe('live');
  });

  it('disabling an account closes all its connections, the restricted notes too ("Your account has been disabled"), and it cannot sign in', async () => {
    await start();
    const watcher = await joinMeeting(await signIn(server.url, demoUsers.coordinator));
    const chairCookie = await signIn(server.url, demoUsers.chair);
    const victim = await joinMeeting(chairCookie);
    const restricted = yClient(chairCookie, 'restricted');
    await restricted.synced;

    await admin('POST', '/people/person-chair/disable');
    for (const c of [victim.y, restricted]) expect(await c.closed()).toEqual({ code: closeCodes.accountDisabled, reason: 'accountDisabled' });
    expect(await victim.revoked).toMatchObject({ meetingId: null, cause: 'accountDisabled', code: closeCodes.accountDisabled });
    await disconnected(victim.room);
    restricted.doc.getXmlFragment(restrictedNotesFragmentName('any-item')).insert(0, [new Y.XmlText('Sent after access ended')]);
    await expectLateWritesDropped(victim, watcher, watcher.y);
    expect((await stored('restricted')).getXmlFragment(restrictedNotesFragmentName('any-item')).length).toBe(0);
    expect(await refusedUpgrade(chairCookie)).toBe(401);
    await expect(signIn(server.url, demoUsers.chair)).rejects.toThrow(/401/);

    await admin('POST', '/people/person-chair/enable');
    expect(await signIn(server.url, demoUsers.chair)).toMatch(/^triage_session=/);
  });
});

/**
 * Access changes across processes (server/realtime/access-relay.ts): two real server processes on one storage, Redis
 * between them, the person's clients on process B and the change made on process A.
 * - removal from the series on A: B closes the member's document with "access removed" and ends their room session
 *   before A answers; an edit they send right after the answer is not stored (read from the stored rows);
 * - a new chair on A: B closes the former chair's restricted notes ("role changed"), and what the new chair writes
 *   there reaches B's permitted client, never the former chair;
 * - Redis away and the process that made the change killed before it returns: B re-checks every connection against
 *   storage once it reaches Redis again, and cuts the member.
 *
 * Event-driven: every wait is for an HTTP answer, a close, a revocation event, a "saved" or a document change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import '../support/property-seed.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda, restrictedNotesFragmentName } from '../../shared/meeting-doc.js';
import { closeCodes, yjsUrlPath, type MeetingDocKind } from '../../shared/protocol.js';
import { roomEvents, type RoomRevoked } from '../../shared/room-protocol.js';
import { connectYClient, waitForDoc } from '../support/yjs-client.js';
import { connectRoom, type RoomClient } from '../support/room-client.js';
import { openRawSocket } from '../support/raw-ws.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { twoProcessEngine as engine, twoProcessHarness, type Cluster } from '../support/two-process-cluster.js';

const m = { meetingId: demoMeetingId };
const series = 'series-repeat-removals';

describe(`two server processes: an access change on one applies on the other (${engine})`, () => {
  const { clients, track, cluster } = twoProcessHarness();

  const yOn = (url: string, cookie: string, doc: MeetingDocKind = 'shared') => track(connectYClient(url, demoMeetingId, { headers: { cookie }, doc }));
  const roomOn = async (url: string, cookie: string) => {
    const r: RoomClient = await connectRoom(url, cookie);
    clients.push({ destroy: () => r.close() });
    expect((await r.emit(roomEvents.join, m)).ok).toBe(true);
    return r;
  };
  const personId = async (url: string, email: string) => {
    const res = await fetch(`${url}/api/admin/people`, withCookie(await signIn(url, demoUsers.admin)));
    return ((await res.json()) as { people: { id: string; email: string }[] }).people.find((p) => p.email === email)!.id;
  };
  const removeFromSeries = async (url: string, memberId: string) => {
    const res = await fetch(`${url}/api/admin/series/${series}/members/${memberId}`, withCookie(await signIn(url, demoUsers.admin), { method: 'DELETE' }));
    expect(res.status).toBeLessThan(300);
  };
  /** Stored update rows of the meeting's document holding `text` (its UTF-8 bytes), straight from the shared storage. */
  const storedRowsWith = (c: Cluster, text: string, doc: MeetingDocKind = 'shared') =>
    engine === 'postgres'
      ? c.count(`select count(*) as n from meeting_updates where meeting_id = ? and doc = ? and position(convert_to(?, 'UTF8') in "update") > 0`, demoMeetingId, doc, text)
      : c.count(`select count(*) as n from meeting_updates where meeting_id = ? and doc = ? and instr("update", cast(? as blob)) > 0`, demoMeetingId, doc, text);
  const upgradeStatus = async (url: string, cookie: string, doc: MeetingDocKind) => {
    try {
      (await openRawSocket(`${url.replace(/^http/, 'ws')}${yjsUrlPath(demoMeetingId, doc)}`, { cookie })).terminate();
      return 101;
    } catch (err) {
      return (err as { status: number }).status;
    }
  };

  it('a member removed on process A: process B closes their document and room session before A answers, and what they send after is never stored', async () => {
    const c = await cluster();
    try {
      const [urlA, urlB] = c.urls;
      const watcher = yOn(urlA, c.chairCookie);
      const watcherRoom = await roomOn(urlA, c.chairCookie);
      const cookie = await signIn(urlB, demoUsers.member);
      const victim = yOn(urlB, cookie);
      const victimRoom = await roomOn(urlB, cookie);
      const chairRoomOnB = await roomOn(urlB, c.chairCookie);
      await Promise.all([watcher.synced, victim.synced]);
      const memberId = await personId(urlA, demoUsers.member);
      // The member is in the room as process A sees it (presence crossed over): the change is about a live person.
      await watcherRoom.snapshot((s) => s.present.some((p) => p.id === memberId));
      const revoked = new Promise<RoomRevoked>((resolve) => victimRoom.socket.once(roomEvents.revoked, resolve));

      await removeFromSeries(urlA, memberId);
      // Sent the moment A answered, on the connections to B if the client has not yet read B's close: B, having cut
      // them before A answered, must drop the edit and refuse the command.
      const late = `Sent after removal ${Math.random().toString(36).slice(2, 8)}`;
      addAgendaItem(victim.doc, { kind: 'case-review', title: late, caseRef: 'RR-2026-980' });
      const handAck = victimRoom.socket.connected ? victimRoom.emit(roomEvents.hand, { ...m, raised: true }) : null;
      // A answered only once B had applied the change: B's room no longer holds the member, asked at once.
      const roomOnB = await chairRoomOnB.emit<{ present: { id: string }[] }>(roomEvents.join, m);
      expect(roomOnB.ok).toBe(true);
      if (roomOnB.ok) expect(roomOnB.data.present.map((p) => p.id)).not.toContain(memberId);

      expect(await victim.closed()).toEqual({ code: closeCodes.accessRemoved, reason: 'accessRemoved' });
      expect(await revoked).toEqual({ meetingId: demoMeetingId, code: closeCodes.accessRemoved, cause: 'accessRemoved' });
      if (handAck) expect((await handAck).ok).toBe(false);
      await watcherRoom.snapshot((s) => !s.present.some((p) => p.id === memberId));

      // An honest edit after it, through B: once A's client has it, anything B accepted before was stored and relayed.
      const chairOnB = yOn(urlB, c.chairCookie);
      await chairOnB.synced;
      const marker = `Marker ${Math.random().toString(36).slice(2, 8)}`;
      addAgendaItem(chairOnB.doc, { kind: 'case-review', title: marker, caseRef: 'RR-2026-981' });
      await chairOnB.saved();
      await waitForDoc(watcher.doc, (d) => readAgenda(d).some((i) => i.title === marker));
      expect(readAgenda(watcher.doc).map((i) => i.title)).not.toContain(late);
      expect(readAgenda(chairOnB.doc).map((i) => i.title)).not.toContain(late);
      expect(await storedRowsWith(c, marker)).toBe(1);
      expect(await storedRowsWith(c, late)).toBe(0);
      expect(await upgradeStatus(urlB, cookie, 'shared')).toBe(404);
    } finally {
      await c.close();
    }
  }, 60_000);

  it("a new chair set on process A: process B closes the former chair's restricted notes, and what the new chair writes there reaches B's permitted client only", async () => {
    const c = await cluster();
    try {
      const [urlA, urlB] = c.urls;
      const formerChair = yOn(urlB, c.chairCookie, 'restricted');
      await formerChair.synced;
      const coordinatorCookie = await signIn(urlA, demoUsers.coordinator);
      const coordinatorId = await personId(urlA, demoUsers.coordinator);

      const res = await fetch(`${urlA}/api/meetings/${demoMeetingId}`, {
        method: 'PATCH',
        headers: { cookie: coordinatorCookie, 'content-type': 'application/json' },
        body: JSON.stringify({ chairId: coordinatorId }),
      });
      expect(res.status).toBe(200);
      expect(await formerChair.closed()).toEqual({ code: closeCodes.roleChanged, reason: 'roleChanged' });

      // The new chair writes on A; their own second client on B (permitted) receives it, relayed through B's room.
      const newChairOnA = yOn(urlA, coordinatorCookie, 'restricted');
      const newChairOnB = yOn(urlB, coordinatorCookie, 'restricted');
      await Promise.all([newChairOnA.synced, newChairOnB.synced]);
      const itemId = 'restricted-item';
      const secret = `Restricted after the change ${Math.random().toString(36).slice(2, 8)}`;
      newChairOnA.doc.getXmlFragment(restrictedNotesFragmentName(itemId)).insert(0, [new Y.XmlText(secret)]);
      await newChairOnA.saved();
      await waitForDoc(newChairOnB.doc, (d) => d.getXmlFragment(restrictedNotesFragmentName(itemId)).toString().includes(secret));
      expect(formerChair.doc.getXmlFragment(restrictedNotesFragmentName(itemId)).toString()).not.toContain(secret);
      expect(await storedRowsWith(c, secret, 'restricted')).toBe(1);
      // And B lets the former chair in no more.
      expect(await upgradeStatus(urlB, c.chairCookie, 'restricted')).toBe(403);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('Redis away when a member is removed on A, and A killed before Redis returns: B re-checks its connections against storage once Redis is back and cuts the member', async () => {
    const c = await cluster();
    try {
      const [urlA, urlB] = c.urls;
      const cookie = await signIn(urlB, demoUsers.member);
      const victim = yOn(urlB, cookie);
      const victimRoom = await roomOn(urlB, cookie);
      const revoked = new Promise<RoomRevoked>((resolve) => victimRoom.socket.once(roomEvents.revoked, resolve));
      await victim.synced;
      const memberId = await personId(urlA, demoUsers.member);

      await c.redis.stop();
      // PostgreSQL is the record: the removal is committed; the relay cannot carry it now, and A answers anyway.
      await removeFromSeries(urlA, memberId);
      // A dies with the change still queued for Redis: only B's own re-check can cut the member now.
      c.procs[0].child.kill('SIGKILL');
      await c.procs[0].exited;
      expect(victimRoom.socket.connected).toBe(true);
      await c.redis.start();

      expect(await victim.closed()).toEqual({ code: closeCodes.accessRemoved, reason: 'accessRemoved' });
      expect(await revoked).toMatchObject({ meetingId: demoMeetingId, cause: 'accessRemoved' });
      expect(await upgradeStatus(urlB, cookie, 'shared')).toBe(404);
    } finally {
      await c.close();
    }
  }, 60_000);
});

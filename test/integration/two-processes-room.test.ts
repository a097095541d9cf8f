/**
 * Two real server processes behind one address (test/support/two-process-cluster.ts), Redis between them: one room
 * whichever process a client reached.
 * - a Socket.IO command on one process reaches clients of the other, and the room state (now discussing, speaker
 *   queue) is the same whichever process a client reached; a dropped client recovers its session and missed events;
 * - presence in a document crosses processes;
 * - ending the meeting from both processes at once writes one set of minutes; a meeting ended while Redis is away is
 *   frozen on the other process once Redis is back;
 * - PostgreSQL cut under two processes: nothing acknowledged or relayed, editors told, all saved once it returns.
 *
 * Event-driven: every wait is for a sync, a "saved", a snapshot or a process event.
 */
import { describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import '../support/property-seed.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { appendNotesParagraph, notesPlainText, readAgenda } from '../../shared/meeting-doc.js';
import { roomEvents, type Ack, type RoomSnapshot } from '../../shared/room-protocol.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';
import { connectRoom, type RoomClient } from '../support/room-client.js';
import { demoUsers, signIn } from '../support/session.js';
import { twoProcessEngine as engine, twoProcessHarness } from '../support/two-process-cluster.js';

const m = { meetingId: demoMeetingId };

describe(`two server processes behind one address: one room (${engine})`, () => {
  const { clients, track, cluster, chairInRoom, editor, converged, storedDoc } = twoProcessHarness();

  it('a Socket.IO command on one process reaches clients of the other; the room state is the same whichever process a client reached', async () => {
    const c = await cluster();
    try {
      const memberCookie = await signIn(c.urls[1], demoUsers.member);
      const chair: RoomClient = await connectRoom(c.balancer.url, c.chairCookie);
      clients.push({ destroy: () => chair.close() });
      const member: RoomClient = await connectRoom(c.balancer.url, memberCookie);
      clients.push({ destroy: () => member.close() });
      // One on each process.
      expect(c.balancer.assigned).toEqual([0, 1]);
      expect((await chair.emit(roomEvents.join, m)).ok).toBe(true);
      expect((await member.emit(roomEvents.join, m)).ok).toBe(true);

      expect((await chair.emit(roomEvents.open, m)).ok).toBe(true);
      await member.snapshot((s) => s.status === 'live');
      const agenda = readAgenda((await editor(c)).y.doc);
      expect((await chair.emit(roomEvents.move, { ...m, itemId: agenda[2].id })).ok).toBe(true);
      const moved = await member.snapshot((s) => s.currentItemId === agenda[2].id);

      // A command on the member's process, changing state the chair's process last wrote: neither loses the other's.
      expect((await member.emit(roomEvents.hand, { ...m, raised: true })).ok).toBe(true);
      const raised = await chair.snapshot((s) => s.hands.length === 1);
      expect(raised).toMatchObject({ currentItemId: agenda[2].id, hands: [{ name: 'Riley Mental-Health' }] });
      expect(raised.version).toBeGreaterThan(moved.version);
      expect((await chair.emit(roomEvents.nextSpeaker, m)).ok).toBe(true);
      const speaking = await member.snapshot((s) => s.speaker !== null);
      expect(speaking).toMatchObject({ hands: [], speaker: { name: 'Riley Mental-Health' }, currentItemId: agenda[2].id });

      // Presence too: where the member's keyboard is (their process) shows in the chair's snapshot (the other one).
      expect((await member.emit(roomEvents.focus, { ...m, itemId: agenda[2].id })).ok).toBe(true);
      const editing = await chair.snapshot((s) => s.present.some((p) => p.name === 'Riley Mental-Health' && p.editingItemId === agenda[2].id));
      expect(editing.present).toHaveLength(2);

      // Joining again on either process gives the same room: the same version and state, and both people present.
      const onA = await chair.emit<{ version: number; currentItemId: string; speaker: unknown; present: { name: string }[] }>(roomEvents.join, m);
      const onB = await member.emit<{ version: number; currentItemId: string; speaker: unknown; present: { name: string }[] }>(roomEvents.join, m);
      expect(onA.ok && onB.ok).toBe(true);
      if (!onA.ok || !onB.ok) return;
      expect(onB.data).toMatchObject({ version: onA.data.version, currentItemId: onA.data.currentItemId, speaker: onA.data.speaker });
      expect(onA.data.present.map((p) => p.name).sort()).toEqual(onB.data.present.map((p) => p.name).sort());
      expect(onA.data.present).toHaveLength(2);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('a client whose connection drops comes back through the shared address to its session (connection state recovery) and gets the room events it missed', async () => {
    const c = await cluster();
    try {
      const memberCookie = await signIn(c.urls[1], demoUsers.member);
      // The chair straight to the first process, so the blip below does not touch it.
      const chair = await chairInRoom(c);
      const member = ioClient(c.balancer.url, { transports: ['websocket'], extraHeaders: { cookie: memberCookie }, forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200 });
      clients.push({ destroy: () => member.close() });
      const snapshots: RoomSnapshot[] = [];
      member.on(roomEvents.snapshot, (s: RoomSnapshot) => snapshots.push(s));
      /** Resolves once a snapshot (already received or next) matches. */
      const heard = (predicate: (s: RoomSnapshot) => boolean) =>
        new Promise<void>((resolve) => {
          if (snapshots.some(predicate)) return resolve();
          const on = (s: RoomSnapshot) => {
            if (!predicate(s)) return;
            member.off(roomEvents.snapshot, on);
            resolve();
          };
          member.on(roomEvents.snapshot, on);
        });
      await new Promise<void>((resolve) => member.once('connect', () => resolve()));
      const joined = (await member.emitWithAck(roomEvents.join, m)) as Ack<RoomSnapshot>;
      expect(joined.ok).toBe(true);
      const agenda = readAgenda((await editor(c)).y.doc);

      // The network drops and stays down while the chair moves the room on.
      const away = new Promise<string>((resolve) => member.once('disconnect', (reason) => resolve(reason)));
      c.balancer.refuse(true);
      c.balancer.dropAll();
      expect(await away).toBe('transport close');
      const back = new Promise<void>((resolve) => member.once('connect', () => resolve()));
      expect((await chair.emit(roomEvents.move, { ...m, itemId: agenda[3].id })).ok).toBe(true);
      // The chair hears its own move once it is in the adapter's stream, where a recovering client reads what it missed.
      await chair.snapshot((s) => s.currentItemId === agenda[3].id);
      expect(snapshots.some((s) => s.currentItemId === agenda[3].id)).toBe(false);
      c.balancer.refuse(false);
      await back;
      expect(member.recovered).toBe(true);
      // Without joining again: the snapshot it missed is delivered, and later ones reach it as before.
      await heard((s) => s.currentItemId === agenda[3].id);
      expect((await chair.emit(roomEvents.move, { ...m, itemId: agenda[4].id })).ok).toBe(true);
      await heard((s) => s.currentItemId === agenda[4].id);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('presence in a document (who is in it) reaches the clients of the other process, and leaving takes it away there', async () => {
    const c = await cluster();
    try {
      const memberCookie = await signIn(c.urls[1], demoUsers.member);
      const onA = track(connectYClient(c.urls[0], demoMeetingId, { headers: { cookie: c.chairCookie } }));
      const onB = track(connectYClient(c.urls[1], demoMeetingId, { headers: { cookie: memberCookie } }));
      await Promise.all([onA.synced, onB.synced]);
      /** Resolves once `y`'s view of the room's presence satisfies `predicate` (checked on every change). */
      const sees = (y: YClient, predicate: (names: string[]) => boolean) =>
        new Promise<void>((resolve) => {
          const names = () => Array.from(y.provider.awareness.getStates().values()).map((s) => (s as { user?: { name?: string } }).user?.name ?? '');
          const check = () => {
            if (!predicate(names())) return;
            y.provider.awareness.off('change', check);
            resolve();
          };
          y.provider.awareness.on('change', check);
          check();
        });
      onA.provider.awareness.setLocalStateField('user', { color: '#112233' });
      onB.provider.awareness.setLocalStateField('user', { color: '#445566' });
      // Each sees the other's name, as the other's process wrote it from the signed-in person's record.
      await sees(onA, (names) => names.includes('Riley Mental-Health'));
      await sees(onB, (names) => names.some((n) => n !== 'Riley Mental-Health' && n !== ''));
      onB.destroy();
      await sees(onA, (names) => !names.includes('Riley Mental-Health'));
    } finally {
      await c.close();
    }
  }, 60_000);

  it('ending the meeting from both processes at once writes one set of minutes, holding what the other process had just saved; its editors are told it ended', async () => {
    const c = await cluster();
    try {
      const tabs: RoomClient[] = [];
      for (let i = 0; i < 2; i++) {
        const tab = await connectRoom(c.balancer.url, c.chairCookie);
        clients.push({ destroy: () => tab.close() });
        tabs.push(tab);
        expect((await tab.emit(roomEvents.join, m)).ok).toBe(true);
      }
      // The chair's two tabs, one on each process.
      expect(c.balancer.assigned).toEqual([0, 1]);
      expect((await tabs[0].emit(roomEvents.open, m)).ok).toBe(true);
      const onB = track(connectYClient(c.urls[1], demoMeetingId, { headers: { cookie: c.chairCookie } }));
      await onB.synced;
      const itemId = readAgenda(onB.doc)[1].id;
      appendNotesParagraph(onB.doc, itemId, 'Saved on the second process just before the end');
      await onB.saved();

      const acks = await Promise.all(tabs.map((tab) => tab.emit(roomEvents.end, m)));
      expect(acks.filter((a) => a.ok)).toHaveLength(1);
      expect(acks.find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // The process that did not end it freezes its copy: its editor is told, and what it sends now is not stored.
      await onB.status('read-only');
      expect(onB.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
      appendNotesParagraph(onB.doc, itemId, 'Typed after the end');

      const res = await fetch(`${c.urls[0]}/api/meetings/${demoMeetingId}/minutes`, { headers: { cookie: c.chairCookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { versions: unknown[] };
      expect(body.versions).toHaveLength(1);
      expect(JSON.stringify(body)).toContain('Saved on the second process just before the end');
      const stored = notesPlainText(await storedDoc(c), itemId);
      expect(stored).toContain('Saved on the second process just before the end');
      expect(stored).not.toContain('Typed after the end');
    } finally {
      await c.close();
    }
  }, 60_000);

  it('a meeting ended on one process while Redis is away: once Redis is back the other process freezes its copy and tells its editors', async () => {
    const c = await cluster();
    try {
      const chair = await chairInRoom(c);
      const onA = track(connectYClient(c.urls[0], demoMeetingId, { headers: { cookie: c.chairCookie } }));
      const onB = track(connectYClient(c.urls[1], demoMeetingId, { headers: { cookie: c.chairCookie } }));
      await Promise.all([onA.synced, onB.synced]);

      await c.redis.stop();
      // Ended while Redis is away (the acknowledgement waits for Redis; the end itself is committed to storage).
      const ended = chair.emit(roomEvents.end, m);
      await onA.status('read-only');
      expect(onB.statuses.some((s) => s.type === 'read-only')).toBe(false);
      await c.redis.start();
      await onB.status('read-only');
      expect(onB.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
      expect((await ended).ok).toBe(true);
    } finally {
      await c.close();
    }
  }, 60_000);

  // PostgreSQL only: a SQLite file cannot be made unreachable from outside (its faults are storage-faults.test.ts's).
  if (engine === 'postgres') {
    it('PostgreSQL unreachable under two processes: nothing is acknowledged or relayed, editors are told, and all of it is saved and converges when it returns', async () => {
      const c = await cluster({ proxied: true });
      try {
        const onA = track(connectYClient(c.urls[0], demoMeetingId, { headers: { cookie: c.chairCookie } }));
        const onB = track(connectYClient(c.urls[1], demoMeetingId, { headers: { cookie: c.chairCookie } }));
        await Promise.all([onA.synced, onB.synced]);
        const itemId = readAgenda(onA.doc)[1].id;
        c.pgProxy!.cut();
        appendNotesParagraph(onA.doc, itemId, 'Typed while the database is away');
        await onA.status('save-failed');
        // Not stored, so not acknowledged and not relayed to the other process's editors.
        expect(onA.savedClock()).toBeLessThan(onA.ownClock());
        expect(notesPlainText(onB.doc, itemId)).not.toContain('Typed while the database is away');
        c.pgProxy!.open();
        await onA.status('save-recovered');
        await onA.saved();
        await converged([onA.doc, onB.doc]);
        expect(notesPlainText(onB.doc, itemId)).toContain('Typed while the database is away');
      } finally {
        await c.close();
      }
    }, 60_000);
  }
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const m = { meetingId: demoMeetingId };

describe.each(serverEngines)('the live room over Socket.IO on $name', ({ engine }) => {
  const live = liveServer({ engine });
  const { room, yclient } = live;

  it('refuses chair commands from non-chairs with an error ack, and nothing changes', async () => {
    const chair = await room('chair');
    const member = await room('member');
    const observer = await room('observer');
    expect((await chair.emit(roomEvents.open, m)).ok).toBe(true);
    const before = await member.snapshot((s) => s.status === 'live');
    const itemId = readAgenda((await yclient('chair')).doc)[3].id;
    for (const client of [member, observer]) {
      for (const [event, payload] of [
        [roomEvents.move, { ...m, itemId }],
        [roomEvents.timer, { ...m, action: 'start' }],
        [roomEvents.nextSpeaker, m],
        [roomEvents.end, m],
      ] as const) {
        const ack = await client.emit(event, payload);
        expect(ack, `${event}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    const after = await chair.emit(roomEvents.join, m);
    expect(after.ok && after.data).toMatchObject({ version: before.version, currentItemId: null, status: 'live' });
  });

  it('moves everyone to the item the chair picks, runs the timer and the speaker queue', async () => {
    const chair = await room('chair');
    const member = await room('member');
    const y = await yclient('chair');
    const item = readAgenda(y.doc)[4];
    expect(await chair.emit(roomEvents.move, { ...m, itemId: item.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await chair.emit(roomEvents.open, m);
    expect((await chair.emit(roomEvents.move, { ...m, itemId: item.id })).ok).toBe(true);
    await member.snapshot((s) => s.currentItemId === item.id);
    expect(await chair.emit(roomEvents.move, { ...m, itemId: 'nosuchitem' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    await chair.emit(roomEvents.timer, { ...m, action: 'start', targetSeconds: 300 });
    const running = await member.snapshot((s) => s.timer.running);
    expect(running.timer).toMatchObject({ running: true, targetSeconds: 300 });
    await chair.emit(roomEvents.timer, { ...m, action: 'pause' });
    await member.snapshot((s) => !s.timer.running && s.timer.elapsedMs >= 0);

    expect((await member.emit(roomEvents.hand, { ...m, raised: true })).ok).toBe(true);
    const raised = await chair.snapshot((s) => s.hands.length === 1);
    expect(raised.hands[0]).toMatchObject({ name: 'Riley Mental-Health', agency: 'Adult Mental Health (NHS)' });
    await chair.emit(roomEvents.nextSpeaker, m);
    const speaking = await member.snapshot((s) => s.speaker !== null);
    expect(speaking).toMatchObject({ hands: [], speaker: { name: 'Riley Mental-Health' } });
  });

  it('drops someone who leaves (last tab closed) from the speaker queue and the floor, but not while a tab stays', async () => {
    const chair = await room('chair');
    const tabA = await room('member');
    const tabB = await room('member');
    const other = await room('member2');
    await chair.emit(roomEvents.open, m);
    expect((await tabA.emit(roomEvents.hand, { ...m, raised: true })).ok).toBe(true);
    expect((await other.emit(roomEvents.hand, { ...m, raised: true })).ok).toBe(true);
    const queued = await chair.snapshot((s) => s.hands.length === 2);
    expect(queued.hands.map((h) => h.name)).toEqual(['Riley Mental-Health', 'Sam Constable']);

    tabA.close(); // the other tab is still in the room: still in the queue
    await chair.snapshot((s) => s !== queued);
    expect(chair.latest()?.hands.map((h) => h.name)).toEqual(['Riley Mental-Health', 'Sam Constable']);

    tabB.close();
    const afterLeave = await chair.snapshot((s) => s.present.length === 2);
    expect(afterLeave.hands.map((h) => h.name)).toEqual(['Sam Constable']);
    expect(afterLeave.version).toBeGreaterThan(queued.version);

    await chair.emit(roomEvents.nextSpeaker, m);
    await chair.snapshot((s) => s.speaker?.name === 'Sam Constable');
    other.close();
    const empty = await chair.snapshot((s) => s.present.length === 1);
    expect(empty).toMatchObject({ hands: [], speaker: null });
    // A fresh join reads the same from the saved room state.
    const back = await room('member');
    const joined = await back.snapshot(() => true);
    expect(joined).toMatchObject({ hands: [], speaker: null });
  });

  it('shows each person once across reconnects, with agency and role', async () => {
    const chair = await room('chair');
    const first = await room('member');
    await chair.snapshot((s) => s.present.length === 2);
    first.close();
    await chair.snapshot((s) => s.present.length === 1);
    const again = await room('member');
    const twice = await room('member'); // a second tab
    const snap = await chair.snapshot((s) => s.present.length === 2);
    expect(snap.present).toEqual([
      { id: expect.any(String), name: 'Morgan Chair', agency: "Children's Services", role: 'chair', editingItemId: null, acknowledged: false },
      { id: expect.any(String), name: 'Riley Mental-Health', agency: 'Adult Mental Health (NHS)', role: 'member', editingItemId: null, acknowledged: false },
    ]);
    again.close();
    twice.close();
  });

  it('ending from two tabs at once writes one set of minutes and one audit row; the later end is told it has ended', async () => {
    const tabs = [await room('chair'), await room('chair')];
    await tabs[0].emit(roomEvents.open, m);
    const acks = await Promise.all(tabs.map((tab) => tab.emit(roomEvents.end, m)));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.find((a) => !a.ok)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await tabs[1].snapshot((s) => s.status === 'ended');
    const count = async (sql: string) => (await live.row(sql, demoMeetingId))?.n;
    expect(await count('select count(*) as n from minutes_versions where meeting_id = ?')).toBe(1);
    expect(await count("select count(*) as n from audit_log where action = 'meeting.end' and target_id = ?")).toBe(1);
  });
});

// The policies and the document rules read the meeting's status through the storage, on either engine.
describe.each(serverEngines)('the live room over Socket.IO on $name, after a restart', ({ engine }) => {
  const live = liveServer({ engine });
  const { room, yclient } = live;

  it('ending the meeting makes the document read-only on the server; later edits are rejected and stored state is unchanged', async () => {
    const chair = await room('chair');
    const editor = await yclient('member');
    await chair.emit(roomEvents.open, m);
    expect((await chair.emit(roomEvents.end, m)).ok).toBe(true);
    await chair.snapshot((s) => s.status === 'ended');
    const stored = Y.encodeStateVector(editor.doc);
    addAgendaItem(editor.doc, { kind: 'case-review', title: 'Written after the end', caseRef: 'RR-2026-555' });
    await editor.status('read-only');
    expect(await chair.emit(roomEvents.open, m)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await live.restart();
    const reader = await yclient('chair');
    expect(Y.encodeStateVector(reader.doc)).toEqual(stored);
    expect(readAgenda(reader.doc).map((i) => i.title)).not.toContain('Written after the end');
    expect(reader.statuses.some((s) => s.type === 'read-only')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { roomEvents, type RoomSnapshot } from '../../shared/room-protocol.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { connectYClient } from '../support/yjs-client.js';

const m = { meetingId: demoMeetingId };
const personNamed = (s: RoomSnapshot, name: string) => s.present.find((p) => p.name === name);

describe.each(serverEngines)('presence, attendance and confidentiality over Socket.IO on $name', ({ engine }) => {
  const live = liveServer({ engine });
  const { room, socket: connect } = live;
  /** The meeting's attendance rows as stored, on the server's engine. */
  const attendance = async () =>
    (await live.rows(
      'select person_id as "personId", role, first_joined_at as "firstJoinedAt", last_left_at as "lastLeftAt", confidentiality_ack_at as "confidentialityAckAt" from meeting_attendance where meeting_id = ? order by first_joined_at, person_id',
      demoMeetingId,
    )) as { personId: string; role: string; firstJoinedAt: number; lastLeftAt: number | null; confidentialityAckAt: number | null }[];
  /** Read once and closed: only the Socket.IO clients are in the room. */
  const agendaIds = async () => {
    const y = connectYClient(live.url(), demoMeetingId, { headers: { cookie: await live.cookie('chair') } });
    await y.synced;
    const ids = readAgenda(y.doc).map((i) => i.id);
    y.destroy();
    return ids;
  };

  it('shows who is editing which item, once per person across tabs, and refuses bad focus events', async () => {
    const chair = await room('chair');
    const [, itemId, otherId] = await agendaIds();
    const tabA = await room('member');
    const tabB = await room('member');
    expect((await tabA.emit(roomEvents.focus, { ...m, itemId })).ok).toBe(true);
    let snap = await chair.snapshot((s) => personNamed(s, 'Riley Mental-Health')?.editingItemId === itemId);
    expect(snap.present).toHaveLength(2);
    // The other tab leaving an editing area does not hide the focus still held in the first tab.
    expect((await tabB.emit(roomEvents.focus, { ...m, itemId: null })).ok).toBe(true);
    expect((await tabB.emit(roomEvents.focus, { ...m, itemId: otherId })).ok).toBe(true);
    await chair.snapshot((s) => personNamed(s, 'Riley Mental-Health')?.editingItemId === otherId);
    expect((await tabB.emit(roomEvents.focus, { ...m, itemId: null })).ok).toBe(true);
    await chair.snapshot((s) => personNamed(s, 'Riley Mental-Health')?.editingItemId === itemId);
    expect((await tabA.emit(roomEvents.focus, { ...m, itemId: null })).ok).toBe(true);
    snap = await chair.snapshot((s) => personNamed(s, 'Riley Mental-Health')?.editingItemId === null);
    const version = snap.version;

    const observer = await room('observer');
    const outsider = await connect('member2');
    for (const [client, payload, code] of [
      [tabA, { ...m, itemId: 'NOT AN ID' }, 'validation_failed'],
      [tabA, { ...m, itemId, extra: 1 }, 'validation_failed'],
      [tabA, { meetingId: demoMeetingId }, 'validation_failed'],
      [tabA, 'not an object', 'validation_failed'],
      [tabA, { ...m, itemId: 'nosuchitem' }, 'not_found'],
      [observer, { ...m, itemId }, 'forbidden'],
      [outsider, { ...m, itemId }, 'conflict'],
    ] as const) {
      expect(await client.emit(roomEvents.focus, payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
    }
    const after = await chair.emit<RoomSnapshot>(roomEvents.join, m);
    expect(after.ok && after.data.present.every((p) => p.editingItemId === null)).toBe(true);
    expect(after.ok && after.data.version).toBe(version);
  });

  it('records first join and final leave across two tabs and reconnects, only while the meeting is live', async () => {
    const chair = await room('chair');
    const tabA = await room('member');
    expect(await attendance()).toEqual([]); // reading the agenda before the meeting opens is not attendance
    expect((await chair.emit(roomEvents.open, m)).ok).toBe(true);
    const opened = await attendance();
    const byRole = opened.map((r) => ({ role: r.role, lastLeftAt: r.lastLeftAt, ack: r.confidentialityAckAt })).sort((a, b) => a.role.localeCompare(b.role));
    expect(byRole).toEqual([
      { role: 'chair', lastLeftAt: null, ack: null },
      { role: 'member', lastLeftAt: null, ack: null },
    ]);
    const memberRow = async () => (await attendance()).find((r) => r.role === 'member')!;
    const firstJoinedAt = (await memberRow()).firstJoinedAt;

    const tabB = await room('member');
    await chair.snapshot((s) => s.present.length === 2);
    const beforeLeave = chair.latest();
    tabA.close();
    // The server broadcasts a snapshot once it has handled tabA's leave (attendance first); nothing else happens meanwhile.
    await chair.snapshot((s) => s !== beforeLeave);
    expect(await memberRow()).toMatchObject({ firstJoinedAt, lastLeftAt: null });

    tabB.close();
    await chair.snapshot((s) => s.present.length === 1);
    const left = (await memberRow()).lastLeftAt;
    expect(left).toEqual(expect.any(Number));
    expect(left!).toBeGreaterThanOrEqual(firstJoinedAt);

    const back = await room('member'); // a reconnect: same row, back in the room
    await chair.snapshot((s) => s.present.length === 2);
    expect(await memberRow()).toMatchObject({ firstJoinedAt, lastLeftAt: null });
    expect(await attendance()).toHaveLength(2);

    expect((await chair.emit(roomEvents.end, m)).ok).toBe(true);
    const ended = await attendance();
    expect(ended.every((r) => r.lastLeftAt !== null)).toBe(true);
    back.close();
    await chair.snapshot((s) => s.present.length === 1);
    expect(await attendance()).toEqual(ended); // leaving an ended meeting changes nothing
  });

  it('records the confidentiality acknowledgement once, shows it in presence, and refuses bad payloads', async () => {
    const chair = await room('chair');
    const member = await room('member');
    expect(await member.emit(roomEvents.acknowledge, m)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await chair.emit(roomEvents.open, m);
    expect((await member.emit(roomEvents.acknowledge, m)).ok).toBe(true);
    const snap = await chair.snapshot((s) => personNamed(s, 'Riley Mental-Health')?.acknowledged === true);
    expect(personNamed(snap, 'Morgan Chair')?.acknowledged).toBe(false);
    const first = (await attendance()).find((r) => r.role === 'member')!.confidentialityAckAt;
    expect(first).toEqual(expect.any(Number));

    // Pretend the first acknowledgement was long ago, so a second one overwriting it could not go unnoticed.
    const backdate = 'UPDATE meeting_attendance SET confidentiality_ack_at = 1000 WHERE confidentiality_ack_at IS NOT NULL';
    if (engine === 'sqlite') live.server().server.database.sqlite.prepare(backdate).run();
    else await live.rows(backdate); // the test's own connection to the server's PostgreSQL database
    expect((await member.emit(roomEvents.acknowledge, m)).ok).toBe(true);
    expect((await attendance()).find((r) => r.role === 'member')!.confidentialityAckAt).toBe(1000);

    const stored = await attendance();
    const outsider = await connect('member2');
    for (const [client, payload, code] of [
      [chair, { ...m, extra: true }, 'validation_failed'],
      [chair, { meetingId: '../etc' }, 'validation_failed'],
      [chair, null, 'validation_failed'],
      [outsider, m, 'conflict'],
      [chair, { meetingId: 'nosuchmeeting' }, 'not_found'],
    ] as const) {
      expect(await client.emit(roomEvents.acknowledge, payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
    }
    expect(await attendance()).toEqual(stored);
  });
});

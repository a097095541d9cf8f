import { noticeWords } from '../support/room-words';
import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda, removeAgendaItem } from '../../shared/meeting-doc.js';
import { roomEvents, type RoomNotice } from '../../shared/room-protocol.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import type { RoomClient } from '../support/room-client.js';

const m = { meetingId: demoMeetingId };
const nextNotice = (client: RoomClient) => new Promise<RoomNotice>((resolve) => client.socket.once(roomEvents.notice, resolve));

describe.each(serverEngines)('"now discussing" follows the agenda when the item being discussed is removed, on $name', ({ engine }) => {
  const live = liveServer({ engine });

  it('moves the room to nothing for everyone, says so, and refuses a move back to the removed item', async () => {
    const chair = await live.room('chair');
    const member = await live.room('member');
    expect((await chair.emit(roomEvents.open, m)).ok).toBe(true);
    const y = await live.yclient('chair');
    const [discussed, other] = readAgenda(y.doc).filter((i) => i.caseRef);
    expect((await chair.emit(roomEvents.move, { ...m, itemId: discussed.id })).ok).toBe(true);
    await member.snapshot((s) => s.currentItemId === discussed.id);

    // Removing another item leaves "now discussing" where it is.
    removeAgendaItem(y.doc, other.id, 'Morgan Chair');
    await y.saved();
    expect((await member.emit<never>(roomEvents.join, m)).ok).toBe(true);
    expect(member.latest()?.currentItemId).toBe(discussed.id);

    const told = nextNotice(member);
    const chairTold = nextNotice(chair);
    removeAgendaItem(y.doc, discussed.id, 'Morgan Chair');
    const notice = await told;
    expect(notice.meetingId).toBe(demoMeetingId);
    expect(notice).toEqual({ meetingId: demoMeetingId, kind: 'removedCurrent', title: discussed.title, by: 'Morgan Chair' });
    expect(noticeWords(notice)).toContain(`“${discussed.title}” was removed from the agenda by Morgan Chair while it was being discussed`);
    expect(await chairTold).toEqual(notice);
    const after = await member.snapshot((s) => s.currentItemId === null);
    expect(after.timer.running).toBe(false);
    await chair.snapshot((s) => s.currentItemId === null);

    // The room state is saved: a new joiner sees nothing being discussed, and so would the room after a restart.
    const late = await live.socket('coordinator');
    const joined = await late.emit<{ currentItemId: string | null }>(roomEvents.join, m);
    expect(joined.ok && joined.data.currentItemId).toBe(null);
    const saved = (await live.row('select state from meeting_room_state where meeting_id = ?', demoMeetingId)) as { state: string };
    expect(JSON.parse(saved.state).currentItemId).toBeNull();

    const back = await chair.emit(roomEvents.move, { ...m, itemId: discussed.id });
    expect(back).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

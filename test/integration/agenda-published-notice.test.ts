import { afterAll, describe, expect, it } from 'vitest';
import type { ResearchNoticeView } from '../../shared/api-types.js';
import { roomEvents, type AgendaPublishedNotice } from '../../shared/room-protocol.js';
import type { DemoUser } from '../support/demo-actors.js';
import { connectRoom, type RoomClient } from '../support/room-client.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const seriesId = 'series-repeat-removals';
const meetingId = 'demo-following';

describe.each(serverEngines)('an agenda published reaches the series’ members live over Socket.IO, on any page, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api, post, cookie } = live;
  const clients: RoomClient[] = [];
  /** A connection that has joined no meeting room, as the meetings page has; it records every notice it hears. */
  const connect = async (who: DemoUser) => {
    const client = await connectRoom(live.url(), await cookie(who));
    clients.push(client);
    const heard: AgendaPublishedNotice[] = [];
    client.socket.on(roomEvents.agendaPublished, (n: AgendaPublishedNotice) => heard.push(n));
    const next = () => new Promise<AgendaPublishedNotice>((resolve) => client.socket.once(roomEvents.agendaPublished, resolve));
    /**
     * A round trip on this connection: the server writes a notice before the publish request answers, so anything
     * it sent this connection has arrived before this ack does.
     */
    const settled = async () => void (await client.emit(roomEvents.join, { meetingId: 'not a meeting id!' }));
    return { heard, next, settled };
  };
  afterAll(async () => {
    for (const c of clients) c.close();
  });

  it('tells every connection of each member (two tabs too), nobody outside the series, and only when publishing succeeds', async () => {
    const member = await connect('member');
    const memberOtherTab = await connect('member');
    const police = await connect('member2');
    const outsider = await connect('admin');

    // A refused publish (a member may not) tells nobody.
    expect((await post('member', `/meetings/${meetingId}/agenda/publish`, {})).status).toBe(403);
    await Promise.all([member.settled(), police.settled(), outsider.settled()]);
    expect(member.heard).toEqual([]);

    const arrivals = [member.next(), memberOtherTab.next(), police.next()];
    expect((await post('coordinator', `/meetings/${meetingId}/agenda/publish`, {})).status).toBe(200);
    for (const notice of await Promise.all(arrivals)) expect(notice).toEqual({ meetingId, seriesId });
    await outsider.settled();
    expect(outsider.heard).toEqual([]);
    expect(member.heard).toHaveLength(1);

    // What the banner shows comes from the member's own notices, which now include this meeting.
    const notices = await api<{ notices: ResearchNoticeView[] }>('member', '/research/notices');
    expect(notices.body.notices.map((n) => n.meetingId)).toContain(meetingId);
  });
});

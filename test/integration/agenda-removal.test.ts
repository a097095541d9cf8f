import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda, readRemovedItems, removeAgendaItem, restoreAgendaItem } from '../../shared/meeting-doc.js';
import { addAction, decisionText, setDecisionOutcome } from '../../shared/item-work.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MinutesView } from '../../shared/minutes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { demoActors } from '../support/demo-actors.js';
import { connectRoom, type RoomClient } from '../support/room-client.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';

const m = { meetingId: demoMeetingId };

describe('removing an agenda item during a meeting', () => {
  let server: TestServer;
  const open: (RoomClient | YClient)[] = [];
  const actors = demoActors(() => server.url);
  beforeEach(async () => {
    server = await startTestServer();
    actors.forget();
  });
  afterEach(async () => {
    for (const c of open.splice(0)) ('close' in c ? c.close() : c.destroy());
    await server.cleanup();
  });

  it('keeps a removed item out of the minutes with its decision and actions; a restored one is minuted with them', async () => {
    const chair = await connectRoom(server.url, await actors.cookie('chair'));
    open.push(chair);
    await chair.emit(roomEvents.join, m);
    expect((await chair.emit(roomEvents.open, m)).ok).toBe(true);
    const y = connectYClient(server.url, demoMeetingId, { headers: { cookie: await actors.cookie('chair') } });
    open.push(y);
    await y.synced;
    const [gone, back] = readAgenda(y.doc).filter((i) => i.caseRef);
    y.doc.transact(() => {
      for (const item of [gone, back]) {
        setDecisionOutcome(y.doc, item.id, 'signpost');
        decisionText(y.doc, item.id, 'text').insert(0, `Decision on ${item.title}`);
        addAction(y.doc, item.id, { what: `Action on ${item.title}` });
      }
    });
    removeAgendaItem(y.doc, gone.id, 'Morgan Chair');
    removeAgendaItem(y.doc, back.id, 'Morgan Chair');
    restoreAgendaItem(y.doc, back.id);
    await y.saved();

    // Another person joining now sees the same: one item in "Removed items", the other back on the agenda.
    const late = connectYClient(server.url, demoMeetingId, { headers: { cookie: await actors.cookie('member') } });
    open.push(late);
    await late.synced;
    expect(readRemovedItems(late.doc).map((i) => i.id)).toEqual([gone.id]);
    expect(readAgenda(late.doc).map((i) => i.id)).toContain(back.id);
    const agendaLength = readAgenda(late.doc).length;

    expect((await chair.emit(roomEvents.end, m)).ok).toBe(true);
    const { body } = await actors.api<{ minutes: MinutesView }>('coordinator', `/meetings/${demoMeetingId}/minutes`);
    const ids = body.minutes.items.map((i) => i.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).toContain(back.id);
    expect(body.minutes.items.map((i) => i.number)).toEqual(Array.from({ length: agendaLength }, (_, n) => n + 1));
    expect(JSON.stringify(body.minutes)).not.toContain(`Decision on ${gone.title}`);
    const db = new Database(server.dbFile, { readonly: true });
    expect(db.prepare('select item_id from minutes_decisions where meeting_id = ?').all(demoMeetingId)).toEqual([{ item_id: back.id }]);
    expect(db.prepare('select what from actions where meeting_id = ?').all(demoMeetingId)).toEqual([{ what: `Action on ${back.title}` }]);
    db.close();
  });
});

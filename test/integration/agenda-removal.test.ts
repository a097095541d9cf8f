import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda, readRemovedItems, removeAgendaItem, restoreAgendaItem } from '../../shared/meeting-doc.js';
import { addAction, decisionText, setDecisionOutcome } from '../../shared/item-work.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MinutesView } from '../../shared/minutes.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const m = { meetingId: demoMeetingId };

describe.each(serverEngines)('removing an agenda item during a meeting, on $name', ({ engine }) => {
  const live = liveServer({ engine });

  it('keeps a removed item out of the minutes with its decision and actions; a restored one is minuted with them', async () => {
    const chair = await live.openMeeting();
    const y = await live.yclient('chair');
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
    const late = await live.yclient('member');
    expect(readRemovedItems(late.doc).map((i) => i.id)).toEqual([gone.id]);
    expect(readAgenda(late.doc).map((i) => i.id)).toContain(back.id);
    const agendaLength = readAgenda(late.doc).length;

    expect((await chair.emit(roomEvents.end, m)).ok).toBe(true);
    const { body } = await live.api<{ minutes: MinutesView }>('coordinator', `/meetings/${demoMeetingId}/minutes`);
    const ids = body.minutes.items.map((i) => i.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).toContain(back.id);
    expect(body.minutes.items.map((i) => i.number)).toEqual(Array.from({ length: agendaLength }, (_, n) => n + 1));
    expect(JSON.stringify(body.minutes)).not.toContain(`Decision on ${gone.title}`);
    expect(await live.rows('select item_id from minutes_decisions where meeting_id = ?', demoMeetingId)).toEqual([{ item_id: back.id }]);
    expect(await live.rows('select what from actions where meeting_id = ?', demoMeetingId)).toEqual([{ what: `Action on ${back.title}` }]);
  });
});

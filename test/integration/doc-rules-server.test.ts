/**
 * Issue 12 item 4, the headline cases through the real server: real y-websocket clients signed in as demo people,
 * the chair's Socket.IO room, the minutes and extracts read back over REST and from the engine's own storage (the SQLite
 * file or the PostgreSQL database), on both engines.
 */
import { refusalWords, unassignedWords } from '../support/room-words';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { moveAgendaItem, readAgenda, removeAgendaItem, renameAgendaItem } from '../../shared/meeting-doc.js';
import { addAction, contributionText, joinContribution, readActions, type PersonRef } from '../../shared/item-work.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MeetingDetailView } from '../../shared/api-types.js';
import type { MinutesView } from '../../shared/minutes.js';
import type { DemoUser } from '../support/demo-actors.js';
import { liveServer } from '../support/live-server.js';
import { waitForDoc } from '../support/yjs-client.js';
import { serverEngines } from '../support/server.js';

describe.each(serverEngines)('the server keeps the document’s rules for real clients on $name', ({ engine }) => {
  const live = liveServer({ engine });
  const { actors, openMeeting } = live;
  const as = (who: DemoUser) => live.yclient(who);
  const people = async () => (await actors.api<{ meeting: MeetingDetailView }>('chair', `/meetings/${demoMeetingId}`)).body.meeting.participants;

  it('keeps what Housing writes under Police out of the document, minutes v1 and the Police extract', async () => {
    const chairRoom = await openMeeting();
    const participants = await people();
    const police = participants.find((p) => p.name === 'Sam Constable')! as PersonRef;
    const housing = await as('housing');
    const policeClient = await as('member2');
    const item = readAgenda(housing.doc).find((i) => i.caseRef)!;
    housing.doc.transact(() => {
      joinContribution(housing.doc, item.id, { ...police, id: participants.find((p) => p.name === 'Taylor Housing')!.id });
      contributionText(housing.doc, item.id, police.agencyId, 'view').insert(0, 'FORGED: the police have no concerns.');
    });
    await housing.status('refused');
    policeClient.doc.transact(() => {
      joinContribution(policeClient.doc, item.id, police);
      contributionText(policeClient.doc, item.id, police.agencyId, 'risks').insert(0, 'Two call-outs this year.');
    });
    await policeClient.saved();
    await housing.saved();
    // The forger's own copy converged on the allowed state too.
    await waitForDoc(housing.doc, (d) => contributionText(d, item.id, police.agencyId, 'view').toString() === '');
    expect(housing.statuses.find((s) => s.type === 'refused')).toEqual({ type: 'refused', reasons: ['ownAgency'] });
    expect(refusalWords(['ownAgency'])).toBe('You can only write your own agency’s contribution');
    expect(refusalWords(['ownAgency'], 'cy')).toBe('Dim ond cyfraniad eich asiantaeth eich hun y gallwch ei ysgrifennu');

    expect((await chairRoom.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    const minutes = (await actors.api<{ minutes: MinutesView }>('chair', `/meetings/${demoMeetingId}/minutes?version=1`)).body.minutes;
    const contributions = minutes.items.find((i) => i.id === item.id)!.contributions;
    expect(contributions).toEqual([{ agency: 'Police Public Protection Unit', author: 'Sam Constable', text: 'Risks we see: Two call-outs this year.' }]);
    const extract = await actors.api('coordinator', `/meetings/${demoMeetingId}/minutes.md?version=1&agency=${encodeURIComponent('Police Public Protection Unit')}`);
    const text = await extract.res.text();
    expect(text).toContain('Two call-outs this year.');
    expect(text).not.toContain('FORGED');
    expect(text).not.toContain('Taylor Housing');
  });

  it('refuses a 50,000-character title, and a member removing a case item while live has no effect for anyone', async () => {
    await openMeeting();
    const chair = await as('chair');
    const member = await as('member');
    const agenda = readAgenda(chair.doc);
    const caseItem = agenda.find((i) => i.caseRef)!;
    renameAgendaItem(chair.doc, caseItem.id, 'x'.repeat(50_000)); // the editor's helper trims it to 200: kept
    await chair.saved();
    // What a hostile client writes instead: the whole 50,000 characters.
    (chair.doc.getMap('agenda').get(caseItem.id) as Y.Map<unknown>).set('title', 'y'.repeat(50_000));
    await chair.status('refused');
    removeAgendaItem(member.doc, caseItem.id, 'Riley Mental-Health');
    await member.status('refused');
    await Promise.all([chair.saved(), member.saved()]);
    const expected = readAgenda((await as('coordinator')).doc);
    expect(expected.find((i) => i.id === caseItem.id)?.title).toBe('x'.repeat(200));
    expect(expected.map((i) => i.id)).toEqual(agenda.map((i) => i.id));
    for (const client of [chair, member]) await waitForDoc(client.doc, (d) => JSON.stringify(readAgenda(d)) === JSON.stringify(expected));
    expect(member.statuses.find((s) => s.type === 'refused')).toEqual({ type: 'refused', reasons: ['structure'] });
    expect(refusalWords(['structure'])).toBe('Only the chair or coordinator can change the agenda’s order or items while the meeting is live');
  });

  it('ends the meeting when an action’s owner is no longer on record: the action is unassigned and the chair is told', async () => {
    const chairRoom = await openMeeting();
    const housingPerson = (await people()).find((p) => p.name === 'Taylor Housing')! as PersonRef;
    const member = await as('member');
    const item = readAgenda(member.doc).find((i) => i.caseRef)!;
    addAction(member.doc, item.id, { what: 'Check the tenancy', owner: housingPerson, due: null });
    await member.saved();
    expect(readActions(member.doc, item.id).map((a) => a.owner?.id)).toEqual([housingPerson.id]);
    // The admin takes Housing's officer out of the series during the meeting.
    const seriesId = (await actors.api<{ meeting: MeetingDetailView }>('chair', `/meetings/${demoMeetingId}`)).body.meeting.series.id;
    expect((await actors.api('admin', `/admin/series/${seriesId}/members/${housingPerson.id}`, { method: 'DELETE' })).status).toBeLessThan(300);

    const ack = await chairRoom.emit(roomEvents.end, { meetingId: demoMeetingId });
    expect(ack).toMatchObject({ ok: true, data: { notices: [{ what: 'Check the tenancy', item: item.title }] } });
    expect(unassignedWords({ what: 'Check the tenancy', item: item.title })).toBe('“Check the tenancy” (' + item.title + ') is recorded unassigned: its owner is not part of this meeting');
    const minutes = (await actors.api<{ minutes: MinutesView }>('chair', `/meetings/${demoMeetingId}/minutes?version=1`)).body.minutes;
    expect(minutes.items.find((i) => i.id === item.id)!.actions.map((a) => [a.what, a.owner])).toEqual([['Check the tenancy', null]]);
    expect(await live.row('select owner_person_id as person, owner_agency_id as agency from actions where what = ?', 'Check the tenancy')).toEqual({ person: null, agency: null });
  });

  it('judges a coordinator made a member mid-meeting by the new role', async () => {
    await openMeeting();
    const coordinator = await as('coordinator');
    const [first, second] = readAgenda(coordinator.doc);
    moveAgendaItem(coordinator.doc, second.id, 0);
    await coordinator.saved();
    expect(coordinator.statuses.filter((s) => s.type === 'refused')).toEqual([]);
    const meeting = (await actors.api<{ meeting: MeetingDetailView }>('chair', `/meetings/${demoMeetingId}`)).body.meeting;
    const coordinatorId = meeting.participants.find((p) => p.name === 'Casey Coordinator')!.id;
    expect((await actors.api('admin', `/admin/series/${meeting.series.id}/members/${coordinatorId}`, { method: 'PUT', body: JSON.stringify({ role: 'member' }) })).status).toBe(200);
    moveAgendaItem(coordinator.doc, first.id, 0);
    await coordinator.status('refused');
    await coordinator.saved();
    expect(readAgenda((await as('chair')).doc).map((i) => i.id).slice(0, 2)).toEqual([second.id, first.id]);
  });
});

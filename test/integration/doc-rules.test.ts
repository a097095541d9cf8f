/**
 * Issue 12 item 4: the server keeps the meeting document's rules. Peers are real Y.Docs speaking the sync protocol
 * to a real DocRoom (test/support/doc-peers.ts), on SQLite and on PostgreSQL through the server's own write batcher;
 * what every peer ends with, and what the engine stored (read back past the room), are compared with the room's
 * document after each hostile edit.
 */
import { refusalWords } from '../support/room-words';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem, appendNotesParagraph, moveAgendaItem, notesPlainText, readAgenda, removeAgendaItem, renameAgendaItem, orderByRisk, updateCaseDetails } from '../../shared/meeting-doc.js';
import { actionsOf, addAction, addApology, readApologies, contributionText, decisionText, joinContribution, readActions, readContributions, readDecision, setDecisionOutcome, updateAction } from '../../shared/item-work.js';
import type { DocWriter, Participant } from '../../server/realtime/doc-rules.js';
import { openDocPeers, peerStorage, type EngineDocPeers, type Peer, type PeerStorage } from '../support/doc-peers.js';
import { serverEngines } from '../support/server.js';
import type { MeetingStatus } from '../../shared/domain.js';
import { docLimits } from '../../shared/limits.js';

const people: Participant[] = [
  { id: 'p-chair', name: 'Morgan Chair', agencyId: 'a-cs', agencyName: 'Children’s Services' },
  { id: 'p-coord', name: 'Alex Coordinator', agencyId: 'a-cs', agencyName: 'Children’s Services' },
  { id: 'p-housing', name: 'Taylor Housing', agencyId: 'a-housing', agencyName: 'Housing Options' },
  { id: 'p-police', name: 'Sam Constable', agencyId: 'a-police', agencyName: 'Police' },
  { id: 'p-observer', name: 'Oakley Observer', agencyId: 'a-cs', agencyName: 'Children’s Services' },
];
const roles = { 'p-chair': 'chair', 'p-coord': 'coordinator', 'p-housing': 'member', 'p-police': 'member', 'p-observer': 'observer' } as const;
export const writerOf = (p: Participant): DocWriter => ({ personId: p.id, name: p.name, agencyId: p.agencyId, agencyName: p.agencyName, role: roles[p.id as keyof typeof roles] });
const [chairP, , housingP, policeP] = people;

describe.each(serverEngines)('the meeting document keeps its rules, on $name', ({ engine }) => {
  let storage: PeerStorage;
  let world: EngineDocPeers;
  beforeAll(async () => {
    storage = await peerStorage(engine);
  });
  afterEach(() => world.close());
  afterAll(() => storage.close());

  /** A meeting with one case item prepared before it opened, then set to `status`. */
  async function meeting(status: MeetingStatus) {
    world = await openDocPeers(storage, { status: 'scheduled', participants: people });
    const chair = world.join('chair', writerOf(chairP));
    const housing = world.join('housing', writerOf(housingP));
    const police = world.join('police', writerOf(policeP));
    await world.settle();
    const itemId = addAgendaItem(chair.doc, { kind: 'new-referral', title: 'Case one', caseRef: 'RR-2026-001' });
    addAgendaItem(chair.doc, { kind: 'case-review', title: 'Case two', caseRef: 'RR-2026-002' });
    await world.settle();
    world.setStatus(status);
    return { chair, housing, police, itemId };
  }
  const expectConverged = async () => {
    const { server, peers } = world.serialiseAll();
    for (const [peer, state] of peers) expect(state, peer.name).toBe(server);
    // Stored is what everyone has: nothing refused was written, nothing kept was lost.
    expect(await world.storedState(), `stored on ${engine}`).toBe(server);
  };
  // In English words, as the writer's screen shows them (the server sends codes).
  const refusals = (peer: Peer) => peer.statuses.flatMap((s) => (s.type === 'refused' ? [refusalWords(s.reasons)] : []));

  it('keeps a contribution written under another agency out, for everyone, and tells the writer', async () => {
    const { housing, police, itemId } = await meeting('live');
    housing.doc.transact(() => {
      joinContribution(housing.doc, itemId, { id: 'p-housing', name: 'Taylor Housing', agencyId: 'a-police', agencyName: 'Police' });
      contributionText(housing.doc, itemId, 'a-police', 'view').insert(0, 'Police say: no concerns (forged)');
    });
    joinContribution(police.doc, itemId, { ...policeP });
    contributionText(police.doc, itemId, 'a-police', 'risks').insert(0, 'Two call-outs this year.');
    await world.settle();
    await expectConverged();
    const contributions = readContributions(world.room.doc, itemId);
    expect(contributions.map((c) => [c.agencyId, c.authors, c.parts.view, c.parts.risks])).toEqual([['a-police', ['Sam Constable'], '', 'Two call-outs this year.']]);
    expect(refusals(housing)).toEqual(['You can only write your own agency’s contribution']);
    expect(refusals(police)).toEqual([]);

    // Deleting another agency's words is refused too; they come back for everyone.
    contributionText(housing.doc, itemId, 'a-police', 'risks').delete(0, 4);
    await world.settle();
    await expectConverged();
    expect(contributionText(world.room.doc, itemId, 'a-police', 'risks').toString()).toBe('Two call-outs this year.');
  });

  it('keeps an author entry to the writer, under their own name', async () => {
    const { housing, itemId } = await meeting('live');
    joinContribution(housing.doc, itemId, { id: 'p-chair', name: 'Morgan Chair', agencyId: 'a-housing', agencyName: 'Housing Options' });
    joinContribution(housing.doc, itemId, { id: 'p-housing', name: 'Someone Important', agencyId: 'a-housing', agencyName: 'Housing Options' });
    await world.settle();
    await expectConverged();
    expect(readContributions(world.room.doc, itemId).flatMap((c) => c.authors)).toEqual([]);
    joinContribution(housing.doc, itemId, { ...housingP });
    await world.settle();
    expect(readContributions(world.room.doc, itemId).flatMap((c) => c.authors)).toEqual(['Taylor Housing']);
  });

  it('lets only the chair or coordinator change the agenda and decide while live; a member’s attempt has no effect', async () => {
    const { chair, housing, itemId } = await meeting('live');
    const before = readAgenda(world.room.doc);
    removeAgendaItem(housing.doc, itemId);
    addAgendaItem(housing.doc, { kind: 'case-review', title: 'Sneaked in' });
    moveAgendaItem(housing.doc, itemId, 1);
    setDecisionOutcome(housing.doc, itemId, 'no-further-action');
    decisionText(housing.doc, itemId, 'text').insert(0, 'Close the case');
    await world.settle();
    await expectConverged();
    expect(readAgenda(world.room.doc)).toEqual(before);
    expect(readDecision(world.room.doc, itemId)).toEqual({ outcome: null, text: '', reasons: '' });
    expect(refusals(housing)).toContain('Only the chair or coordinator can change the agenda’s order or items while the meeting is live');

    // The member's honest work in the same breath stays: notes, a rename, an action.
    housing.doc.transact(() => {
      appendNotesParagraph(housing.doc, itemId, 'Tenancy at risk.');
      renameAgendaItem(housing.doc, itemId, 'Case one (renamed)');
      removeAgendaItem(housing.doc, readAgenda(housing.doc)[1].id);
      addAction(housing.doc, itemId, { what: 'Check the tenancy', owner: { ...housingP } });
    });
    await world.settle();
    await expectConverged();
    expect(readAgenda(world.room.doc).map((i) => i.title)).toEqual(['Case one (renamed)', 'Case two']);
    expect(notesPlainText(world.room.doc, itemId)).toEqual(['Tenancy at risk.']);
    expect(readActions(world.room.doc, itemId).map((a) => [a.what, a.owner?.name])).toEqual([['Check the tenancy', 'Taylor Housing']]);

    // The chair may.
    orderByRisk(chair.doc);
    updateCaseDetails(chair.doc, itemId, { riskLevel: 'high' });
    removeAgendaItem(chair.doc, itemId);
    setDecisionOutcome(chair.doc, readAgenda(chair.doc)[0].id, 'allocate');
    await world.settle();
    await expectConverged();
    expect(readAgenda(world.room.doc).map((i) => i.title)).toEqual(['Case two']);
    expect(readDecision(world.room.doc, readAgenda(world.room.doc)[0].id).outcome).toBe('allocate');
  });

  it('keeps the repeat-referral flag to the server: nobody ticks or clears it, not even the chair', async () => {
    const { chair, housing, itemId } = await meeting('scheduled');
    const message = 'Whether a case is a repeat referral comes from its referrals, not from the agenda';
    updateCaseDetails(chair.doc, itemId, { repeatReferral: true });
    chair.doc.transact(() => {
      const added = addAgendaItem(chair.doc, { kind: 'new-referral', title: 'Ticked by hand', caseRef: 'RR-2026-003' });
      updateCaseDetails(chair.doc, added, { repeatReferral: true, riskLevel: 'high' });
    });
    await world.settle();
    await expectConverged();
    expect(readAgenda(world.room.doc).map((i) => [i.title, i.details.repeatReferral])).toEqual([
      ['Case one', false],
      ['Case two', false],
    ]);
    expect(refusals(chair)).toEqual([message, message]);

    // The server marks it (as accepting a matched referral does), and a client cannot clear it.
    updateCaseDetails(world.room.doc, itemId, { repeatReferral: true });
    await world.settle();
    updateCaseDetails(housing.doc, itemId, { repeatReferral: false, riskLevel: 'medium' });
    await world.settle();
    await expectConverged();
    const item = readAgenda(world.room.doc).find((i) => i.id === itemId)!;
    expect([item.details.repeatReferral, item.details.riskLevel]).toEqual([true, 'medium']);
    expect(refusals(housing)).toEqual([message]);
  });

  it('lets every editor prepare the agenda and draft decisions before the meeting opens', async () => {
    const { housing, itemId } = await meeting('scheduled');
    addAgendaItem(housing.doc, { kind: 'case-review', title: 'Prepared by Housing' });
    moveAgendaItem(housing.doc, itemId, 2);
    setDecisionOutcome(housing.doc, itemId, 'defer');
    await world.settle();
    await expectConverged();
    expect(readAgenda(world.room.doc).map((i) => i.title)).toEqual(['Case two', 'Prepared by Housing', 'Case one']);
    expect(readDecision(world.room.doc, itemId).outcome).toBe('defer');
    expect(refusals(housing)).toEqual([]);
  });

  it('reverts over-long texts and titles, for everyone', async () => {
    const { chair, housing, itemId } = await meeting('live');
    const long = 'x'.repeat(50_000);
    chair.doc.transact(() => {
      const map = new Y.Map<unknown>();
      map.set('kind', 'case-review');
      map.set('title', long);
      map.set('position', 'a5');
      chair.doc.getMap('agenda').set('item-long', map);
    });
    chair.doc.getMap('agenda').get(itemId) instanceof Y.Map && (chair.doc.getMap('agenda').get(itemId) as Y.Map<unknown>).set('title', long);
    contributionText(housing.doc, itemId, 'a-housing', 'knows').insert(0, 'y'.repeat(10_001));
    await world.settle();
    await expectConverged();
    expect(readAgenda(world.room.doc).map((i) => i.title)).toEqual(['Case one', 'Case two']);
    expect(contributionText(world.room.doc, itemId, 'a-housing', 'knows').length).toBe(0);
    expect(refusals(chair)).toContain('Too long: an agenda item title holds at most 200 characters');
    expect(refusals(housing)).toEqual(['Too long: a contribution holds at most 10,000 characters']);
  });

  it('keeps an item’s notes under their cap, measured incrementally', async () => {
    const { housing, police, itemId } = await meeting('live');
    const paragraph = (text: string) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    };
    const notes = (peer: Peer) => peer.doc.getXmlFragment(`notes:${itemId}`);
    notes(housing).insert(0, [paragraph('a'.repeat(docLimits.notesPerItem - 100))]);
    await world.settle();
    expect(refusals(housing)).toEqual([]);
    // Small steps past the cap (each paragraph counts 32: its element, its text, 30 characters): the first three
    // fit, the last two are refused.
    for (let i = 0; i < 5; i++) notes(police).insert(notes(police).length, [paragraph('b'.repeat(30))]);
    await world.settle();
    await expectConverged();
    expect(notesPlainText(world.room.doc, itemId).map((p) => p.length)).toEqual([docLimits.notesPerItem - 100, 30, 30, 30]);
    expect(refusals(police)).toEqual(Array(2).fill(`Too long: the notes of one item holds at most ${docLimits.notesPerItem.toLocaleString('en-GB')} characters`));
  });

  it('keeps the whole document under its size cap: growth past it is reverted, deleting still works', async () => {
    const { chair, housing } = await meeting('live');
    const chunk = 'z'.repeat(1024 * 1024);
    const scratch = (peer: Peer) => peer.doc.getText('scratch'); // outside the layout: inert, but it counts
    for (let i = 0; i < 9; i++) {
      scratch(housing).insert(scratch(housing).length, chunk);
      await world.settle();
    }
    await expectConverged();
    const full = `This meeting’s document is full: nothing more can be added to it`;
    // 7 MiB fit; the 8th and 9th would pass 8 MiB less the headroom.
    expect(refusals(housing)).toEqual([full, full]);
    expect(Y.encodeStateAsUpdate(world.room.doc).length).toBeLessThanOrEqual(docLimits.meetingDocBytes);
    expect(scratch(housing).length).toBe(7 * chunk.length);
    // Nobody can add, even in the layout; taking something out is always allowed.
    appendNotesParagraph(chair.doc, 'item-x', 'One more line');
    scratch(housing).delete(0, chunk.length);
    await world.settle();
    await expectConverged();
    expect(refusals(chair)).toEqual([full]);
    expect(scratch(world.peers[0]).length).toBe(6 * chunk.length);
  });

  it('records apologies only for people as the records name them, or for named outsiders', async () => {
    const { housing } = await meeting('live');
    addApology(housing.doc, { personId: 'p-police', name: 'Sam Constable', agencyName: 'Police' });
    addApology(housing.doc, { personId: 'p-chair', name: 'Someone Else', agencyName: 'Police' });
    addApology(housing.doc, { personId: 'p-ghost', name: 'Nobody', agencyName: 'Police' });
    addApology(housing.doc, { name: 'Dr Visiting', agencyName: 'GP practice' });
    await world.settle();
    await expectConverged();
    expect(readApologies(world.room.doc).map((a) => [a.name, a.personId])).toEqual([
      ['Dr Visiting', null],
      ['Sam Constable', 'p-police'],
    ]);
    expect(refusals(housing)).toEqual(['Apologies can only be recorded for people in this meeting', 'Apologies can only be recorded for people in this meeting']);
  });

  it('does not keep a change its rules could not judge (the records failing mid-check)', async () => {
    world = await openDocPeers(storage, {
      status: 'live',
      participants: people,
      participant: () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    });
    const housing = world.join('housing', writerOf(housingP));
    const chair = world.join('chair', writerOf(chairP));
    await world.settle();
    const itemId = addAgendaItem(chair.doc, { kind: 'case-review', title: 'Case one' });
    await world.settle();
    housing.doc.transact(() => {
      appendNotesParagraph(housing.doc, itemId, 'Written with the owner');
      addAction(housing.doc, itemId, { what: 'Visit', owner: { ...policeP } });
    });
    await world.settle();
    await expectConverged();
    expect(readActions(world.room.doc, itemId)).toEqual([]);
    expect(notesPlainText(world.room.doc, itemId)).toEqual([]);
    expect(refusals(housing)).toEqual(['That change could not be checked and was not kept']);
    expect(housing.closed).toEqual([]);
  });

  it('drops a forged action owner (the action stays, unassigned) and keeps a real one', async () => {
    const { housing, itemId } = await meeting('live');
    const forged = addAction(housing.doc, itemId, { what: 'Visit', owner: { id: 'p-nobody', name: 'Nobody', agencyId: 'a-police', agencyName: 'Police' } });
    const real = addAction(housing.doc, itemId, { what: 'Call', owner: { ...policeP } });
    await world.settle();
    updateAction(housing.doc, itemId, real, { owner: { ...policeP, agencyId: 'a-housing' } });
    await world.settle();
    await expectConverged();
    const owners = new Map(readActions(world.room.doc, itemId).map((a) => [a.id, [a.what, a.owner?.id ?? null]]));
    expect(owners).toEqual(new Map([[forged, ['Visit', null]], [real, ['Call', 'p-police']]]));
    expect(refusals(housing)).toContain('That owner is not part of this meeting: the action stays unassigned');
    expect(actionsOf(world.room.doc, itemId).size).toBe(2);
  });
});

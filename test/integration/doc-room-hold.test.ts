/**
 * While a meeting is being ended, the room holds clients' edits: the document the minutes are read from cannot
 * change before the freeze, however long the commit takes (PostgreSQL). If the end fails the held edits are applied
 * in order; once frozen they are dropped and the writer is told the record is read-only. Real Y.Docs speak the sync
 * protocol to a real DocRoom on a real SQLite file and on a real PostgreSQL database (issue 17), through each
 * engine's own store (test/support/doc-peers.ts, docPeersOn).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { addAgendaItem, readAgenda, renameAgendaItem } from '../../shared/meeting-doc.js';
import { closeCodes, yMessage } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { DocWriter, Participant } from '../../server/realtime/doc-rules.js';
import { docPeersOn, type AsyncDocPeers, type Peer } from '../support/doc-peers.js';
import { docStoreEngines } from '../support/doc-store-engines.js';

const chairP: Participant = { id: 'p-chair', name: 'Morgan Chair', agencyId: 'a-cs', agencyName: 'Children’s Services' };
const chairW: DocWriter = { personId: chairP.id, name: chairP.name, agencyId: chairP.agencyId, agencyName: chairP.agencyName, role: 'chair' };

describe.each(docStoreEngines)('a room being ended holds edits on $name', (engine) => {
  let world: AsyncDocPeers;
  afterEach(() => world.close());

  /** A live meeting with one item, its chair and a second tab, all settled. */
  async function meeting() {
    world = await docPeersOn(engine, { status: 'live', participants: [chairP] });
    const chair = world.join('chair', chairW);
    const other = world.join('other tab', chairW);
    await world.settle();
    const itemId = addAgendaItem(chair.doc, { kind: 'new-referral', title: 'Case one', caseRef: 'RR-2026-001' });
    await world.settle();
    return { chair, other, itemId };
  }
  const titles = () => readAgenda(world.room.doc).map((i) => i.title);
  /** Delivers everything the peer sent, ends the tick, and says whether the server acknowledged any of it as saved. */
  const deliver = async (peer: Peer): Promise<boolean> => {
    while (world.sendOne(peer));
    await world.tick();
    const frames = peer.inbox.splice(0);
    return frames.some((f) => decoding.readVarUint(decoding.createDecoder(f)) === yMessage.saved);
  };

  it('neither applies, stores nor acknowledges an edit while held, and applies it in order when released', async () => {
    const { chair, other, itemId } = await meeting();
    const before = await world.stored();
    world.room.hold();
    renameAgendaItem(chair.doc, itemId, 'Renamed while ending');
    addAgendaItem(chair.doc, { kind: 'case-review', title: 'Added while ending', caseRef: 'RR-2026-002' });
    expect(await deliver(chair)).toBe(false);
    expect(titles()).toEqual(['Case one']);
    expect(await world.stored()).toEqual(before);
    world.room.release();
    expect(await deliver(chair)).toBe(true);
    expect(titles()).toEqual(['Renamed while ending', 'Added while ending']);
    expect((await world.stored()).updates.length).toBeGreaterThan(before.updates.length);
    await world.settle();
    expect(readAgenda(other.doc).map((i) => i.title)).toEqual(['Renamed while ending', 'Added while ending']);
  });

  it('keeps holding while another end is under way, and drops what it held once frozen, telling the writer', async () => {
    const { chair, other, itemId } = await meeting();
    world.room.hold();
    world.room.hold(); // a second tab's end at the same moment
    renameAgendaItem(chair.doc, itemId, 'Typed as the meeting ended');
    await deliver(chair);
    world.room.release(); // the second end was refused: the first is still under way
    await world.tick();
    expect(titles()).toEqual(['Case one']);
    world.room.freeze('ended');
    world.room.release(); // nothing is left to apply after the freeze
    await world.settle();
    expect(titles()).toEqual(['Case one']);
    expect(readAgenda(other.doc).map((i) => i.title)).toEqual(['Case one']);
    expect(chair.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
  });

  it('refuses an edit the store finds ended (another process ended it): not stored, sent on nor acknowledged; the room freezes and never folds it in', async () => {
    const { chair, other, itemId } = await meeting();
    const before = await world.stored();
    await world.endInStorage();
    renameAgendaItem(chair.doc, itemId, 'Typed as another process ended it');
    while (world.sendOne(chair));
    await world.tick();
    expect(chair.inbox.some((f) => decoding.readVarUint(decoding.createDecoder(f)) === yMessage.saved)).toBe(false);
    expect(await world.stored()).toEqual(before);
    await world.settle();
    expect(chair.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
    expect(readAgenda(other.doc).map((i) => i.title)).toEqual(['Case one']);
    expect(other.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
    // Its memory holds the refused edit: a compaction would store it, so none happens.
    await world.room.compact();
    expect(await world.stored()).toEqual(before);
    // And what the chair sends now is refused at the door.
    renameAgendaItem(chair.doc, itemId, 'Typed after');
    expect(await deliver(chair)).toBe(false);
    expect(await world.stored()).toEqual(before);
  });

  it('closes an editor whose held edits pass the named cap, dropping them, while the others\' held edits still apply', async () => {
    const { chair, other, itemId } = await meeting();
    world.room.hold();
    // Two edits of just over half the cap each: the first is held, the second takes the connection over it.
    const half = Math.ceil(limits.heldUpdateBytesPerConnection / 2) + 1;
    chair.doc.getText('flood').insert(0, 'a'.repeat(half));
    while (world.sendOne(chair));
    expect(chair.closed).toEqual([]);
    chair.doc.getText('flood').insert(0, 'b'.repeat(half));
    while (world.sendOne(chair));
    expect(chair.closed).toEqual([`${closeCodes.frameTooLarge} too-many-held-updates`]);
    renameAgendaItem(other.doc, itemId, 'Renamed by the other tab');
    while (world.sendOne(other));
    world.room.release(); // the end failed: what the other tab held applies; nothing of the closed editor's does
    await world.tick();
    expect(titles()).toEqual(['Renamed by the other tab']);
    expect(world.room.doc.getText('flood').length).toBe(0);
  });
});

/**
 * While a meeting is being ended, the room holds clients' edits: the document the minutes are read from cannot
 * change before the freeze, however long the commit takes (PostgreSQL). If the end fails the held edits are applied
 * in order; once frozen they are dropped and the writer is told the record is read-only. Real Y.Docs speak the sync
 * protocol to a real DocRoom on a real SQLite file (test/support/doc-peers.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { addAgendaItem, readAgenda, renameAgendaItem } from '../../shared/meeting-doc.js';
import { closeCodes, yMessage } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { DocWriter, Participant } from '../../server/realtime/doc-rules.js';
import { docPeers, type DocPeers, type Peer } from '../support/doc-peers.js';

const chairP: Participant = { id: 'p-chair', name: 'Morgan Chair', agencyId: 'a-cs', agencyName: 'Children’s Services' };
const chairW: DocWriter = { personId: chairP.id, name: chairP.name, agencyId: chairP.agencyId, agencyName: chairP.agencyName, role: 'chair' };

describe('a room being ended holds edits', () => {
  let world: DocPeers;
  afterEach(() => world.close());

  /** A live meeting with one item, its chair and a second tab, all settled. */
  function meeting() {
    world = docPeers({ status: 'live', participants: [chairP] });
    const chair = world.join('chair', chairW);
    const other = world.join('other tab', chairW);
    world.settle();
    const itemId = addAgendaItem(chair.doc, { kind: 'new-referral', title: 'Case one', caseRef: 'RR-2026-001' });
    world.settle();
    return { chair, other, itemId };
  }
  const titles = () => readAgenda(world.room.doc).map((i) => i.title);
  /** Delivers everything the peer sent, ends the tick, and says whether the server acknowledged any of it as saved. */
  const deliver = (peer: Peer): boolean => {
    while (world.sendOne(peer));
    world.tick();
    const frames = peer.inbox.splice(0);
    return frames.some((f) => decoding.readVarUint(decoding.createDecoder(f)) === yMessage.saved);
  };

  it('neither applies, stores nor acknowledges an edit while held, and applies it in order when released', () => {
    const { chair, other, itemId } = meeting();
    world.room.hold();
    renameAgendaItem(chair.doc, itemId, 'Renamed while ending');
    addAgendaItem(chair.doc, { kind: 'case-review', title: 'Added while ending', caseRef: 'RR-2026-002' });
    expect(deliver(chair)).toBe(false);
    expect(titles()).toEqual(['Case one']);
    world.room.release();
    expect(deliver(chair)).toBe(true);
    expect(titles()).toEqual(['Renamed while ending', 'Added while ending']);
    world.settle();
    expect(readAgenda(other.doc).map((i) => i.title)).toEqual(['Renamed while ending', 'Added while ending']);
  });

  it('keeps holding while another end is under way, and drops what it held once frozen, telling the writer', () => {
    const { chair, other, itemId } = meeting();
    world.room.hold();
    world.room.hold(); // a second tab's end at the same moment
    renameAgendaItem(chair.doc, itemId, 'Typed as the meeting ended');
    deliver(chair);
    world.room.release(); // the second end was refused: the first is still under way
    world.tick();
    expect(titles()).toEqual(['Case one']);
    world.room.freeze('ended');
    world.room.release(); // nothing is left to apply after the freeze
    world.settle();
    expect(titles()).toEqual(['Case one']);
    expect(readAgenda(other.doc).map((i) => i.title)).toEqual(['Case one']);
    expect(chair.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
  });

  it('refuses an edit the store finds ended (another process ended it): not stored, sent on nor acknowledged; the room freezes and never folds it in', async () => {
    const { chair, other, itemId } = meeting();
    const before = world.stored();
    world.endInStorage();
    renameAgendaItem(chair.doc, itemId, 'Typed as another process ended it');
    while (world.sendOne(chair));
    world.tick();
    expect(chair.inbox.some((f) => decoding.readVarUint(decoding.createDecoder(f)) === yMessage.saved)).toBe(false);
    expect(world.stored()).toEqual(before);
    world.settle();
    expect(chair.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
    expect(readAgenda(other.doc).map((i) => i.title)).toEqual(['Case one']);
    expect(other.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
    // Its memory holds the refused edit: a compaction would store it, so none happens.
    await world.room.compact();
    expect(world.stored()).toEqual(before);
    // And what the chair sends now is refused at the door.
    renameAgendaItem(chair.doc, itemId, 'Typed after');
    expect(deliver(chair)).toBe(false);
    expect(world.stored()).toEqual(before);
  });

  it('closes an editor whose held edits pass the named cap, dropping them, while the others\' held edits still apply', () => {
    const { chair, other, itemId } = meeting();
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
    world.tick();
    expect(titles()).toEqual(['Renamed by the other tab']);
    expect(world.room.doc.getText('flood').length).toBe(0);
  });
});

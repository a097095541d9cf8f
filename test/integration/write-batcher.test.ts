/**
 * The shared per-tick writer on each engine (a real SQLite file, a real PostgreSQL database: issue 17): every room's
 * updates of one tick go in one transaction, nobody receives an update (and no sender hears "saved") before its row
 * is committed, and a room whose write fails is retried on its own without holding back the others. With the update
 * journal (server/db/update-journal.ts) an update is broadcast once journalled, and "saved" still waits for the row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { MeetingDocStore } from '../../server/db/stores/meeting-docs.js';
import { DocRoom, type RoomConnection } from '../../server/realtime/doc-room.js';
import { WriteBatcher } from '../../server/realtime/write-batcher.js';
import { UpdateJournal } from '../../server/db/update-journal.js';
import { createLogger } from '../../server/logger.js';
import { readSavedClocks, yMessage } from '../../shared/protocol.js';
import { conditionWaits } from '../support/condition-waits.js';
import { docStoreEngines, type OpenDocStore } from '../support/doc-store-engines.js';

interface Received {
  type: number;
  /** For sync updates: how many log rows of the room the database held when the last commit returned, at sending. */
  storedRowsAtSend: number;
  payload: Uint8Array;
}

describe.each(docStoreEngines)('one transaction per tick across rooms on $name', (engine) => {
  let db: OpenDocStore;
  let repo: MeetingDocStore;
  const rooms: DocRoom[] = [];
  const frameArrived = conditionWaits();
  /**
   * Per room, the log rows the database held (counted on the engine, on a connection of the test's own) as soon as a
   * commit returned, before the writer could go on: a frame sent before its rows' commit returned sees the old count.
   */
  const committedRows = new Map<string, number>();
  beforeEach(async () => {
    db = await engine.open(['room-a', 'room-b', 'room-bad']);
    repo = db.store;
    committedRows.clear();
  });
  afterEach(async () => {
    for (const room of rooms.splice(0)) await room.shutdown(4503, 'test over');
    await db.close();
  });

  const storedRows = (meetingId: string) => db.storedRows(meetingId);

  /** A connection that records each frame with the room's committed row count at the moment it was sent. */
  function connection(meetingId: string, readOnly = false) {
    const frames: Received[] = [];
    const conn: RoomConnection = {
      id: `${meetingId}-${Math.random()}`,
      readOnly,
      send: (message) => {
        const decoder = decoding.createDecoder(message);
        frames.push({ type: decoding.readVarUint(decoder), storedRowsAtSend: committedRows.get(meetingId) ?? 0, payload: message });
        frameArrived.notify();
      },
      close: () => undefined,
    };
    return { conn, frames };
  }
  const clientUpdate = (text: string) => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, text);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, yMessage.sync);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
    return encoding.toUint8Array(encoder);
  };
  /** The store, counting its transactions and noting each room's committed rows as soon as a commit returns. */
  const countingStore = () => {
    const counted = {
      transactions: 0,
      appendMany: async (batches: Parameters<MeetingDocStore['appendMany']>[0], now: number) => {
        counted.transactions++;
        const result = await repo.appendMany(batches, now);
        for (const batch of batches) committedRows.set(batch.meetingId, await storedRows(batch.meetingId));
        return result;
      },
    };
    return counted;
  };
  const isUpdate = (f: Received) => f.type === yMessage.sync && f.payload[1] === syncProtocol.messageYjsUpdate;
  const updatesIn = (frames: Received[]) => frames.filter(isUpdate).length;

  it('writes several rooms in one transaction and broadcasts only after it has committed', async () => {
    const counted = countingStore();
    const writer = new WriteBatcher(counted);
    const logger = createLogger('silent');
    const a = await DocRoom.load('room-a', 'shared', repo, logger, { writer });
    const b = await DocRoom.load('room-b', 'shared', repo, logger, { writer });
    rooms.push(a, b);
    const [senderA, readerA, senderB, readerB] = [connection('room-a'), connection('room-a'), connection('room-b'), connection('room-b')];
    a.addConnection(senderA.conn);
    a.addConnection(readerA.conn);
    b.addConnection(senderB.conn);
    b.addConnection(readerB.conn);

    a.handleMessage(senderA.conn, clientUpdate('first in a'));
    a.handleMessage(senderA.conn, clientUpdate('second in a'));
    b.handleMessage(senderB.conn, clientUpdate('first in b'));
    // Nothing is broadcast within the tick the updates arrived in.
    expect(readerA.frames.filter(isUpdate)).toHaveLength(0);
    const saidSaved = (c: { frames: Received[] }) => c.frames.some((f) => f.type === yMessage.saved);
    await frameArrived.until(() => updatesIn(readerA.frames) > 0 && updatesIn(readerB.frames) > 0 && saidSaved(senderA) && saidSaved(senderB));

    expect(counted.transactions).toBe(1);
    expect(await storedRows('room-a')).toBe(2);
    expect(await storedRows('room-b')).toBe(1);
    for (const [reader, rows] of [[readerA, 2], [readerB, 1]] as const) {
      const updates = reader.frames.filter(isUpdate);
      expect(updates.length).toBeGreaterThan(0);
      for (const f of updates) expect(f.storedRowsAtSend).toBe(rows);
    }
    for (const [sender, rows] of [[senderA, 2], [senderB, 1]] as const) {
      const saved = sender.frames.filter((f) => f.type === yMessage.saved);
      expect(saved).toHaveLength(1);
      expect(saved[0].storedRowsAtSend).toBe(rows);
      // "saved" names only this sender's own Yjs clients, each at the clock the server has stored.
      const decoder = decoding.createDecoder(saved[0].payload);
      decoding.readVarUint(decoder);
      const clocks = readSavedClocks(decoder);
      expect(clocks.size).toBe(rows);
      for (const [client, clock] of clocks) expect(clock).toBe(Y.getState((sender === senderA ? a : b).doc.store, client));
      expect(Array.from(clocks.values()).every((c) => c >= 10)).toBe(true);
    }
    // Nobody else is told "saved".
    expect(readerA.frames.concat(readerB.frames).filter((f) => f.type === yMessage.saved)).toHaveLength(0);
  });

  it("sends one merged message per connection per tick, and the readers end with the room's state", async () => {
    const writer = new WriteBatcher(repo);
    const room = await DocRoom.load('room-a', 'shared', repo, createLogger('silent'), { writer });
    rooms.push(room);
    const [one, two, reader] = [connection('room-a'), connection('room-a'), connection('room-a')];
    for (const c of [one, two, reader]) room.addConnection(c.conn);
    const applyUpdates = (frames: Received[], doc: Y.Doc) => {
      for (const f of frames.filter(isUpdate)) {
        const decoder = decoding.createDecoder(f.payload);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      }
    };

    // One sender alone in its tick: the others get one message with its three updates; it gets nothing back.
    for (const text of ['a1 ', 'a2 ', 'a3 ']) room.handleMessage(one.conn, clientUpdate(text));
    await frameArrived.until(() => updatesIn(reader.frames) > 0 && updatesIn(two.frames) > 0);
    expect(await room.flush()).toBe(true); // nothing more is on its way
    expect(reader.frames.filter(isUpdate)).toHaveLength(1);
    expect(two.frames.filter(isUpdate)).toHaveLength(1);
    expect(one.frames.filter(isUpdate)).toHaveLength(0);

    // Two senders in one tick: every connection gets exactly one message more, holding both.
    room.handleMessage(one.conn, clientUpdate('b1 '));
    room.handleMessage(two.conn, clientUpdate('b2 '));
    await frameArrived.until(() => updatesIn(reader.frames) > 1 && updatesIn(one.frames) > 0 && updatesIn(two.frames) > 1);
    expect(await room.flush()).toBe(true);
    expect(reader.frames.filter(isUpdate)).toHaveLength(2);
    expect(one.frames.filter(isUpdate)).toHaveLength(1);
    expect(two.frames.filter(isUpdate)).toHaveLength(2);

    const readerDoc = new Y.Doc();
    applyUpdates(reader.frames, readerDoc);
    expect(Y.encodeStateVector(readerDoc)).toEqual(Y.encodeStateVector(room.doc));
    expect(readerDoc.getText('t').toString()).toBe(room.doc.getText('t').toString());
  });

  it("keeps a failing room's updates unsent and retrying, while the other rooms are written and broadcast", async () => {
    await db.refuseInserts('room-bad');
    const writer = new WriteBatcher(repo);
    const logger = createLogger('silent');
    const good = await DocRoom.load('room-a', 'shared', repo, logger, { writer });
    const bad = await DocRoom.load('room-bad', 'shared', repo, logger, { writer });
    rooms.push(good, bad);
    const [goodSender, goodReader, badSender, badReader] = [connection('room-a'), connection('room-a'), connection('room-bad'), connection('room-bad')];
    good.addConnection(goodSender.conn);
    good.addConnection(goodReader.conn);
    bad.addConnection(badSender.conn);
    bad.addConnection(badReader.conn);

    good.handleMessage(goodSender.conn, clientUpdate('fine'));
    bad.handleMessage(badSender.conn, clientUpdate('refused by the disk'));
    const statusText = (frames: Received[]) => frames.filter((f) => f.type === yMessage.status).map((f) => new TextDecoder().decode(f.payload));
    await frameArrived.until(() => updatesIn(goodReader.frames) > 0 && statusText(badReader.frames).some((t) => t.includes('save-failed')));

    expect(await storedRows('room-a')).toBe(1);
    expect(goodReader.frames.filter(isUpdate)).toHaveLength(1);
    expect(await storedRows('room-bad')).toBe(0);
    expect(badReader.frames.filter(isUpdate)).toHaveLength(0);
    expect(statusText(badReader.frames).some((t) => t.includes('save-failed'))).toBe(true);
    expect(bad.hasUnsavedChanges).toBe(true);

    // The disk recovers: the room's own retry writes, broadcasts and says so.
    await db.allowInserts();
    expect(await bad.flush()).toBe(true);
    expect(await storedRows('room-bad')).toBe(1);
    expect(badReader.frames.filter(isUpdate)).toHaveLength(1);
    expect(statusText(badReader.frames).some((t) => t.includes('save-recovered'))).toBe(true);
  });

  it('with the update journal: broadcast before the commit, "saved" after it, and one commit gathers commitDelayMs of updates', async () => {
    const counted = countingStore();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'batcher-journal-'));
    const journal = new UpdateJournal(path.join(dir, 'triage.db'));
    try {
      const writer = new WriteBatcher(counted, { commitDelayMs: 300 });
      const room = await DocRoom.load('room-a', 'shared', repo, createLogger('silent'), { writer, journal });
      rooms.push(room);
      const [sender, reader] = [connection('room-a'), connection('room-a')];
      room.addConnection(sender.conn);
      room.addConnection(reader.conn);

      room.handleMessage(sender.conn, clientUpdate('journalled '));
      // The reader has it at once, in the same turn, before any row exists; the sender has not heard "saved".
      expect(reader.frames.filter(isUpdate).map((f) => f.storedRowsAtSend)).toEqual([0]);
      expect(sender.frames.some((f) => f.type === yMessage.saved)).toBe(false);
      // The end of the tick does not start the commit: it waits for more.
      await new Promise((resolve) => setImmediate(resolve));
      expect(counted.transactions).toBe(0);
      room.handleMessage(sender.conn, clientUpdate('and another'));
      expect(updatesIn(reader.frames)).toBe(2);

      await frameArrived.until(() => sender.frames.some((f) => f.type === yMessage.saved));
      expect(counted.transactions).toBe(1);
      expect(await storedRows('room-a')).toBe(2);
      expect(sender.frames.find((f) => f.type === yMessage.saved)!.storedRowsAtSend).toBe(2);
      // Not sent again after the commit; the journal's file is in use until it rotates.
      expect(updatesIn(reader.frames)).toBe(2);
      expect(journal.files()).toHaveLength(1);
    } finally {
      journal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a sync step 1 with "saved" once per connection, for the ids the document has and no others', async () => {
    const writer = new WriteBatcher(repo);
    const room = await DocRoom.load('room-a', 'shared', repo, createLogger('silent'), { writer });
    rooms.push(room);
    const [editor, returning] = [connection('room-a'), connection('room-a')];
    room.addConnection(editor.conn);
    room.addConnection(returning.conn);
    room.handleMessage(editor.conn, clientUpdate('stored'));
    expect(await room.flush()).toBe(true);
    const [stored] = Array.from(Y.decodeStateVector(Y.encodeStateVector(room.doc)).keys());

    // A state vector with the document's id and 20,000 it has never seen (a hostile client's, say).
    const stepOne = () => {
      const sv = new Map<number, number>([[stored, 1]]);
      for (let i = 1; i <= 20_000; i++) sv.set(stored + i, 1);
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, yMessage.sync);
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(sv));
      return encoding.toUint8Array(e);
    };
    const savedFrames = () => returning.frames.filter((f) => f.type === yMessage.saved);
    room.handleMessage(returning.conn, stepOne());
    expect(savedFrames()).toHaveLength(1);
    const decoder = decoding.createDecoder(savedFrames()[0].payload);
    decoding.readVarUint(decoder);
    expect(Array.from(readSavedClocks(decoder))).toEqual([[stored, Y.getState(room.doc.store, stored)]]);
    // Once per connection: the same frame again is answered with the sync step 2 only.
    room.handleMessage(returning.conn, stepOne());
    expect(savedFrames()).toHaveLength(1);
  });
});

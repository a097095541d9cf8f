/**
 * The asynchronous Yjs write path on both engines (SQLite file, PostgreSQL): real DocRooms and the real write
 * batcher over the real meeting document store. One commit in flight (what arrives meanwhile waits for the next,
 * unseen and unacknowledged); two "processes" (two YjsHosts over one database, their relays joined in memory where
 * Redis would be): committed batches applied and sent on, never stored twice; missed batches healed from storage
 * (a gap Yjs notices, or the relay saying it missed some); a compaction
 * by a process that never heard some rows keeps them; and, on PostgreSQL, the database going away mid-meeting:
 * nothing broadcast or acknowledged, editors told, the whole batch written when it returns.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { openPgDatabase } from '../../server/db/pg/client.js';
import { pgMeetingDocStore } from '../../server/db/pg/meeting-docs-store.js';
import type { DocumentAppend, MeetingDocStore } from '../../server/db/stores/meeting-docs.js';
import { storageFaultOf } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { DocRoom, type RoomConnection } from '../../server/realtime/doc-room.js';
import type { RelayedUpdates, UpdateRelay } from '../../server/realtime/update-relay.js';
import { YjsHost } from '../../server/realtime/yjs-host.js';
import { WriteBatcher } from '../../server/realtime/write-batcher.js';
import { readSavedClocks, yMessage } from '../../shared/protocol.js';
import { contractEngines, pgEngineAt, seedMeetings, type EngineUnderTest } from '../contract/engines.js';
import { createTestDatabase } from '../support/engines.js';
import { startPgProxy } from '../support/pg-proxy.js';
import { connectYClient, waitForDoc } from '../support/yjs-client.js';

const logger = createLogger('silent');

/** A client's update frame: `text` appended to the shared text by Yjs client `clientId`, on a copy of `base`. */
function clientEdit(base: Y.Doc, text: string, clientId: number): { update: Uint8Array; frame: Uint8Array } {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  // Set after loading the state: Yjs picks a new id for a doc that sees its own id arrive from elsewhere.
  copy.clientID = clientId;
  let update: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array) => (update = u));
  copy.getText('t').insert(copy.getText('t').length, text);
  Y.applyUpdate(base, update!);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, yMessage.sync);
  syncProtocol.writeUpdate(encoder, update!);
  return { update: update!, frame: encoding.toUint8Array(encoder) };
}

/** A client's update frame setting its own key `k<i>` of a map (client 100 + i): an edit that depends on nothing. */
function independentEdit(expected: Y.Doc, i: number): { update: Uint8Array; frame: Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = 100 + i;
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('m').set(`k${i}`, i);
  Y.applyUpdate(expected, update!);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, yMessage.sync);
  syncProtocol.writeUpdate(encoder, update!);
  return { update: update!, frame: encoding.toUint8Array(encoder) };
}

/** A connection that keeps what the room sends it: the document it learns, "saved" clocks and statuses. */
function listener(name: string) {
  const doc = new Y.Doc();
  const saved: Map<number, number>[] = [];
  const statuses: string[] = [];
  let updates = 0;
  const conn: RoomConnection = {
    id: name,
    readOnly: false,
    send: (message) => {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === yMessage.sync) {
        const sub = decoding.readVarUint(decoder);
        if (sub === syncProtocol.messageYjsUpdate || sub === syncProtocol.messageYjsSyncStep2) {
          updates++;
          Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
        }
      } else if (type === yMessage.saved) saved.push(readSavedClocks(decoder));
      else if (type === yMessage.status) statuses.push(decoding.readVarString(decoder));
    },
    close: () => undefined,
  };
  return { conn, doc, saved, statuses, text: () => doc.getText('t').toString(), updates: () => updates };
}

/** The real store with each commit held until the test lets it through: a slow database, one commit at a time. */
function gated(store: MeetingDocStore) {
  const calls: DocumentAppend[][] = [];
  const waiting: (() => void)[] = [];
  const wrapped: MeetingDocStore = {
    ...store,
    appendMany: async (batches, now) => {
      calls.push(batches.map((b) => ({ ...b, updates: [...b.updates] })));
      await new Promise<void>((resolve) => waiting.push(resolve));
      return store.appendMany(batches, now);
    },
  };
  return { store: wrapped, calls, releaseNext: () => waiting.shift()?.() };
}

/** Two processes' relays joined in memory: what A publishes B hears (unless dropped), and B can be told it missed some. */
function processPair() {
  const handlers: { b?: (batch: RelayedUpdates) => void; missedB?: () => void } = {};
  const wire = {
    dropNext: false,
    stopped: 0,
    deliveredToB: [] as string[],
    missedOnB: () => handlers.missedB?.(),
    a: {
      publish: (batch: RelayedUpdates) => {
        if (wire.dropNext) return void (wire.dropNext = false);
        wire.deliveredToB.push(batch.meetingId);
        handlers.b?.(batch);
      },
      start: async () => undefined,
      stop: async () => void wire.stopped++,
    } satisfies UpdateRelay,
    b: {
      publish: () => undefined,
      start: async (onRemote: (batch: RelayedUpdates) => void, onMissed?: () => void) => {
        handlers.b = onRemote;
        handlers.missedB = onMissed;
      },
      stop: async () => void wire.stopped++,
    } satisfies UpdateRelay,
  };
  return wire;
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

describe.each(contractEngines)('the Yjs write path on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());
  const rows = (meetingId: string) => db.count('meeting_updates', 'meeting_id', meetingId);

  it('keeps one commit in flight: what arrives meanwhile is neither in it, nor seen, nor acknowledged until its own commit', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const gate = gated(db.meetingDocs);
    const writer = new WriteBatcher(gate.store, { logger });
    const room = await DocRoom.load(meetingId, 'shared', gate.store, logger, { writer });
    const [editor, reader] = [listener('editor'), listener('reader')];
    room.addConnection(editor.conn);
    room.addConnection(reader.conn);
    const base = new Y.Doc();

    room.handleMessage(editor.conn, clientEdit(base, 'first ', 1).frame);
    await until(() => gate.calls.length === 1);
    const clockAtFirst = Y.getState(room.doc.store, 1);
    // While the first commit is in flight, more arrives from the same client.
    room.handleMessage(editor.conn, clientEdit(base, 'second ', 1).frame);
    room.handleMessage(editor.conn, clientEdit(base, 'third', 1).frame);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.calls).toHaveLength(1);
    expect(reader.text()).toBe('');
    expect(editor.saved).toHaveLength(0);
    expect(await rows(meetingId)).toBe(0);

    gate.releaseNext();
    await until(() => gate.calls.length === 2);
    // The first commit landed: only its update was sent on, and "saved" names the clock it brought.
    expect(gate.calls.map((c) => c[0].updates.length)).toEqual([1, 2]);
    expect(editor.saved[0]).toEqual(new Map([[1, clockAtFirst]]));
    expect(reader.text()).toBe('first ');
    expect(editor.saved).toHaveLength(1);
    gate.releaseNext();
    await until(() => editor.saved.length === 2);
    expect(reader.text()).toBe('first second third');
    expect(editor.saved[1]).toEqual(new Map([[1, Y.getState(room.doc.store, 1)]]));
    expect(await rows(meetingId)).toBe(3);
    expect(await room.shutdown(4503, 'test over')).toBe(true);
  });

  it('relays each commit to the other process, which applies and sends it on without storing it again, ignores rooms it has not loaded, and heals missed batches from storage', async () => {
    const [meetingId, elsewhere] = (await seedMeetings(db, 2)).meetingIds;
    // Two processes over one database, each its own host; what A publishes reaches B as a relay would deliver it,
    // unless the test drops it.
    const wire = processPair();
    const hostA = new YjsHost({ store: db.meetingDocs, relay: wire.a, logger, authorise: () => ({ readOnly: false }) });
    const hostB = new YjsHost({ store: db.meetingDocs, relay: wire.b, logger, authorise: () => ({ readOnly: false }) });
    await Promise.all([hostA.relayStarted, hostB.relayStarted]);
    const [roomA, roomB] = await Promise.all([hostA.room(meetingId), hostB.room(meetingId)]);
    await hostA.room(elsewhere);
    const [editor, watcher] = [listener('editor on A'), listener('watcher on B')];
    roomA.addConnection(editor.conn);
    roomB.addConnection(watcher.conn);
    const base = new Y.Doc();

    for (const text of ['one ', 'two ', 'three ']) {
      wire.dropNext = text === 'two ';
      roomA.handleMessage(editor.conn, clientEdit(base, text, 7).frame);
      expect(await roomA.flush()).toBe(true);
    }
    // "three" depends on the dropped "two": B noticed and read what it missed from storage.
    await until(() => watcher.text() === 'one two three ');
    expect(roomB.lastSeq).toBe(roomA.lastSeq);
    // Applied and sent on, never stored by B: the log holds A's three rows, and B has nothing to save.
    expect(await rows(meetingId)).toBe(3);
    expect(roomB.hasUnsavedChanges).toBe(false);
    // A commit to a document B has not loaded loads nothing there.
    const other = listener('editor of another meeting on A');
    const otherRoom = hostA.loadedRoom(elsewhere)!;
    otherRoom.addConnection(other.conn);
    otherRoom.handleMessage(other.conn, clientEdit(new Y.Doc(), 'elsewhere', 9).frame);
    expect(await otherRoom.flush()).toBe(true);
    expect(wire.deliveredToB).toContain(elsewhere);
    expect(hostB.loadedRoom(elsewhere)).toBeUndefined();
    expect(hostB.loadedRoomCount()).toBe(1);

    // The relay says it may have missed batches (an edit from a new client, nothing depending on it): B catches up.
    wire.dropNext = true;
    roomA.handleMessage(editor.conn, clientEdit(base, 'four', 8).frame);
    expect(await roomA.flush()).toBe(true);
    expect(watcher.text()).toBe('one two three ');
    wire.missedOnB();
    await until(() => watcher.text() === 'one two three four');
    expect(await rows(meetingId)).toBe(4);

    await hostA.close();
    await hostB.close();
    expect(wire.stopped).toBe(2);
  });

  it('a room still loading gets what another process committed after its read, once loaded', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const wire = processPair();
    // B's read of the document is made at once but answers only when the test says: a slow load.
    let answer: () => void = () => undefined;
    let read = false;
    const slowLoad: MeetingDocStore = {
      ...db.meetingDocs,
      load: async (m, d) => {
        const stored = await db.meetingDocs.load(m, d);
        read = true;
        await new Promise<void>((resolve) => (answer = resolve));
        return stored;
      },
    };
    const hostA = new YjsHost({ store: db.meetingDocs, relay: wire.a, logger, authorise: () => ({ readOnly: false }) });
    const hostB = new YjsHost({ store: slowLoad, relay: wire.b, logger, authorise: () => ({ readOnly: false }) });
    await Promise.all([hostA.relayStarted, hostB.relayStarted]);
    const roomA = await hostA.room(meetingId);
    const loadingB = hostB.room(meetingId);
    await until(() => read);
    const editor = listener('editor on A');
    roomA.addConnection(editor.conn);
    roomA.handleMessage(editor.conn, clientEdit(new Y.Doc(), 'after B read', 3).frame);
    expect(await roomA.flush()).toBe(true);
    expect(wire.deliveredToB).toEqual([meetingId]);
    answer();
    const roomB = await loadingB;
    await until(() => roomB.doc.getText('t').toString() === 'after B read');
    expect(roomB.hasUnsavedChanges).toBe(false);
    expect(await rows(meetingId)).toBe(1);
    await hostA.close();
    await hostB.close();
  });

  it('serves real y-websocket clients: an idle room is saved, folded and unloaded, and the next client loads it from storage', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const host = new YjsHost({ store: db.meetingDocs, logger, idleUnloadMs: 0, authorise: () => ({ readOnly: false }) });
    const http = createServer();
    http.on('upgrade', (req, socket, head) => host.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const writer = connectYClient(url, meetingId);
      const reader = connectYClient(url, meetingId);
      await Promise.all([writer.synced, reader.synced]);
      writer.doc.getText('t').insert(0, 'kept across an unload');
      await writer.saved();
      await waitForDoc(reader.doc, (d) => d.getText('t').toString() === 'kept across an unload');
      writer.destroy();
      reader.destroy();
      // Everyone gone: the room leaves memory, its log folded into a snapshot (a client coming back meanwhile waits
      // for that, then loads from storage).
      await until(() => host.loadedRoomCount() === 0);
      const again = connectYClient(url, meetingId);
      await again.synced;
      expect(await rows(meetingId)).toBe(0);
      expect((await db.meetingDocs.load(meetingId, 'shared')).snapshot).not.toBeNull();
      expect(again.doc.getText('t').toString()).toBe('kept across an unload');
      again.destroy();
    } finally {
      await host.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('a compaction by a process that never heard some rows keeps them (it reads them first)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ by: fc.constantFrom('a', 'b'), heard: fc.boolean() }), { minLength: 1, maxLength: 12 }), async (steps) => {
        const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
        const a = await DocRoom.load(meetingId, 'shared', db.meetingDocs, logger, { writer: new WriteBatcher(db.meetingDocs, { logger }) });
        const b = await DocRoom.load(meetingId, 'shared', db.meetingDocs, logger, { writer: new WriteBatcher(db.meetingDocs, { logger }) });
        const conns = { a: listener('a'), b: listener('b') };
        a.addConnection(conns.a.conn);
        b.addConnection(conns.b.conn);
        const expected = new Y.Doc();
        const entries = (doc: Y.Doc) => JSON.stringify(Object.entries(doc.getMap('m').toJSON()).sort());
        for (const [i, step] of steps.entries()) {
          // Each edit from a fresh client on its own key: it depends on nothing, so a process that missed it has
          // no trace of it in memory (Yjs cannot notice the gap; only storage knows).
          const { frame, update } = independentEdit(expected, i);
          const [writer, other] = step.by === 'a' ? [a, b] : [b, a];
          writer.handleMessage(conns[step.by].conn, frame);
          expect(await writer.flush()).toBe(true);
          if (step.heard) other.applyCommitted([update], writer.lastSeq);
        }
        // Whichever compacts, the stored document is everything either wrote.
        await b.compact();
        await a.compact();
        const stored = await db.meetingDocs.load(meetingId, 'shared');
        const rebuilt = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot);
        for (const u of stored.updates) Y.applyUpdate(rebuilt, u);
        expect(entries(rebuilt)).toBe(entries(expected));
        // And either process, catching up, holds it all.
        await Promise.all([a.catchUp(), b.catchUp()]);
        expect(entries(a.doc)).toBe(entries(expected));
        expect(entries(b.doc)).toBe(entries(expected));
        await a.shutdown(4503, 'done');
        await b.shutdown(4503, 'done');
      }),
      { numRuns: 15 },
    );
  });
});

describe('the Yjs write path when PostgreSQL goes away mid-meeting', () => {
  it('broadcasts and acknowledges nothing, tells the editors, and writes the whole batch when it is back', async () => {
    const database = await createTestDatabase({ migrated: true });
    const proxy = await startPgProxy(database.url);
    const direct = await pgEngineAt(database.url);
    const throughProxy = await openPgDatabase(proxy.url, { connectionTimeoutMs: 2000 });
    try {
      const [meetingId, other] = (await seedMeetings(direct, 2)).meetingIds;
      const store = pgMeetingDocStore(throughProxy.pool);
      const writer = new WriteBatcher(store, { logger, retryMs: 50 });
      const rooms = [await DocRoom.load(meetingId, 'shared', store, logger, { writer }), await DocRoom.load(other, 'shared', store, logger, { writer })];
      const people = rooms.map((room, i) => {
        const [editor, reader] = [listener(`editor ${i}`), listener(`reader ${i}`)];
        room.addConnection(editor.conn);
        room.addConnection(reader.conn);
        return { room, editor, reader, base: new Y.Doc() };
      });

      proxy.cut();
      for (const [i, p] of people.entries()) p.room.handleMessage(p.editor.conn, clientEdit(p.base, `during the outage ${i}`, 50 + i).frame);
      await until(() => people.every((p) => p.editor.statuses.some((s) => s.includes('save-failed'))));
      // More arrives while it is down: it joins the retried batch.
      people[0].room.handleMessage(people[0].editor.conn, clientEdit(people[0].base, ' and after', 50).frame);
      for (const p of people) {
        expect(p.reader.updates()).toBe(0);
        expect(p.editor.saved).toHaveLength(0);
        expect(p.room.hasUnsavedChanges).toBe(true);
      }
      expect(await direct.count('meeting_updates', 'meeting_id', meetingId)).toBe(0);
      // What ending asks first (the minutes never read an unsaved edit): refused with the fault, in words.
      const ending = await people[0].room.saveAllOrThrow().catch((err: unknown) => err);
      expect(storageFaultOf(ending)).toBe('PG_UNAVAILABLE');

      proxy.open();
      await until(() => people.every((p) => p.editor.statuses.some((s) => s.includes('save-recovered'))));
      for (const [i, p] of people.entries()) {
        expect(p.reader.text()).toBe(i === 0 ? 'during the outage 0 and after' : 'during the outage 1');
        expect(p.editor.saved.at(-1)).toEqual(new Map([[50 + i, Y.getState(p.room.doc.store, 50 + i)]]));
        expect(p.room.hasUnsavedChanges).toBe(false);
      }
      expect(await direct.count('meeting_updates', 'meeting_id', meetingId)).toBe(2);
      expect(await direct.count('meeting_updates', 'meeting_id', other)).toBe(1);
      for (const p of people) await p.room.shutdown(4503, 'test over');
    } finally {
      await throughProxy.close();
      await direct.close();
      await proxy.close();
      await database.drop();
    }
  });
});

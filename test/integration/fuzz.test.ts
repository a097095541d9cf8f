import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { io as ioClient } from 'socket.io-client';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { limits } from '../../shared/limits.js';
import { roomEvents, type Ack } from '../../shared/room-protocol.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';
import { closeCodeOf, openRawSocket } from '../support/raw-ws.js';

const frame = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};

describe('hostile input: the server stays up, the room keeps working, the document is unchanged', () => {
  let server: TestServer;
  let cookie: string;
  let watcher: YClient;
  beforeAll(async () => {
    server = await startTestServer();
    cookie = await signIn(server.url, demoUsers.member);
    watcher = connectYClient(server.url, demoMeetingId, { headers: { cookie } });
    await watcher.synced;
  });
  afterAll(async () => {
    watcher?.destroy();
    await server?.cleanup();
  });

  it('survives thousands of random, truncated and bloated Yjs frames', async () => {
    const before = Y.encodeStateAsUpdate(watcher.doc);
    const validUpdate = frame(0, (e) => syncProtocol.writeUpdate(e, before));
    const validStep1 = frame(0, (e) => syncProtocol.writeSyncStep1(e, watcher.doc));
    const known = [validUpdate, validStep1];
    const frames = fc.sample(
      fc.oneof(
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        fc.uint8Array({ minLength: 0, maxLength: 4096 }).map((junk) => Uint8Array.from([0, 2, ...junk])),
        fc.tuple(fc.constantFrom(...known), fc.nat()).map(([f, n]) => f.slice(0, n % f.length)),
        fc.tuple(fc.constantFrom(0, 1, 3), fc.integer({ min: 4, max: 2 ** 31 })).map(([t, len]) => frame(t, (e) => { encoding.writeVarUint(e, 2); encoding.writeVarUint(e, len); })),
        fc.nat(1000).map((t) => frame(t + 4, () => undefined)),
      ),
      { numRuns: 2000, seed: 20261124 },
    );
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/yjs/${demoMeetingId}`;
    for (let i = 0; i < frames.length; i += 100) {
      await Promise.all(
        frames.slice(i, i + 100).map(async (bytes) => {
          const ws = await openRawSocket(wsUrl, { cookie });
          const closed = closeCodeOf(ws);
          ws.send(bytes);
          // Harmless frames (e.g. a sync step 1 prefix that parses) leave the socket open: close it ourselves.
          const timer = setTimeout(() => ws.close(), 200);
          await closed;
          clearTimeout(timer);
        }),
      );
    }
    const big = await openRawSocket(wsUrl, { cookie });
    const bigClosed = closeCodeOf(big);
    big.send(new Uint8Array(limits.yjsMaxPayload + 1));
    expect((await bigClosed).code).toBe(1009);

    expect(watcher.provider.wsconnected).toBe(true);
    const after = connectYClient(server.url, demoMeetingId, { headers: { cookie } });
    await after.synced;
    const original = new Y.Doc();
    Y.applyUpdate(original, before);
    expect(Y.encodeStateVector(after.doc)).toEqual(Y.encodeStateVector(original));
    // And the room still works: an edit reaches the watcher.
    addAgendaItem(after.doc, { kind: 'case-review', title: 'After the fuzz', caseRef: 'RR-2026-777' });
    await waitForDoc(watcher.doc, (d) => readAgenda(d).some((i) => i.title === 'After the fuzz'));
    after.destroy();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers random payloads to every Socket.IO event with an error ack, never a crash', async () => {
    const socket = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const payloads = fc.sample(fc.anything({ maxDepth: 3, withBigInt: false }), { numRuns: 300, seed: 7 });
    let rateLimited = 0;
    for (const payload of payloads) {
      const ack = await new Promise<Ack<unknown>>((resolve) => socket.emit(roomEvents.join, payload, resolve));
      expect(ack.ok).toBe(false);
      if (!ack.ok) {
        expect(['validation_failed', 'rate_limited']).toContain(ack.error.code);
        if (ack.error.code === 'rate_limited') rateLimited++;
      }
    }
    expect(rateLimited).toBeGreaterThan(0); // 300 events at once exceed the per-socket budget
    socket.emit('no-such-event', { x: 1 });
    expect(socket.connected).toBe(true);
    socket.close();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

/**
 * A message for many connections is framed once (server/realtime/room-connection.ts, SharedMessage): the frame must
 * be exactly what a WebSocket client reads back, for every length encoding (7-bit, 16-bit, 64-bit) and at each
 * boundary, read here by `ws`'s own client-side frame parser.
 */
import { describe, expect, it } from 'vitest';
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import * as syncProtocol from 'y-protocols/sync';
import { yMessage } from '../../shared/protocol.js';
import { SharedMessage, SocketConnection, framedSendMaxBytes, sendToAll, type RoomConnection } from '../../server/realtime/room-connection.js';
import { encodeMessage } from '../../server/realtime/yjs-messages.js';

// ws's frame parser (exported at runtime, not in its type declarations).
const { Receiver } = createRequire(import.meta.url)('ws') as { Receiver: new (options: object) => EventEmitter & { write(chunk: Buffer): void } };

function readBack(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? resolve(data) : reject(new Error('not binary'))));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('a shared message framed once', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])('reads back intact at %i bytes', async (length) => {
    const message = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
    const shared = new SharedMessage(message);
    expect(await readBack(shared.frame)).toEqual(Buffer.from(message));
    // Built once: every receiver gets the same bytes.
    expect(shared.frame).toBe(shared.frame);
  });

  // Around each boundary of the frame's length and of the update's own varUint length (127/128, 16,383/16,384).
  it.each([0, 1, 120, 121, 122, 123, 124, 127, 128, 16_383, 16_384, 65_530, 65_531, 65_532, 200_000])(
    'a sync update built inside its frame is the message y-protocols writes, at %i bytes of update',
    async (length) => {
      const update = Uint8Array.from({ length }, (_, i) => (i * 13 + length) & 0xff);
      const shared = SharedMessage.syncUpdate(update);
      const expected = encodeMessage(yMessage.sync, (e) => syncProtocol.writeUpdate(e, update));
      expect(Buffer.from(shared.message)).toEqual(Buffer.from(expected));
      expect(await readBack(shared.frame)).toEqual(Buffer.from(expected));
      expect(shared.frame).toEqual(new SharedMessage(expected).frame);
    },
  );

  it('goes to every connection but the one excepted, framed where the connection takes frames', () => {
    const got: string[] = [];
    const plain = (id: string): RoomConnection => ({ id, readOnly: false, send: () => void got.push(`${id}:message`), close: () => undefined });
    const framed = (id: string): RoomConnection => ({ ...plain(id), sendShared: () => void got.push(`${id}:frame`) });
    const conns = [plain('a'), framed('b'), framed('c'), plain('d')];
    sendToAll(conns, new SharedMessage(Uint8Array.of(1, 2, 3)), conns[2]);
    expect(got).toEqual(['a:message', 'b:frame', 'd:message']);
  });
});

describe("a connection's own messages", () => {
  it('arrive intact and in order whether framed here (small) or sent through ws (large), mixed with shared frames', async () => {
    const { WebSocketServer, WebSocket } = await import('ws');
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const bytes = (length: number, seed: number) => {
      const b = new Uint8Array(length);
      for (let i = 0; i < length; i++) b[i] = (i * 31 + seed) & 0xff;
      return b;
    };
    // Each side of the 16 KiB line, empty, tiny and large, with a shared frame between.
    const sent = [bytes(3, 1), bytes(framedSendMaxBytes, 2), bytes(framedSendMaxBytes + 1, 3), bytes(0, 4), bytes(300_000, 5), bytes(125, 6), bytes(126, 7)];
    const shared = new SharedMessage(bytes(200, 8));
    try {
      const received: Buffer[] = [];
      const client = new WebSocket(`ws://127.0.0.1:${port}`);
      const all = new Promise<void>((resolve, reject) => {
        client.on('message', (data: Buffer) => {
          received.push(data);
          if (received.length === sent.length + 1) resolve();
        });
        client.on('error', reject);
      });
      const [socket] = await new Promise<[import('ws').WebSocket]>((resolve) => server.once('connection', (ws) => resolve([ws])));
      const conn = new SocketConnection(socket, 'c1', false, undefined);
      conn.send(sent[0]);
      conn.send(sent[1]);
      conn.sendShared(shared);
      for (const message of sent.slice(2)) conn.send(message);
      await all;
      const expected = [sent[0], sent[1], shared.message, ...sent.slice(2)].map((m) => Buffer.from(m));
      expect(received).toEqual(expected);
      client.close();
    } finally {
      for (const ws of server.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/**
 * "Saved" rides with the connection's next frame (server/realtime/room-connection.ts, `sendDeferred`): over a real
 * WebSocket (ws server and client on a real socket), a deferred message goes out in the same socket write as the next
 * frame, in order, or on its own once `deferredSendMs` has passed, or before the close frame; never lost, never early.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SharedMessage, SocketConnection, deferredSendMs } from '../../server/realtime/room-connection.js';

interface Pair {
  conn: SocketConnection;
  /** Socket writes the server side made (each one write or writev call into the kernel). */
  writes: () => number;
  /** What the client received, in order, with when. */
  received: { text: string; at: number }[];
  next: () => Promise<string>;
  client: WebSocket;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function pair(): Promise<Pair> {
  const server = http.createServer();
  servers.push(server);
  const wss = new WebSocketServer({ server });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const [ws] = (await once(wss, 'connection')) as [WebSocket];
  await once(client, 'open');
  // Counts the socket's writes into the kernel (each call of this is one write or writev), then does them.
  const socket = (ws as unknown as { _socket: Duplex & { _writeGeneric: (...args: unknown[]) => unknown } })._socket;
  const writeGeneric = socket._writeGeneric;
  let writes = 0;
  socket._writeGeneric = function (this: unknown, ...args: unknown[]) {
    writes++;
    return writeGeneric.apply(this, args);
  };
  const received: Pair['received'] = [];
  const waiting: ((text: string) => void)[] = [];
  client.on('message', (data: Buffer) => {
    const text = data.toString();
    received.push({ text, at: Date.now() });
    waiting.shift()?.(text);
  });
  let seen = 0;
  const next = () => {
    if (received.length > seen) return Promise.resolve(received[seen++].text);
    return new Promise<string>((resolve) =>
      waiting.push((text) => {
        seen++;
        resolve(text);
      }),
    );
  };
  client.on('close', () => wss.close());
  return { conn: new SocketConnection(ws, 'c1', false, undefined), writes: () => writes, received, next, client };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('a deferred message ("saved")', () => {
  it('waits for the next broadcast frame and goes out before it, in the same socket write', async () => {
    const p = await pair();
    p.conn.sendDeferred(bytes('saved-1'));
    p.conn.sendDeferred(bytes('saved-2'));
    expect(p.writes()).toBe(0);
    p.conn.sendShared(new SharedMessage(bytes('update')));
    expect(p.writes()).toBe(1);
    expect([await p.next(), await p.next(), await p.next()]).toEqual(['saved-1', 'saved-2', 'update']);
    p.client.close();
  });

  it('waits for the next message sent on its own and goes out before it, in one write', async () => {
    const p = await pair();
    p.conn.sendDeferred(bytes('saved'));
    p.conn.send(bytes('status'));
    expect(p.writes()).toBe(1);
    expect([await p.next(), await p.next()]).toEqual(['saved', 'status']);
    p.client.close();
  });

  it('goes out on its own once its time is up, not before, each connection at its own time', async () => {
    const [a, b] = [await pair(), await pair()];
    const sentA = Date.now();
    a.conn.sendDeferred(bytes('saved-a'));
    // b's deferral starts while a's timer runs: it is due later than a's, and is not flushed with it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sentB = Date.now();
    b.conn.sendDeferred(bytes('saved-b'));
    expect(await a.next()).toBe('saved-a');
    expect(await b.next()).toBe('saved-b');
    // Timers never fire early (a millisecond's leeway for the two clocks' rounding).
    expect(a.received[0].at - sentA).toBeGreaterThanOrEqual(deferredSendMs - 1);
    expect(b.received[0].at - sentB).toBeGreaterThanOrEqual(deferredSendMs - 1);
    expect([a.writes(), b.writes()]).toEqual([1, 1]);
    a.client.close();
    b.client.close();
  });

  it('goes out before the close frame when the connection closes', async () => {
    const p = await pair();
    p.conn.sendDeferred(bytes('saved'));
    const closed = once(p.client, 'close');
    p.conn.close(4001, 'bye');
    expect(await p.next()).toBe('saved');
    const [code, reason] = await closed;
    expect([code, String(reason)]).toEqual([4001, 'bye']);
  });

  it('is dropped, without a write or an error, when the client has gone before it is due', async () => {
    const p = await pair();
    p.conn.sendDeferred(bytes('saved'));
    p.client.terminate();
    await once(p.client, 'close');
    const before = p.writes();
    // A later deferral on another connection is still flushed on time: the timer went on past the closed one.
    const q = await pair();
    q.conn.sendDeferred(bytes('saved-q'));
    expect(await q.next()).toBe('saved-q');
    expect(p.writes()).toBe(before);
    expect(p.received).toEqual([]);
    q.client.close();
  });
});

/**
 * The benchmark's own WebSocket client (test/bench/load/raw-ws.ts) against a real `ws` server: messages of every
 * length class (7-bit, 16-bit, 64-bit lengths, the last split across many reads), a fragmented message, text, a ping
 * answered with a pong, a refused upgrade reported with its status, a close from the server, and masked frames out
 * that the server reads back byte for byte. If the client misparsed a frame, the benchmark would count wrong
 * deliveries, so this pins it down.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { RawWebSocket, type RawWsHandlers } from '../bench/load/raw-ws.js';

let closeServer: (() => Promise<void>) | null = null;
afterEach(async () => {
  await closeServer?.();
  closeServer = null;
});

async function serve(onConnection: (ws: WebSocket, cookie: string | undefined) => void): Promise<string> {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (req.url === '/refuse') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req.headers.cookie));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeServer = async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A client whose events are queued for the test to await one by one. */
function client(url: string, headers: Record<string, string> = {}) {
  const events: (string | Uint8Array)[] = [];
  const waiters: (() => void)[] = [];
  const push = (e: string | Uint8Array) => {
    events.push(e);
    for (const w of waiters.splice(0)) w();
  };
  const handlers: RawWsHandlers = {
    open: () => push('open'),
    message: (data) => push(Buffer.from(data)), // copied: the view is only valid during the call
    refused: (status) => push(`refused ${status}`),
    close: () => push('close'),
    error: (err) => push(`error ${err.message}`),
  };
  const ws = new RawWebSocket(url, headers, handlers);
  const next = async (): Promise<string | Uint8Array> => {
    while (events.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return events.shift()!;
  };
  return { ws, next };
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe("the benchmark's WebSocket client", () => {
  it('reads every length class, fragments and text, answers pings, and sends masked frames the server reads intact', async () => {
    const received: Buffer[] = [];
    let pongs = 0;
    let gotCookie: string | undefined;
    const url = await serve((ws, cookie) => {
      gotCookie = cookie;
      ws.on('message', (data: Buffer) => {
        received.push(data);
        if (received.length === 3) {
          ws.send(bytes(5, 1));
          ws.send(bytes(300, 2));
          ws.send(bytes(200_000, 3)); // 64-bit length, many reads
          ws.send(bytes(70, 4), { fin: false });
          ws.send(bytes(90, 5), { fin: true });
          ws.send('plain text');
          ws.on('pong', () => {
            pongs++;
            ws.send(bytes(1, 6));
          });
          ws.ping(Buffer.from('are you there'));
        }
      });
    });
    const { ws, next } = client(`${url}/room`, { cookie: 'session=abc' });
    expect(await next()).toBe('open');
    for (const size of [3, 1000, 70_000]) ws.send(bytes(size, size));
    expect(Buffer.from((await next()) as Uint8Array)).toEqual(Buffer.from(bytes(5, 1)));
    expect(Buffer.from((await next()) as Uint8Array)).toEqual(Buffer.from(bytes(300, 2)));
    expect(Buffer.from((await next()) as Uint8Array)).toEqual(Buffer.from(bytes(200_000, 3)));
    expect(Buffer.from((await next()) as Uint8Array)).toEqual(Buffer.concat([bytes(70, 4), bytes(90, 5)]));
    expect(Buffer.from((await next()) as Uint8Array).toString()).toBe('plain text');
    expect(Buffer.from((await next()) as Uint8Array)).toEqual(Buffer.from(bytes(1, 6)));
    expect(pongs).toBe(1);
    expect(received.map((b) => b.length)).toEqual([3, 1000, 70_000]);
    received.forEach((b, i) => expect(b).toEqual(Buffer.from(bytes([3, 1000, 70_000][i], [3, 1000, 70_000][i]))));
    expect(gotCookie).toBe('session=abc');
    ws.terminate();
  });

  it('reports a refused upgrade with its status, and a close from the server', async () => {
    const url = await serve((ws) => ws.close(1000, 'bye'));
    const refused = client(`${url}/refuse`);
    expect(await refused.next()).toBe('refused 403');
    const closed = client(`${url}/room`);
    expect(await closed.next()).toBe('open');
    expect(await closed.next()).toBe('close');
    expect(closed.ws.open).toBe(false);
  });
});

/**
 * Nothing a client sends stops the server — the Socket.IO door: hostile long-polling (raw HTTP) and WebSocket traffic
 * (a real client emitting junk to every event, and raw junk frames) at a real server process, from fixed seeds. On each
 * engine (SQLite file, PostgreSQL): the same seeds, the same answers, and no row stored.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io as ioClient, type Socket } from 'socket.io-client';
import { errorCodes } from '../../shared/protocol.js';
import { roomEvents, serverToClientEvents, type Ack } from '../../shared/room-protocol.js';
import { serverEngines } from '../support/server.js';
import { fuzzTarget } from '../support/fuzz-target.js';
import { inParallel, sendRaw } from '../support/hostile-http.js';
import { ascii, hostileOrigin } from '../support/hostile-inputs.js';
import { openRawSocket } from '../support/raw-ws.js';

describe.each(serverEngines)('hostile Socket.IO traffic at a real server process, on $name', ({ engine }) => {
  const target = fuzzTarget({ engine });

  it('refuses hostile Socket.IO long-polling with a 4xx and survives junk packets', async () => {
    const countsBefore = await target.recordCounts();
    expect(countsBefore.people, "the seeded demo, read from the process's own engine").toBeGreaterThan(0);
    const handshake = await sendRaw(target.url, { method: 'GET', path: '/socket.io/?EIO=4&transport=polling', headers: { cookie: target.cookies.member } });
    expect(handshake.status).toBe(200);
    const sid = (JSON.parse(handshake.body.slice(1)) as { sid: string }).sid;
    const polling = fc.sample(
      fc.oneof(
        fc.record({ eio: fc.constantFrom('3', '5', 'x', '', '%ZZ', '4.0'), transport: fc.constant('polling'), sid: fc.constant(''), origin: fc.constant(''), body: fc.constant('') }),
        fc.record({ eio: fc.constant('4'), transport: fc.oneof(fc.constantFrom('flashsocket', 'websocket2', '', '%E0%A4%A'), fc.string({ unit: ascii, maxLength: 12 }).map(encodeURIComponent)), sid: fc.constant(''), origin: fc.constant(''), body: fc.constant('') }),
        fc.record({ eio: fc.constant('4'), transport: fc.constant('polling'), sid: fc.string({ unit: ascii, minLength: 1, maxLength: 30 }).map(encodeURIComponent), origin: fc.constant(''), body: fc.string({ maxLength: 100 }) }),
        fc.record({ eio: fc.constant('4'), transport: fc.constant('polling'), sid: fc.constant(''), origin: hostileOrigin.filter((o) => o.trim() !== ''), body: fc.constant('') }),
      ),
      { numRuns: 400, seed: 41 },
    );
    const failures: string[] = [];
    await inParallel(polling, 16, async (c) => {
      const query = `?EIO=${c.eio}&transport=${c.transport}${c.sid ? `&sid=${c.sid}` : ''}`;
      const headers: Record<string, string> = { cookie: target.cookies.member, ...(c.origin ? { origin: c.origin } : {}) };
      const res = await sendRaw(target.url, c.body ? { method: 'POST', path: `/socket.io/${query}`, headers: { ...headers, 'content-type': 'text/plain' }, body: c.body } : { method: 'GET', path: `/socket.io/${query}`, headers });
      if (res.status < 400 || res.status >= 500) failures.push(`${query} origin=${c.origin} → ${res.status} ${res.body.slice(0, 100)}`);
    });
    expect(failures).toEqual([]);
    // Junk packets on a real session: answered without a 5xx, and the server carries on.
    const junk = fc.sample(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('4', '40', '42["room:join"', '42[]', `42${'['.repeat(5000)}`, '\u001e\u001e', 'b' + 'x'.repeat(1000))), { numRuns: 100, seed: 42 });
    for (const body of junk) {
      const res = await sendRaw(target.url, { method: 'POST', path: `/socket.io/?EIO=4&transport=polling&sid=${sid}`, headers: { cookie: target.cookies.member, 'content-type': 'text/plain;charset=UTF-8' }, body });
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
    }
    await target.watcherStillReceives();
    // Refused means nothing stored: no row added or removed in any record table, on the process's own engine.
    expect(await target.recordCounts()).toEqual(countsBefore);
  });

  it('answers junk sent to every Socket.IO event over WebSocket with an error ack, stores nothing, and survives raw junk frames', async () => {
    const countsBefore = await target.recordCounts();
    expect(countsBefore.people, "the seeded demo, read from the process's own engine").toBeGreaterThan(0);
    // Every event a client may send (the rest are server → client only), and names the server does not know.
    const events = [...Object.values(roomEvents).filter((e) => !serverToClientEvents.includes(e)), 'no-such-event', '__proto__', 'constructor'];
    const payloads = fc.sample(fc.anything({ maxDepth: 3, withBigInt: false, withNullPrototype: true }), { numRuns: 600, seed: 7 });
    const failures: string[] = [];
    // Sockets of 30 events each stay inside the per-socket rate limit, so the payloads reach validation.
    for (let start = 0; start < payloads.length; start += 30) {
      const socket: Socket = ioClient(target.url, { transports: ['websocket'], extraHeaders: { cookie: target.cookies.member }, reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await Promise.all(
        payloads.slice(start, start + 30).map(async (payload, i) => {
          const event = events[(start + i) % events.length];
          // Events the server does not know get no answer; the acks of the known ones after them show the link lived.
          if (event === 'no-such-event' || event === '__proto__' || event === 'constructor') return void socket.emit(event, payload);
          const a = (await socket.timeout(5000).emitWithAck(event, payload)) as Ack<unknown>;
          if (a.ok !== false || !(errorCodes as readonly string[]).includes(a.error.code)) failures.push(`${event} ${JSON.stringify(payload)?.slice(0, 80)} → ${JSON.stringify(a)}`);
        }),
      );
      expect(socket.connected).toBe(true);
      socket.close();
    }
    expect(failures).toEqual([]);

    // Raw junk frames on the engine.io WebSocket: after each, a CONNECT packet gets an answer or the link closes.
    const wsUrl = `${target.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const frames = fc.sample(fc.oneof(fc.string({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), fc.constantFrom('4', '42', '42["room:join",{"meetingId":"%ZZ"}', '2probe', '5', '6', '1')), { numRuns: 150, seed: 43 });
    await inParallel(frames, 16, async (frame) => {
      const ws = await openRawSocket(wsUrl, { cookie: target.cookies.member });
      const answered = new Promise<string>((resolve) => {
        ws.on('message', (data) => {
          const text = data.toString();
          if (text.startsWith('40') || text.startsWith('44')) resolve('answered');
        });
        ws.once('close', () => resolve('closed'));
      });
      ws.send(frame);
      if (ws.readyState === ws.OPEN) ws.send('40');
      expect(['answered', 'closed']).toContain(await answered);
      ws.terminate();
    });
    await target.watcherStillReceives();
    // Refused means nothing stored: no row added or removed in any record table, on the process's own engine.
    expect(await target.recordCounts()).toEqual(countsBefore);
  });

  it('is still the same process: healthy, the watcher connected, nothing logged at error level', async () => {
    await target.expectSurvived();
  });
});

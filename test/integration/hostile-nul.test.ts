/**
 * Hostile ids and addresses at the realtime doors, on both engines (PostgreSQL refuses even to compare text holding
 * NUL, SQLite finds nothing): every hostile Yjs upgrade path gets a clear HTTP answer in the error shape (400 for
 * %00 and broken percent-encoding, as REST answers; 404 for a path that names no document), is logged as a refusal,
 * loads nothing; Socket.IO commands with NUL in their ids are acked `validation_failed`; a session cookie or an
 * invite or calendar-feed token holding NUL is simply not signed in / refused. The server keeps serving throughout.
 */
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { demoMeetingId } from '../../server/seed/demo.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectRoom } from '../support/room-client.js';
import { connectYClient } from '../support/yjs-client.js';

/** A WebSocket upgrade sent as raw bytes (no client library re-encodes the path); the HTTP answer's status and body. */
function upgrade(url: string, target: string, cookie: string): Promise<{ status: number; body: unknown }> {
  const { hostname, port, origin } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${origin}\r\nCookie: ${cookie}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      const body = data.slice(data.indexOf('\r\n\r\n') + 4);
      resolve({ status, body: body ? JSON.parse(body) : null });
    });
  });
}

const idChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
const anyId = fc.oneof(fc.constant(demoMeetingId), fc.string({ unit: idChars, minLength: 1, maxLength: 64 }));
const docSuffix = fc.constantFrom('', '/restricted');
/** Where a %00 can sit in a Yjs path: in the id, after it, as the document kind, in the query. */
const nulPaths = fc.oneof(
  fc.tuple(anyId, docSuffix).map(([id, doc]) => `/yjs/${id}%00${doc}`),
  fc.tuple(anyId, fc.nat(64)).map(([id, at]) => `/yjs/${id.slice(0, at)}%00${id.slice(at)}/shared`),
  fc.tuple(anyId, docSuffix).map(([id, doc]) => `/yjs/%00${id}${doc}`),
  anyId.map((id) => `/yjs/${id}/restricted%00`),
  fc.tuple(anyId, docSuffix, fc.string({ unit: idChars, maxLength: 8 })).map(([id, doc, q]) => `/yjs/${id}${doc}?${q}=%00`),
);
/** Percent-encoding that does not decode. */
const brokenPercent = fc.tuple(anyId, fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C0', '%F', '%ED%A0%80'), docSuffix).map(([id, junk, doc]) => `/yjs/${id}${junk}${doc}`);
/** Paths that decode but name no document: over-long ids, other document kinds, odd characters, extra segments. */
const unknownPaths = fc.oneof(
  fc.tuple(fc.string({ unit: idChars, minLength: 65, maxLength: 400 }), docSuffix).map(([id, doc]) => `/yjs/${id}${doc}`),
  fc.tuple(anyId, fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 20 })).filter(([, kind]) => kind !== 'restricted').map(([id, kind]) => `/yjs/${id}/${kind}`),
  fc.tuple(anyId, fc.constantFrom('%20', '.', '%2F', '%C3%A9', '%2e%2e')).map(([id, odd]) => `/yjs/${id}${odd}`),
  anyId.map((id) => `/yjs/${id}/restricted/x`),
  fc.constantFrom('/yjs', '/yjs/', '/yjs//restricted'),
);
const hostilePaths = fc.oneof(
  nulPaths.map((path) => ({ path, status: 400, code: 'bad_request', words: /NUL character/ })),
  brokenPercent.map((path) => ({ path, status: 400, code: 'bad_request', words: /percent/i })),
  unknownPaths.map((path) => ({ path, status: 404, code: 'not_found', words: /Unknown document path/ })),
);

describe.each(serverEngines)('hostile ids at the realtime doors on $name', ({ engine }) => {
  let server: TestServer;
  let chair: string;
  beforeAll(async () => {
    server = await startTestServer({ engine, captureLog: 'info' });
    chair = await signIn(server.url, demoUsers.chair);
  });
  afterAll(() => server?.cleanup());

  const logLines = () =>
    server
      .log()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string; status?: number; code?: string });

  it('answers every hostile Yjs upgrade path with 400 or 404 in the error shape, logs it, loads nothing, and keeps serving', async () => {
    const roomsBefore = server.server.yjs.loadedRoomCount();
    const refusedBefore = logLines().filter((l) => l.msg === 'yjs upgrade refused').length;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(hostilePaths, async ({ path, status, code, words }) => {
        sent += 1;
        const answer = await upgrade(server.url, path, chair);
        expect(answer.status, path).toBe(status);
        expect(answer.body, path).toEqual({ error: { code, message: expect.stringMatching(words) } });
      }),
      { numRuns: 150 },
    );
    expect(server.server.yjs.loadedRoomCount()).toBe(roomsBefore);
    const lines = logLines();
    // Each refusal is one info line with its status, never the hostile address; nothing at error level.
    const refused = lines.filter((l) => l.msg === 'yjs upgrade refused').slice(refusedBefore);
    expect(refused).toHaveLength(sent);
    expect(refused.every((l) => (l.status === 400 && l.code === 'bad_request') || (l.status === 404 && l.code === 'not_found'))).toBe(true);
    expect(server.log()).not.toContain('%00');
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    // Still serving: a real y-websocket client opens the meeting's document and syncs.
    const client = connectYClient(server.url, demoMeetingId, { headers: { cookie: chair } });
    await client.synced;
    client.destroy();
  });

  it('acks Socket.IO join and room commands holding NUL in their ids with validation_failed, changing nothing', async () => {
    const watcher = await connectRoom(server.url, chair);
    try {
      expect((await watcher.emit(roomEvents.join, { meetingId: demoMeetingId })).ok).toBe(true);
      const versionBefore = watcher.latest()?.version;
      const events = [
        { event: roomEvents.join, payload: (id: string) => ({ meetingId: id }) },
        { event: roomEvents.hand, payload: (id: string) => ({ meetingId: id, raised: true }) },
        { event: roomEvents.open, payload: (id: string) => ({ meetingId: id }) },
        { event: roomEvents.move, payload: (id: string, item: string) => ({ meetingId: id, itemId: item }), hasItem: true },
        { event: roomEvents.focus, payload: (id: string, item: string) => ({ meetingId: id, itemId: item }), hasItem: true },
        { event: roomEvents.end, payload: (id: string) => ({ meetingId: id }) },
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...events),
          fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}\u0000${b}`),
          fc.boolean(),
          async ({ event, payload, ...rest }, poisoned, inItem) => {
            // A connection per attempt: the point is the answer, not the per-connection rate limit.
            const room = await connectRoom(server.url, chair);
            try {
              await room.emit(roomEvents.join, { meetingId: demoMeetingId });
              // A move or focus with a NUL item id in the right meeting is refused by the schema too.
              const ack = await room.emit(event, inItem && 'hasItem' in rest ? payload(demoMeetingId, poisoned) : payload(poisoned, 'item1'));
              expect(ack).toEqual({ ok: false, error: { code: 'validation_failed', message: expect.any(String) } });
            } finally {
              room.close();
            }
          },
        ),
        { numRuns: 30 },
      );
      // Nothing changed: the room is as it was, and the watcher's socket still gets answers.
      const again = await watcher.emit(roomEvents.join, { meetingId: demoMeetingId });
      expect(again.ok).toBe(true);
      expect(watcher.latest()?.version).toBe(versionBefore);
    } finally {
      watcher.close();
    }
  });

  it('treats a session cookie, an invite token or a calendar-feed token holding NUL as no session / a bad address, on every door', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(fc.string({ unit: idChars, maxLength: 40 }), fc.string({ unit: idChars, maxLength: 40 })), async ([a, b]) => {
        // A cookie's value is percent-decoded: %00 becomes NUL in the token the server hashes and looks up.
        const cookie = `triage_session=${a}%00${b}`;
        expect((await fetch(`${server.url}/api/meetings`, { headers: { cookie } })).status).toBe(401);
        expect((await upgrade(server.url, `/yjs/${demoMeetingId}`, cookie)).status).toBe(401);
        const accept = await fetch(`${server.url}/api/invites/${a}%00${b}/accept`, { method: 'POST', headers: { cookie: chair, 'content-type': 'application/json' }, body: '{}' });
        expect(accept.status).toBe(400);
        expect((await accept.json()).error.code).toBe('bad_request');
        // The calendar feed: its token is the credential (no session), and a token holding NUL is no token.
        const feed = await fetch(`${server.url}/api/calendar/${a}%00${b}.ics`);
        expect(feed.status).toBe(400);
        expect((await feed.json()).error.code).toBe('bad_request');
      }),
      { numRuns: 20 },
    );
    const socket = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie: 'triage_session=abc%00def' }, reconnection: false, forceNew: true });
    const refused = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(refused.message).toBe('unauthorised');
    // Signing in with NUL in the email or password: a 422 naming the field, and no session.
    const signInNul = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: `${demoUsers.chair}\u0000`, password: 'x\u0000' }),
    });
    expect(signInNul.status).toBe(422);
    expect(Object.keys((await signInNul.json()).error.fields).sort()).toEqual(['email', 'password']);
    expect(signInNul.headers.get('set-cookie')).toBeNull();
    expect(logLines().filter((l) => l.level >= 50)).toEqual([]);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

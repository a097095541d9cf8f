/**
 * Issue 12, "Done means", first bullet (items 1 and 10): nothing a client sends stops the server.
 *
 * A real server process (`server/main.ts`, as `npm run dev` runs it) gets, from fixed fast-check seeds:
 *  - at least 5,000 hostile requests spread over EVERY REST route, read from the Express router (a new route is
 *    fuzzed without touching this file): hostile path parameters and percent-encoding, queries, Origin, Host, Cookie
 *    and other headers, and bodies; each case is hostile by construction (no session, a cross-site Origin, ids that
 *    do not exist, or a body that cannot parse), so every answer must be a 4xx in the error shape;
 *  - hostile Socket.IO traffic over long-polling (raw HTTP) and over WebSocket (a real client emitting junk to every
 *    event, and raw junk frames);
 *  - hostile upgrades and frames on both Yjs paths, /yjs/<id> and /yjs/<id>/restricted.
 * Throughout, a watching Yjs client keeps receiving a peer's edits; at the end it is the same process (same PID),
 * /healthz answers and the process logged no error.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import WS from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { limits } from '../../shared/limits.js';
import { errorCodes, yMessage } from '../../shared/protocol.js';
import { roomEvents, serverToClientEvents, type Ack } from '../../shared/room-protocol.js';
import { startTestServer, tempDir } from '../support/server.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';
import { closeCodeOf, openRawSocket } from '../support/raw-ws.js';
import { apiRoutes, closeAgent, inParallel, sendRaw, type ApiRoute, type RawRequest, type RawResponse } from '../support/hostile-http.js';

const restCases = 5000;
/**
 * Routes that answer without a session by design: the signed-out session check (200), signing out again (204) and
 * the site's public settings (200). A new public route fails this test until it is added here, on purpose.
 */
const answerSignedOut = new Set(['GET /api/session', 'DELETE /api/session', 'GET /api/config']);
const realIds = [demoMeetingId, 'demo-previous', 'series-repeat-removals', 'RR-2026-014'];

const ascii = fc.constantFrom(...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)));
const headerText = (maxLength: number) => fc.string({ unit: fc.constantFrom(...' \t!"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~é\u00ff'.split('')), maxLength });

/** A path parameter that names nothing real: bad percent-encoding, traversal, prototype names, huge, junk. */
const hostileParam = fc.oneof(
  fc.constantFrom('%E0%A4%A', '%ZZ', '%', '%00', '%2e%2e%2f%2e%2e%2fetc', '..', '__proto__', 'constructor', 'prototype', "'%20or%20'1'='1", '-1', '1e309', 'NaN', 'null', '%5B%5D', `${demoMeetingId}%00`, 'RR-2026-014%0d%0aX:1', '%C0%AF', '%uFFFF'),
  fc.string({ unit: ascii, minLength: 1, maxLength: 40 }).map((s) => s.replace(/[/?#]/g, '_')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }).map(encodeURIComponent),
  fc.integer({ min: 300, max: 5000 }).map((n) => 'x'.repeat(n)),
);
const realOrHostileParam = fc.oneof(fc.constantFrom(...realIds), hostileParam);
const hostileQuery = fc.option(
  fc.oneof(
    fc.constantFrom('?version=-1', '?version=%ZZ', '?version=1&version=2', '?agency=%E0&agency=x', '?state=__proto__', '?a[b][c]=1&a[__proto__][x]=1', '?%=%', '?format=exe', `?${'q=1&'.repeat(400)}`),
    fc.string({ unit: ascii, maxLength: 60 }).map((s) => `?${s.replace(/#/g, '')}`),
  ),
  { nil: '' },
);

const junkCookie = fc.oneof(
  fc.constantFrom('triage_session=', 'triage_session=%E0%A4%A', 'triage_session=%', '=; ;;', 'a=%; b', `triage_session=${'A'.repeat(43)}`, 'triage_session="quoted"', 'triage_session=a; triage_session=b'),
  headerText(200),
);
const hostileOrigin = fc.oneof(fc.constantFrom('null', 'NULL', 'http://evil.example', 'file://', 'https://127.0.0.1.evil.example', 'http://[', 'http://a@b'), headerText(60));
/** Headers that ride along on any case. */
const noiseHeaders = fc.record(
  {
    accept: fc.oneof(fc.constantFrom('*/*', 'application/json;q=abc', 'text/html, */*;q=0.0'), headerText(80)),
    'accept-encoding': headerText(40),
    'accept-language': headerText(40),
    'user-agent': headerText(200),
    'x-forwarded-for': fc.oneof(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1, garbage', 'unknown', '999.999.999.999'), headerText(100)),
    range: fc.constantFrom('bytes=0-0,-1', 'bytes=x', 'lines=1-2'),
    'if-none-match': headerText(40),
    host: fc.constantFrom('evil.example', 'localhost:99999', '[::1', 'a_b', 'x'.repeat(300)),
  },
  { requiredKeys: [] },
);

/** A body that cannot get past parsing: so even a real id with a real session reaches no handler. */
const unparsableBody = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', '\u0000', 'nul', '{"a":1}}', '["x"', `{"${'a'.repeat(50)}":`).map((body) => ({ contentType: 'application/json', body: Buffer.from(body) })),
  fc.string({ unit: ascii, minLength: 1, maxLength: 80 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }).map((body) => ({ contentType: 'application/json', body: Buffer.from(body) })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '').map((contentType) => ({ contentType, body: Buffer.from('{}') })),
  fc.constant({ contentType: 'application/json; charset=utf-99', body: Buffer.from('{}') }),
  fc.constant({ contentType: 'application/json', body: Buffer.from(`"${'a'.repeat(limits.jsonBodyBytes + 10)}"`) }),
  fc.constant({ contentType: 'application/json', body: Buffer.from('['.repeat(20000)) }),
  fc.constant({ contentType: 'application/json', encoding: 'gzip', body: Buffer.from('not gzip at all') }),
  fc.constant({ contentType: 'application/json', encoding: 'x-unknown', body: Buffer.from('{}') }),
  fc.constant({ contentType: 'application/json', encoding: 'gzip', body: zlib.gzipSync(Buffer.from('{"unclosed":')) }),
);
/** Any JSON at all, including prototype keys and wrong types: only sent where no real target or no session exists. */
const anyBody = fc.oneof(
  unparsableBody,
  fc.oneof(fc.json({ maxDepth: 4 }), fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"email":[],"password":{}}', '[]', '""', 'null', '1e999'))
    .map((body) => ({ contentType: 'application/json', body: Buffer.from(body) })),
);

type Kind = 'anonymous' | 'crossSite' | 'badParams' | 'badBody';
const isWrite = (route: ApiRoute) => route.method !== 'GET' && route.method !== 'HEAD';
const paramNames = (route: ApiRoute) => Array.from(route.path.matchAll(/:(\w+)/g), (m) => m[1]);

/** One hostile request for `route`, of a kind that route can be hostile in. */
function hostileCase(route: ApiRoute, cookies: string[]) {
  const kinds: Kind[] = ['anonymous'];
  if (isWrite(route)) kinds.push('crossSite', 'badBody');
  if (paramNames(route).length > 0) kinds.push('badParams');
  const names = paramNames(route);
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      hostile: fc.tuple(...names.map(() => hostileParam)),
      realish: fc.tuple(...names.map(() => realOrHostileParam)),
      query: hostileQuery,
      noise: noiseHeaders,
      junk: junkCookie,
      cookie: fc.constantFrom(...cookies),
      cookieShape: fc.constantFrom('plain', 'afterJunk', 'twoHeaders'),
      origin: hostileOrigin,
      unparsable: unparsableBody,
      anyBody,
    })
    .map((c): { kind: Kind; request: RawRequest } => {
      const params = c.kind === 'badParams' || c.kind === 'anonymous' ? c.hostile : c.realish;
      let i = 0;
      const filled = route.path.replace(/:(\w+)/g, () => String(params[i++]));
      const headers: Record<string, string | string[]> = { ...c.noise };
      const session = c.cookieShape === 'plain' ? c.cookie : c.cookieShape === 'afterJunk' ? `${c.junk}; ${c.cookie}` : [c.junk, c.cookie];
      headers.cookie = c.kind === 'anonymous' ? c.junk : session;
      let body = c.kind === 'badBody' ? c.unparsable : isWrite(route) ? c.anyBody : null;
      if (c.kind === 'crossSite') {
        headers.origin = c.origin;
        // A Host naming the Origin's own site is not cross-site (and no browser sends our cookie to another host).
        delete headers.host;
      }
      if (body) {
        headers['content-type'] = body.contentType;
        const contentEncoding = (body as { encoding?: string }).encoding;
        if (contentEncoding) headers['content-encoding'] = contentEncoding;
        headers['content-length'] = String(body.body.length);
      } else body = null;
      if (headers['content-type'] === '') delete headers['content-type'];
      return { kind: c.kind, request: { method: route.method, path: filled + c.query, headers, ...(body ? { body: body.body } : {}) } };
    });
}

const isErrorShape = (res: RawResponse): boolean => {
  if (!res.contentType.includes('application/json')) return false;
  try {
    const parsed = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
    return (errorCodes as readonly unknown[]).includes(parsed.error?.code) && typeof parsed.error?.message === 'string' && parsed.error.message.length > 0;
  } catch {
    return false;
  }
};

const yFrame = (type: number, write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};

describe('hostile input at every door of a real server process', () => {
  const dir = tempDir();
  let server: ServerProcess;
  let url: string;
  let pid: number;
  let routes: ApiRoute[];
  const cookies: Record<'member' | 'chair' | 'watcher', string> = { member: '', chair: '', watcher: '' };
  let watcher: YClient;
  let peer: YClient;
  let edits = 0;

  /** The peer edits; the watcher must receive it. Called between and during every phase. */
  const watcherStillReceives = async () => {
    const title = `Peer edit ${++edits}`;
    addAgendaItem(peer.doc, { kind: 'case-review', title, caseRef: `RR-2026-${String(800 + edits).padStart(3, '0')}` });
    await waitForDoc(watcher.doc, (d) => readAgenda(d).some((i) => i.title === title));
  };

  beforeAll(async () => {
    // The routes, from a throwaway in-process build of the same app.
    const local = await startTestServer();
    routes = apiRoutes(local.server.app);
    await local.cleanup();

    server = spawnServer({ PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: path.join(dir, 'triage.db'), LOG_LEVEL: 'warn' });
    url = await server.ready;
    pid = server.child.pid!;
    cookies.member = await signIn(url, demoUsers.member);
    cookies.chair = await signIn(url, demoUsers.chair);
    cookies.watcher = await signIn(url, demoUsers.coordinator);
    watcher = connectYClient(url, demoMeetingId, { headers: { cookie: cookies.watcher } });
    peer = connectYClient(url, demoMeetingId, { headers: { cookie: cookies.chair } });
    await Promise.all([watcher.synced, peer.synced]);
    await watcherStillReceives();
  });
  afterAll(async () => {
    watcher?.destroy();
    peer?.destroy();
    closeAgent();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${restCases.toLocaleString('en-GB')} hostile requests across every REST route with a 4xx in the error shape`, async () => {
    expect(routes.length).toBeGreaterThan(20);
    const perRoute = Math.ceil(restCases / routes.length);
    const cases = routes.flatMap((route, r) =>
      fc.sample(hostileCase(route, [cookies.member, cookies.chair]), { numRuns: perRoute, seed: 20261130 + r }).map((c) => ({ route, ...c })),
    );
    expect(cases.length).toBeGreaterThanOrEqual(restCases);
    const failures: string[] = [];
    const kinds = new Map<Kind, number>();
    const routesHit = new Set<string>();
    for (let start = 0; start < cases.length; start += 500) {
      await inParallel(cases.slice(start, start + 500), 24, async ({ route, kind, request }) => {
        const key = `${route.method} ${route.path}`;
        routesHit.add(key);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const res = await sendRaw(url, request);
        const fine = answerSignedOut.has(key) && kind === 'anonymous' ? res.status < 500 : res.status >= 400 && res.status < 500 && isErrorShape(res);
        if (!fine && failures.length < 20) failures.push(`${kind} ${request.method} ${request.path.slice(0, 120)} → ${res.status} ${res.body.slice(0, 160)}`);
      });
      await watcherStillReceives();
    }
    expect(failures).toEqual([]);
    expect(routesHit.size).toBe(routes.length);
    for (const kind of ['anonymous', 'crossSite', 'badParams', 'badBody'] as const) expect(kinds.get(kind) ?? 0).toBeGreaterThan(200);
  }, 120_000); // ~20 s on an idle 2-core machine; room for a loaded one

  it('refuses hostile Socket.IO long-polling with a 4xx and survives junk packets', async () => {
    const handshake = await sendRaw(url, { method: 'GET', path: '/socket.io/?EIO=4&transport=polling', headers: { cookie: cookies.member } });
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
      const headers: Record<string, string> = { cookie: cookies.member, ...(c.origin ? { origin: c.origin } : {}) };
      const res = await sendRaw(url, c.body ? { method: 'POST', path: `/socket.io/${query}`, headers: { ...headers, 'content-type': 'text/plain' }, body: c.body } : { method: 'GET', path: `/socket.io/${query}`, headers });
      if (res.status < 400 || res.status >= 500) failures.push(`${query} origin=${c.origin} → ${res.status} ${res.body.slice(0, 100)}`);
    });
    expect(failures).toEqual([]);
    // Junk packets on a real session: answered without a 5xx, and the server carries on.
    const junk = fc.sample(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('4', '40', '42["room:join"', '42[]', `42${'['.repeat(5000)}`, '\u001e\u001e', 'b' + 'x'.repeat(1000))), { numRuns: 100, seed: 42 });
    for (const body of junk) {
      const res = await sendRaw(url, { method: 'POST', path: `/socket.io/?EIO=4&transport=polling&sid=${sid}`, headers: { cookie: cookies.member, 'content-type': 'text/plain;charset=UTF-8' }, body });
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
    }
    await watcherStillReceives();
  });

  it('answers junk sent to every Socket.IO event over WebSocket with an error ack, and survives raw junk frames', async () => {
    // Every event a client may send (the rest are server → client only), and names the server does not know.
    const events = [...Object.values(roomEvents).filter((e) => !serverToClientEvents.includes(e)), 'no-such-event', '__proto__', 'constructor'];
    const payloads = fc.sample(fc.anything({ maxDepth: 3, withBigInt: false, withNullPrototype: true }), { numRuns: 600, seed: 7 });
    const failures: string[] = [];
    // Sockets of 30 events each stay inside the per-socket rate limit, so the payloads reach validation.
    for (let start = 0; start < payloads.length; start += 30) {
      const socket: Socket = ioClient(url, { transports: ['websocket'], extraHeaders: { cookie: cookies.member }, reconnection: false, forceNew: true });
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
    const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const frames = fc.sample(fc.oneof(fc.string({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), fc.constantFrom('4', '42', '42["room:join",{"meetingId":"%ZZ"}', '2probe', '5', '6', '1')), { numRuns: 150, seed: 43 });
    await inParallel(frames, 16, async (frame) => {
      const ws = await openRawSocket(wsUrl, { cookie: cookies.member });
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
    await watcherStillReceives();
  });

  it('refuses hostile upgrades and closes on hostile frames, on /yjs/<id> and /yjs/<id>/restricted', async () => {
    const wsBase = url.replace(/^http/, 'ws');
    // Upgrades that must be refused: no or junk session, cross-site Origin, unknown or malformed paths, a member on the restricted notes.
    const upgrades = fc.sample(
      fc.record({
        doc: fc.constantFrom('', '/restricted'),
        path: fc.oneof(fc.constant(demoMeetingId), hostileParam.map((p) => p.slice(0, 200))),
        cookie: fc.oneof(junkCookie, fc.constant(cookies.member)),
        origin: fc.option(hostileOrigin.filter((o) => o.trim() !== ''), { nil: undefined }),
      }).filter((u) => !(u.path === demoMeetingId && u.cookie === cookies.member && u.origin === undefined && u.doc === '')),
      { numRuns: 300, seed: 44 },
    );
    const refusals: number[] = [];
    await inParallel(upgrades, 16, async (u) => {
      const status = await openRawSocket(`${wsBase}/yjs/${u.path}${u.doc}`, { cookie: u.cookie, ...(u.origin ? { origin: u.origin } : {}) }).then(
        (ws) => {
          ws.terminate();
          return 101;
        },
        (err: { status?: number }) => err.status ?? 0,
      );
      refusals.push(status);
    });
    expect(refusals.filter((s) => s < 400 || s >= 500)).toEqual([]);

    // Hostile frames on accepted connections: the member on the shared document, the chair on the restricted notes.
    const known = [yFrame(yMessage.sync, (e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(watcher.doc))), yFrame(yMessage.sync, (e) => syncProtocol.writeSyncStep1(e, watcher.doc))];
    const frames = fc.sample(
      fc.oneof(
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((junk) => Uint8Array.from([0, 2, ...junk])),
        fc.uint8Array({ minLength: 0, maxLength: 512 }).map((junk) => Uint8Array.from([1, ...junk])),
        fc.tuple(fc.constantFrom(...known), fc.nat()).map(([f, n]) => f.slice(0, n % f.length)),
        fc.tuple(fc.constantFrom(0, 1, 3), fc.integer({ min: 4, max: 2 ** 31 })).map(([t, len]) => yFrame(t, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, len)))),
        fc.nat(1000).map((t) => yFrame(t + 4, () => undefined)),
      ),
      { numRuns: 400, seed: 20261124 },
    );
    const badCloses: string[] = [];
    for (const [doc, cookie] of [['', cookies.member], ['/restricted', cookies.chair]] as const) {
      const at = `${wsBase}/yjs/${demoMeetingId}${doc}`;
      await inParallel(frames.slice(doc === '' ? 0 : 200, doc === '' ? 200 : 400), 16, async (bytes) => {
        const ws = await openRawSocket(at, { cookie });
        // After the junk, a query for presence: the reply (type 1) shows the socket lived through it; or it closes.
        const outcome = new Promise<{ code: number } | 'alive'>((resolve) => {
          ws.on('message', (data: Buffer) => {
            if (data.length > 0 && decoding.readVarUint(decoding.createDecoder(new Uint8Array(data))) === yMessage.awareness) resolve('alive');
          });
          ws.once('close', (code) => resolve({ code }));
        });
        ws.send(bytes);
        if (ws.readyState === WS.OPEN) ws.send(Uint8Array.from([yMessage.queryAwareness]));
        const result = await outcome;
        if (result !== 'alive' && !(result.code >= 4400 && result.code < 4500) && ![1002, 1007, 1009].includes(result.code)) badCloses.push(`${doc} closed with ${result.code}`);
        ws.terminate();
      });
      await watcherStillReceives();
    }
    expect(badCloses).toEqual([]);
    const big = await openRawSocket(`${wsBase}/yjs/${demoMeetingId}`, { cookie: cookies.member });
    const bigClosed = closeCodeOf(big);
    big.send(new Uint8Array(limits.yjsMaxPayload + 1));
    expect((await bigClosed).code).toBe(1009);
  });

  it('is still the same process: healthy, the watcher connected, nothing logged at error level', async () => {
    await watcherStillReceives();
    expect(watcher.provider.wsconnected).toBe(true);
    expect(server.child.pid).toBe(pid);
    expect(server.child.exitCode).toBeNull();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'reachable' });
    const errorLines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.level >= 50);
    expect(errorLines).toEqual([]);
  });
});

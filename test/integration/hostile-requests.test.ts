/**
 * Issue 12, item 1 (and the Origin / empty-body part of item 10): nothing a client sends stops the server.
 * One origin check for the three doors; odd URLs are a 400 in the error shape, not a 500 and an error log line.
 */
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io as ioClient } from 'socket.io-client';
import { demoMeetingId } from '../../server/seed/demo.js';
import { checkOrigin } from '../../server/http/origin.js';
import { serverEngines, startTestServer, tempDir, type TestServer } from '../support/server.js';
import { spawnServer } from '../support/process.js';
import { demoUsers, signIn } from '../support/session.js';
import { openRawSocket } from '../support/raw-ws.js';

/** Sends raw bytes and resolves with the status code of the answer (or 'closed' if the server just hung up). */
function rawRequest(url: string, request: string): Promise<number | 'closed'> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve(match ? Number(match[1]) : 'closed');
    });
    socket.setTimeout(5000, () => socket.destroy());
  });
}

const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

describe('the origin check (one module for REST, Socket.IO and Yjs)', () => {
  it('refuses Origin: null, junk and other sites; allows its own origin and no origin; never throws', () => {
    const host = 'triage.example:3000';
    expect(checkOrigin({ host })).toEqual({ ok: true });
    expect(checkOrigin({ host, origin: 'http://triage.example:3000' })).toEqual({ ok: true });
    expect(checkOrigin({ host: 'triage.example', origin: 'https://TRIAGE.example:443' })).toEqual({ ok: true });
    for (const origin of ['null', 'NULL', '', 'http://evil.example', 'http://triage.example:3000/path', 'file://', 'http://a@triage.example:3000', 'http://[', 'http://triage.example:3000, http://evil.example']) {
      expect(checkOrigin({ host, origin }).ok, origin).toBe(false);
    }
    expect(checkOrigin({ origin: 'http://triage.example:3000' }).ok).toBe(false); // no Host to compare with
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 300 })), fc.option(fc.string({ maxLength: 300 })), (origin, hostHeader) => {
        const verdict = checkOrigin({ ...(origin === null ? {} : { origin }), ...(hostHeader === null ? {} : { host: hostHeader }) });
        // Total, and only a present origin that names the host passes.
        if (origin !== null && verdict.ok) expect(hostHeader).not.toBeNull();
        if (origin === 'null') expect(verdict.ok).toBe(false);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});

describe.each(serverEngines)('hostile headers and URLs against the real server on $name', ({ engine }) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({ captureLog: 'info', engine });
    cookie = await signIn(server.url, demoUsers.chair);
  });
  afterAll(async () => server.cleanup());
  const wsUrl = (p: string) => server.url.replace(/^http/, 'ws') + p;

  it('refuses Origin: null on Socket.IO (polling and WebSocket) with 403, and keeps serving', async () => {
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'null' } });
    expect(polling.status).toBe(403);
    expect((await polling.json()).message).toMatch(/Origin: null/);
    const evil = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBe(403);
    // engine.io refuses every upgrade it does not allow with HTTP 400 (its fixed status for a refused upgrade).
    await expect(openRawSocket(wsUrl('/socket.io/?EIO=4&transport=websocket'), { origin: 'null', cookie })).rejects.toMatchObject({ status: 400 });
    // Its own origin still connects.
    const socket = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie, origin: server.url }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.close();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses Origin: null and foreign origins on both Yjs paths with HTTP 403', async () => {
    for (const doc of ['', '/restricted']) {
      for (const origin of ['null', 'http://evil.example', 'not a url']) {
        const refused = await openRawSocket(wsUrl(`/yjs/${demoMeetingId}${doc}`), { cookie, origin }).then(
          () => null,
          (err: { status?: number }) => err.status,
        );
        expect(refused, `${doc} ${origin}`).toBe(403);
      }
    }
    const ws = await openRawSocket(wsUrl(`/yjs/${demoMeetingId}`), { cookie, origin: server.url });
    ws.close();
  });

  it('refuses REST writes with Origin: null (403) and empty or non-JSON bodies (400); nothing is stored', async () => {
    const agenciesBefore = await (await fetch(`${server.url}/api/admin/agencies`, { headers: { cookie: await signIn(server.url, demoUsers.admin) } })).json();
    const post = (headers: Record<string, string>, body?: string) =>
      fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie, ...headers }, ...(body === undefined ? {} : { body }) });
    const nullOrigin = await fetch(`${server.url}/api/admin/agencies`, {
      method: 'POST',
      headers: { cookie, origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'From a sandboxed frame', shortName: 'SF' }),
    });
    expect(nullOrigin.status).toBe(403);
    expect(await nullOrigin.json()).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/Origin: null/) } });
    // An empty POST is what a cross-site `<form method=post enctype=text/plain>` sends: it must say it is JSON.
    for (const headers of [{}, { 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }] as Record<string, string>[]) {
      const empty = await fetch(`${server.url}/api/meetings/${demoMeetingId}/invites`, { method: 'POST', headers: { cookie, ...headers } });
      expect(empty.status, JSON.stringify(headers)).toBe(400);
      expect(await empty.json()).toEqual(errorShape);
    }
    // A chunked text body (no Content-Length at all) is a body too.
    const chunked = await rawRequest(
      server.url,
      `POST /api/meetings/${demoMeetingId}/invites HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    );
    expect(chunked).toBe(400);
    // A DELETE with a non-JSON body is refused; with no body it is fine.
    expect((await post({ 'content-type': 'text/plain' }, 'x')).status).toBe(400);
    const agenciesAfter = await (await fetch(`${server.url}/api/admin/agencies`, { headers: { cookie: await signIn(server.url, demoUsers.admin) } })).json();
    expect(agenciesAfter).toEqual(agenciesBefore);
  });

  it('refuses text holding the NUL character on every route, naming each field; nothing is stored', async () => {
    const admin = { cookie: await signIn(server.url, demoUsers.admin), 'content-type': 'application/json' };
    const agencies = async () => (await fetch(`${server.url}/api/admin/agencies`, { headers: { cookie: admin.cookie } })).json();
    const before = await agencies();
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.boolean(), async (head, tail, inKey) => {
        const poisoned = `${head}\u0000${tail}`;
        const body = inKey ? { name: 'Agency', shortName: 'AG', [poisoned]: 1 } : { name: poisoned, shortName: 'AG', extra: { list: ['fine', poisoned] } };
        const res = await fetch(`${server.url}/api/admin/agencies`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
        expect(res.status).toBe(422);
        const { error } = await res.json();
        expect(error.code).toBe('validation_failed');
        expect(error.message).toMatch(/NUL character/);
        if (!inKey) expect(Object.keys(error.fields).sort()).toEqual(['extra.list.1', 'name']);
        else expect(Object.keys(error.fields)).toHaveLength(1);
      }),
      { numRuns: 25 },
    );
    // In Welsh too, and the same text without the NUL is taken.
    const welsh = await fetch(`${server.url}/api/admin/agencies`, { method: 'POST', headers: { ...admin, 'accept-language': 'cy' }, body: JSON.stringify({ name: 'A\u0000', shortName: 'A' }) });
    expect((await welsh.json()).error.fields.name).toMatch(/Tynnwch y nod NUL/);
    expect(await agencies()).toEqual(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers odd URLs with 400 in the error shape and logs no error', async () => {
    for (const p of ['/api/meetings/%E0%A4%A', '/api/%ZZ/x', '/api/meetings/%ZZ/minutes', '/api/series/%/actions', `/api/meetings/${demoMeetingId}/minutes.%FF`]) {
      const res = await fetch(server.url + p, { headers: { cookie } });
      expect([400, 404], p).toContain(res.status);
      expect(await res.json(), p).toEqual(errorShape);
    }
    // NUL in an id or a filter: no record can have it, and PostgreSQL cannot even compare text with it; refused
    // at the door on both engines rather than a 500 on one of them.
    for (const p of [`/api/meetings/${demoMeetingId}%00`, `/api/meetings/${demoMeetingId}/invites/x%00`, '/api/series/x%00', '/api/cases/RR%00', '/api/actions?state=%00']) {
      const res = await fetch(server.url + p, { method: p.includes('/invites/') ? 'DELETE' : 'GET', headers: { cookie } });
      expect(res.status, p).toBe(400);
      expect((await res.json()).error, p).toEqual({ code: 'bad_request', message: expect.stringMatching(/NUL character/) });
    }
    const bad = await fetch(`${server.url}/api/meetings/%E0%A4%A`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    const lines = server.log().trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(lines.some((l) => l.msg === 'request')).toBe(true); // the log was captured at all
  });

  it('survives request lines, Host and Cookie headers no browser would send', async () => {
    // `new URL('//', base)` throws: this request line used to be thrown out of the upgrade listener.
    for (const target of ['//', '//yjs/x', '/yjs/%', '/yjs//restricted', '*']) {
      const status = await rawRequest(server.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
      expect([400, 404], target).toContain(status);
    }
    // No Host at all (HTTP/1.0), two Hosts, a junk Host with an Origin.
    expect(await rawRequest(server.url, 'GET /api/meetings HTTP/1.0\r\n\r\n')).toBe(401);
    expect(await rawRequest(server.url, `POST /api/session HTTP/1.0\r\nOrigin: ${server.url}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`)).toBe(403);
    // Node keeps the first of two Host headers (so the origin check compares with one value).
    expect(await rawRequest(server.url, 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n')).toBe(200);
    expect(
      await rawRequest(server.url, `POST /api/session HTTP/1.1\r\nHost: a b\r\nOrigin: http://a b\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`),
    ).toBe(403);
    // Cookies: a valid session cookie after junk and duplicates still identifies; junk alone does not; no crash.
    const session = (c: string) => fetch(`${server.url}/api/meetings`, { headers: { cookie: c } }).then((r) => r.status);
    expect(await session(`a=%; b; =; ;;${cookie}; triage_session=second`)).toBe(200);
    expect(await session('triage_session=%E0%A4%A')).toBe(401);
    expect(await session(`triage_session=${'x'.repeat(4000)}`)).toBe(401);
    // A header block past Node's limit is answered 431 by Node itself.
    expect(await rawRequest(server.url, `GET /api/session HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`)).toBe(431);
    // Socket.IO with junk cookies: refused, not thrown.
    const socket = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie: 'triage_session=%; =%' }, reconnection: false, forceNew: true });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthorised');
    socket.close();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('the server process', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stays up (same process) after the issue’s `Origin: null` Socket.IO request', async () => {
    const p = spawnServer({ PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: path.join(dir, 'triage.db') });
    try {
      const url = await p.ready;
      const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'null' } });
      expect(res.status).toBe(403);
      expect(await rawRequest(url, 'GET // HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n')).toBe(404);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(p.child.exitCode).toBeNull();
      expect(p.output()).not.toMatch(/Invalid URL|uncaught/i);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
    }
  });
});

/**
 * Issue 12, item 7: secrets never reach the log. The server's real logger writes to a captured stream; after a run
 * that uses an invite link, signs in, sends cookies and passwords through every door, the log is grepped for them.
 * On both engines (issue 17); on PostgreSQL the URL in TRIAGE_DATABASE_URL carries a password, which must not appear
 * in any log line either: not while serving, not when PostgreSQL goes away and comes back, not when a start fails.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { demoPassword } from '../../server/seed/demo-data.js';
import { loggablePath } from '../../server/http/request-log.js';
import { createLogger } from '../../server/logger.js';
import { createTestDatabase } from '../support/engines.js';
import { startPgProxy, type PgProxy } from '../support/pg-proxy.js';
import { processHarness } from '../support/process.js';
import { serverEngines, startTestServer, type ServerEngine, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectRoom } from '../support/room-client.js';
import { connectYClient } from '../support/yjs-client.js';
import { Writable } from 'node:stream';
import { roomEvents } from '../../shared/room-protocol.js';

/** A password only this run knows, put into a PostgreSQL URL (the test cluster trusts local connections, so it is accepted). */
const databasePassword = `pg-pw-${randomBytes(12).toString('hex')}`;
function withPassword(url: string): string {
  const u = new URL(url);
  u.username = 'postgres';
  u.password = databasePassword;
  return u.toString();
}

/**
 * The server on `engine`; on PostgreSQL through a proxy the test can cut (PostgreSQL really away), with the password
 * in the URL the server is given.
 */
async function serverOn(engine: ServerEngine): Promise<{ server: TestServer; proxy: PgProxy | null }> {
  if (engine === 'sqlite') return { server: await startTestServer({ captureLog: 'trace' }), proxy: null };
  const database = await createTestDatabase({ migrated: true });
  const proxy = await startPgProxy(database.url);
  const server = await startTestServer({ database: { ...database, url: withPassword(proxy.url) }, captureLog: 'trace' });
  return { server, proxy };
}

describe.each(serverEngines)('secrets in the log on $name', ({ engine }) => {
  let server: TestServer;
  let proxy: PgProxy | null;
  beforeAll(async () => {
    ({ server, proxy } = await serverOn(engine));
  });
  afterAll(async () => {
    await server.cleanup();
    await proxy?.close();
  });

  it('never writes invite tokens, session cookies or passwords, on any door', async () => {
    const chair = await signIn(server.url, demoUsers.chair);
    const sessionToken = chair.split('=')[1];
    const created = await fetch(
      `${server.url}/api/meetings/${demoMeetingId}/invites`,
      withCookie(chair, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'member' }) }),
    );
    expect(created.status).toBe(201);
    const invitePath = ((await created.json()) as { invite: { path: string } }).invite.path;
    const inviteToken = invitePath.split('/').pop()!;
    expect(inviteToken.length).toBeGreaterThan(30);

    // The page a guest opens, then the accept call, then a wrong-method and a query-string variant.
    expect((await fetch(`${server.url}${invitePath}`)).status).toBe(200);
    expect((await fetch(`${server.url}${invitePath}?again=${inviteToken}`)).status).toBe(200);
    const guest = await signIn(server.url, demoUsers.member2);
    const accepted = await fetch(`${server.url}/api/invites/${inviteToken}/accept`, withCookie(guest, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(accepted.status).toBe(200);
    expect((await fetch(`${server.url}/api/invites/${inviteToken}/accept`, withCookie(guest))).status).toBe(404);
    expect((await fetch(`${server.url}//invite//${inviteToken}`)).status).toBeLessThan(500);

    // A wrong password (logged as a failed sign-in), a bad JSON body with a password in it, and a real sign-in.
    const wrong = 'wrong-but-secret-password-0451';
    expect((await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoUsers.observer, password: wrong }) })).status).toBe(401);
    expect((await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"password":"${wrong}"` })).status).toBe(400);

    // Socket.IO and Yjs with the cookie.
    const room = await connectRoom(server.url, chair);
    await room.emit(roomEvents.join, { meetingId: demoMeetingId });
    room.close();
    const y = connectYClient(server.url, demoMeetingId, { headers: { cookie: chair } });
    await y.synced;
    y.destroy();

    const log = server.log();
    expect(log).toContain('"msg":"request"'); // the request log really was captured
    expect(log).toContain('/api/invites/[redacted]/accept');
    expect(log).toContain('/invite/[redacted]');
    for (const secret of [inviteToken, sessionToken, demoPassword, wrong, databasePassword]) expect(log).not.toContain(secret);
    expect(log).not.toContain(demoUsers.chair); // emails are personal fields
  });
});

describe('the PostgreSQL password in the log', () => {
  let server: TestServer;
  let proxy: PgProxy;
  beforeAll(async () => {
    ({ server, proxy } = (await serverOn('postgres')) as { server: TestServer; proxy: PgProxy });
  });
  afterAll(async () => {
    await server.cleanup();
    await proxy.close();
  });

  it('never writes the PostgreSQL password, while PostgreSQL is away and once it is back', async () => {
    const chair = await signIn(server.url, demoUsers.chair);
    const before = server.log().length;
    proxy.cut();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/api/meetings/${demoMeetingId}/cases`, withCookie(chair))).status).toBe(503);
    proxy.open();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/meetings/${demoMeetingId}/cases`, withCookie(chair))).status).toBe(200);
    const during = server.log().slice(before);
    // Not vacuous: the outage was logged (a warning or an error line), and still no password.
    expect(during).toMatch(/"level":(40|50)/);
    expect(server.log()).not.toContain(databasePassword);
  });
});

describe('secrets in the log, whatever the engine', () => {
  const { start } = processHarness({ compiled: true });

  it('a server that cannot reach PostgreSQL at start says so without the password in its URL', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const p = start({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', TRIAGE_DATABASE_URL: `postgres://triage:${databasePassword}@127.0.0.1:${port}/triage` });
    expect((await p.exited).code).toBe(1);
    expect(p.output()).toMatch(/PostgreSQL/);
    expect(p.output()).not.toContain(databasePassword);
  });

  it('redacts token-like path segments and caps the logged path', () => {
    expect(loggablePath('/invite/abc?x=1')).toBe('/invite/[redacted]');
    expect(loggablePath('/api/INVITES/abc/accept#f')).toBe('/api/INVITES/[redacted]/accept');
    expect(loggablePath('//invite//abc/def')).toBe('//invite//[redacted]/[redacted]');
    expect(loggablePath(`/api/things/${'A'.repeat(43)}`)).toBe('/api/things/[redacted]');
    expect(loggablePath(`/api/meetings/abcdefghijkl`)).toBe('/api/meetings/abcdefghijkl');
    expect(loggablePath(`/${'a/'.repeat(500)}`).length).toBeLessThanOrEqual(201);
  });

  it('pino removes secret fields a caller passes by mistake', () => {
    let out = '';
    const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => ((out += chunk.toString()), done()) }));
    logger.info({ token: 'tok-1', cookie: 'c-1', req: { headers: { cookie: 'c-2', authorization: 'Bearer a-1' } }, body: { password: 'p-1', email: 'e@x.test' } }, 'oops');
    for (const secret of ['tok-1', 'c-1', 'c-2', 'a-1', 'p-1', 'e@x.test']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});

/**
 * Issue 12, item 7: secrets never reach the log. The server's real logger writes to a captured stream; after a run
 * that uses an invite link, signs in, sends cookies and passwords through every door, the log is grepped for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { demoPassword } from '../../server/seed/demo-data.js';
import { loggablePath } from '../../server/http/request-log.js';
import { createLogger } from '../../server/logger.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { connectRoom } from '../support/room-client.js';
import { connectYClient } from '../support/yjs-client.js';
import { Writable } from 'node:stream';
import { roomEvents } from '../../shared/room-protocol.js';

describe('secrets in the log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ captureLog: 'trace' });
  });
  afterAll(async () => server.cleanup());

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
    for (const secret of [inviteToken, sessionToken, demoPassword, wrong]) expect(log).not.toContain(secret);
    expect(log).not.toContain(demoUsers.chair); // emails are personal fields
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCodes } from '../../shared/protocol.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { connectYClient } from '../support/yjs-client.js';
import { closeCodeOf, openRawSocket } from '../support/raw-ws.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';

/** On each engine (SQLite file, PostgreSQL): "changes nothing" is read back from what that engine stored. */
describe.each(serverEngines)('bad input is refused clearly and changes nothing, on $name', ({ engine }) => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({ engine });
    cookie = await signIn(server.url, demoUsers.member);
  });
  afterAll(async () => server.cleanup());

  const wsUrl = (path: string) => server.url.replace(/^http/, 'ws') + path;
  /** The shared document as the server's engine stored it (snapshot + update log), not as the live room holds it. */
  const storedDoc = async () => {
    const { snapshot, updates } = await server.server.storage.stores.meetingDocs.load(demoMeetingId, 'shared');
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const u of updates) Y.applyUpdate(doc, u);
    return doc;
  };

  it('reports the database reachable on /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'reachable' });
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await fetch(`${server.url}/api/meetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'bad_request', message: 'Request body is not valid JSON' } });
  });

  it('answers unknown API routes and meetings with 404 in the error shape', async () => {
    const route = await fetch(`${server.url}/api/no-such-thing`, withCookie(cookie));
    expect(route.status).toBe(404);
    expect((await route.json()).error.code).toBe('not_found');
    const meeting = await fetch(`${server.url}/api/meetings/no-such-meeting`, withCookie(cookie));
    expect(meeting.status).toBe(404);
    expect(await meeting.json()).toEqual({ error: { code: 'not_found', message: 'No such meeting' } });
  });

  it('serves the client for app routes (SPA fallback) but not for unknown API paths', async () => {
    const page = await fetch(`${server.url}/meetings/${demoMeetingId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('refuses a Yjs upgrade for an unknown meeting with HTTP 404', async () => {
    await expect(openRawSocket(wsUrl('/yjs/no-such-meeting'), { cookie })).rejects.toMatchObject({ status: 404 });
    await expect(openRawSocket(wsUrl('/yjs/bad%20id!'))).rejects.toMatchObject({ status: 404 });
    await expect(openRawSocket(wsUrl('/elsewhere'))).rejects.toMatchObject({ status: 404 });
  });

  it('closes a connection that sends a malformed frame with 4400; the room and stored document are untouched', async () => {
    const watcher = connectYClient(server.url, demoMeetingId, { headers: { cookie } });
    await watcher.synced;
    const before = Y.encodeStateAsUpdate(watcher.doc);
    const storedBefore = Y.encodeStateAsUpdate(await storedDoc());

    const frames = [
      Uint8Array.from([0, 2, 50, 1, 2, 3]), // sync update with a length past the end
      Uint8Array.from([0, 9]), // unknown sync message type
      Uint8Array.from([42]), // unknown message type
      Uint8Array.from([0, 2, 5, 255, 255, 255, 255, 255]), // an "update" of junk bytes
    ];
    for (const frame of frames) {
      const ws = await openRawSocket(wsUrl(`/yjs/${demoMeetingId}`), { cookie });
      const closed = closeCodeOf(ws);
      ws.send(frame);
      expect((await closed).code).toBe(closeCodes.malformedMessage);
    }

    const text = await openRawSocket(wsUrl(`/yjs/${demoMeetingId}`), { cookie });
    const textClosed = closeCodeOf(text);
    text.send('not binary');
    expect((await textClosed).code).toBe(closeCodes.malformedMessage);

    // The watcher is still connected and a fresh client sees exactly the same document.
    expect(watcher.provider.wsconnected).toBe(true);
    const fresh = connectYClient(server.url, demoMeetingId, { headers: { cookie } });
    await fresh.synced;
    expect(readAgenda(fresh.doc)).toEqual(readAgenda(watcher.doc));
    const original = new Y.Doc();
    Y.applyUpdate(original, before);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(original));
    expect(Y.encodeStateAsUpdate(await storedDoc())).toEqual(storedBefore);
    fresh.destroy();
    watcher.destroy();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

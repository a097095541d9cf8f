/**
 * The meeting document through the real server on each engine: real y-websocket clients edit, each edit is in the
 * engine's log when its writer hears "saved" and reaches the others; a restart folds the log into a
 * snapshot in that engine and a fresh server serves the same document from it. Several clients connecting at once
 * to a document not yet loaded share one load and all converge. PostgreSQL cut away under a running server (a proxy
 * between them): nothing acknowledged or broadcast, the editor told, everything saved and delivered once it is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { startTestServer, serverEngines, type TestServer } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { createTestDatabase } from '../support/engines.js';
import { startPgProxy } from '../support/pg-proxy.js';
import { storedRow } from '../support/stored.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';

describe.each(serverEngines)('meeting documents through the server on $name', ({ engine }) => {
  const servers: TestServer[] = [];
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0).reverse()) await s.cleanup();
  });
  const connect = async (server: TestServer, who: keyof typeof demoUsers) => {
    const client = connectYClient(server.url, demoMeetingId, { headers: { cookie: await signIn(server.url, demoUsers[who]) } });
    clients.push(client);
    return client;
  };
  const logRows = async (server: TestServer) => Number((await storedRow(server, "select count(*) as n from meeting_updates where meeting_id = ? and doc = 'shared'", demoMeetingId))!.n);

  it('stores each edit in the engine by the time its writer hears saved, and serves it again after a restart', async () => {
    const first = await startTestServer({ engine });
    servers.push(first);
    // Four clients at once on a document nobody has loaded yet: one load, everyone synced on the same document.
    const [chair, member, ...others] = await Promise.all([connect(first, 'chair'), connect(first, 'member'), connect(first, 'member'), connect(first, 'chair')]);
    await Promise.all([chair, member, ...others].map((c) => c.synced));
    expect(first.server.yjs.loadedRoomCount()).toBe(1);
    const before = readAgenda(chair.doc).length;
    expect(before).toBeGreaterThan(0);
    for (const c of [member, ...others]) expect(readAgenda(c.doc)).toEqual(readAgenda(chair.doc));

    // "Saved" means in the engine's log; everyone else receives the edit (the order is shown room by room in
    // write-batcher.test.ts and yjs-write-path-engines.test.ts).
    const rowsBefore = await logRows(first);
    addAgendaItem(chair.doc, { kind: 'case-review', title: 'Stored first', caseRef: 'RR-2026-777' });
    await chair.saved();
    expect(await logRows(first)).toBeGreaterThan(rowsBefore);
    await Promise.all([member, ...others].map((c) => waitForDoc(c.doc, (d) => readAgenda(d).some((i) => i.title === 'Stored first'))));

    // A restart: the rooms fold their logs into snapshots on the way down; a fresh server serves the same document.
    for (const c of clients.splice(0)) c.destroy();
    await first.stop();
    expect(await logRows(first)).toBe(0);
    const snapshot = await storedRow(first, "select log_seq as seq from meeting_documents where meeting_id = ? and doc = 'shared'", demoMeetingId);
    expect(Number(snapshot!.seq)).toBeGreaterThan(0);
    const second = await startTestServer({ engine, dir: first.dir, database: first.database ?? undefined });
    // The second owns the directory and database now (cleaned up once).
    servers.splice(servers.indexOf(first), 1, second);
    const again = await connect(second, 'member');
    await again.synced;
    expect(readAgenda(again.doc).map((i) => i.title)).toContain('Stored first');
    expect(readAgenda(again.doc)).toHaveLength(before + 1);
  });
});

describe('meeting documents when PostgreSQL goes away under a running server', () => {
  it('acknowledges and broadcasts nothing, tells the editor, and saves and delivers the edit when it is back', async () => {
    const database = await createTestDatabase({ migrated: true });
    const proxy = await startPgProxy(database.url);
    // The server reaches PostgreSQL through a proxy the test can cut; the test reads it directly.
    const server = await startTestServer({ database, config: { databaseUrl: proxy.url } });
    const clients: YClient[] = [];
    try {
      for (const who of ['chair', 'member'] as const) clients.push(connectYClient(server.url, demoMeetingId, { headers: { cookie: await signIn(server.url, demoUsers[who]) } }));
      const [chair, member] = clients;
      await Promise.all(clients.map((c) => c.synced));
      const titled = (d: Parameters<typeof readAgenda>[0]) => readAgenda(d).some((i) => i.title === 'Added while PostgreSQL was away');
      const rowsBefore = Number((await storedRow(server, 'select count(*) as n from meeting_updates'))!.n);

      proxy.cut();
      addAgendaItem(chair.doc, { kind: 'case-review', title: 'Added while PostgreSQL was away', caseRef: 'RR-2026-778' });
      await chair.status('save-failed');
      expect(chair.savedClock()).toBeLessThan(chair.ownClock());
      expect(titled(member.doc)).toBe(false);
      expect(Number((await storedRow(server, 'select count(*) as n from meeting_updates'))!.n)).toBe(rowsBefore);

      proxy.open();
      await chair.saved();
      await chair.status('save-recovered');
      await waitForDoc(member.doc, titled);
      expect(Number((await storedRow(server, 'select count(*) as n from meeting_updates'))!.n)).toBeGreaterThan(rowsBefore);
    } finally {
      for (const c of clients) c.destroy();
      await server.cleanup();
      await proxy.close();
    }
  });
});

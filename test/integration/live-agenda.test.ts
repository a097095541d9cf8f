import { afterEach, describe, expect, it } from 'vitest';
import { addAgendaItem, readAgenda, removeAgendaItem, renameAgendaItem } from '../../shared/meeting-doc.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { demoAgenda } from '../../server/seed/demo-data.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';
import { demoUsers, signIn } from '../support/session.js';

const titles = (client: YClient) => readAgenda(client.doc).map((i) => i.title);

describe('live agenda over y-websocket', () => {
  const clients: YClient[] = [];
  let server: TestServer | null = null;
  const connect = async (url: string) => {
    const client = connectYClient(url, demoMeetingId, { headers: { cookie: await signIn(url, demoUsers.member) } });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.cleanup();
    server = null;
  });

  it('serves the seeded agenda to a new client', async () => {
    server = await startTestServer();
    const a = await connect(server.url);
    await a.synced;
    expect(titles(a)).toEqual(demoAgenda.map((i) => i.title));
    expect(readAgenda(a.doc).find((i) => i.caseRef === 'RR-2026-014')?.kind).toBe('new-referral');
  });

  it('converges two clients after concurrent edits, and a late joiner gets everything', async () => {
    server = await startTestServer();
    const [a, b] = await Promise.all([connect(server.url), connect(server.url)]);
    await Promise.all([a.synced, b.synced]);
    const first = readAgenda(a.doc)[0];
    // Concurrent: both edit before either sees the other's change.
    const idA = addAgendaItem(a.doc, { kind: 'case-review', title: 'Added by A', caseRef: 'RR-2026-101' });
    removeAgendaItem(b.doc, readAgenda(b.doc).at(-1)!.id);
    const idB = addAgendaItem(b.doc, { kind: 'new-referral', title: 'Added by B', caseRef: 'RR-2026-102' });
    renameAgendaItem(a.doc, first.id, 'Apologies (renamed by A)');
    const expectedIds = (doc: YClient['doc']) => {
      const ids = readAgenda(doc).map((i) => i.id);
      return ids.includes(idA) && ids.includes(idB) && ids.length === demoAgenda.length + 1;
    };
    await Promise.all([waitForDoc(a.doc, expectedIds), waitForDoc(b.doc, expectedIds)]);
    await waitForDoc(b.doc, (d) => readAgenda(d)[0].title === 'Apologies (renamed by A)');
    expect(readAgenda(a.doc)).toEqual(readAgenda(b.doc));
    await Promise.all([a.saved(), b.saved()]);

    const late = await connect(server.url);
    await late.synced;
    expect(readAgenda(late.doc)).toEqual(readAgenda(a.doc));
  });

  it('keeps the agenda across a server restart on the same database file', async () => {
    server = await startTestServer();
    const a = await connect(server.url);
    await a.synced;
    addAgendaItem(a.doc, { kind: 'case-review', title: 'Survives restart', caseRef: 'RR-2026-200' });
    await a.saved();
    const before = readAgenda(a.doc);
    a.destroy();
    const dir = server.dir;
    await server.stop();

    server = await startTestServer({ dir });
    const b = await connect(server.url);
    await b.synced;
    expect(readAgenda(b.doc)).toEqual(before);
  });

  it('keeps the agenda across a restart after many updates have been compacted', async () => {
    server = await startTestServer();
    const a = await connect(server.url);
    await a.synced;
    for (let i = 0; i < 600; i++) renameAgendaItem(a.doc, readAgenda(a.doc)[3].id, `Title revision ${i}`);
    await a.saved();
    const dir = server.dir;
    await server.stop();
    server = await startTestServer({ dir });
    const b = await connect(server.url);
    await b.synced;
    expect(readAgenda(b.doc)[3].title).toBe('Title revision 599');
  });
});

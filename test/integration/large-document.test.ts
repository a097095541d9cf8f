/**
 * Issue 5(b): a meeting document of ~1 MB, built by real clients, survives a restart byte for byte, and what the
 * database holds is the document and no more. On each engine (SQLite file, PostgreSQL), sizes read from that engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { notesFragment } from '../../shared/meeting-doc.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRow } from '../support/stored.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';

const paragraphsPerWriter = 512;
const paragraphBytes = 1024;
const items = ['item-a', 'item-b', 'item-c', 'item-d'];

/** Deterministic ASCII filler, different per paragraph so nothing could be deduplicated by accident. */
function paragraphText(writer: number, n: number): string {
  let x = (writer + 1) * 1_000_003 + n * 7919;
  let out = `[w${writer} p${n}] `;
  while (out.length < paragraphBytes) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += 'abcdefghijklmnopqrstuvwxyz ,.'[x % 29];
  }
  return out;
}

const notesText = (doc: Y.Doc) => items.map((id) => notesFragment(doc, id).toString()).join('\n');

describe.each(serverEngines)('a 1 MB meeting document, on $name', ({ engine }) => {
  let server: TestServer;
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.cleanup();
  });
  const connect = async (who: keyof typeof demoUsers) => {
    const client = connectYClient(server.url, demoMeetingId, { headers: { cookie: await signIn(server.url, demoUsers[who]) } });
    clients.push(client);
    await client.synced;
    return client;
  };
  /** Sizes as the server's engine stored them, read past the server. */
  const storedBytes = async () => {
    const snapshot = (await storedRow(server, "select length(snapshot) as n from meeting_documents where meeting_id = ? and doc = 'shared'", demoMeetingId)) as { n: number } | undefined;
    const log = (await storedRow(server, "select count(*) as rows, coalesce(sum(length(\"update\")), 0) as n from meeting_updates where meeting_id = ? and doc = 'shared'", demoMeetingId)) as { rows: number; n: number };
    return { snapshot: snapshot?.n ?? 0, logRows: log.rows, logBytes: log.n };
  };

  it('is written by real clients, survives a restart byte-identical, and is stored at its own size', { timeout: 120_000 }, async () => {
    server = await startTestServer({ engine });
    const baseline = await storedBytes();
    expect(baseline.logRows).toBe(0);
    const writers = [await connect('chair'), await connect('member')];
    let contentBytes = 0;
    writers.forEach((w, i) => {
      for (let n = 0; n < paragraphsPerWriter; n++) {
        const text = paragraphText(i, n);
        contentBytes += text.length;
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        const fragment = notesFragment(w.doc, items[n % items.length]);
        fragment.insert(fragment.length, [paragraph]);
      }
    });
    expect(contentBytes).toBeGreaterThanOrEqual(1024 * 1024);
    await Promise.all(writers.map((w) => w.saved()));
    const complete = (doc: Y.Doc) => items.reduce((s, id) => s + notesFragment(doc, id).length, 0) === 2 * paragraphsPerWriter;
    await Promise.all(writers.map((w) => waitForDoc(w.doc, complete, 30_000)));
    expect(notesText(writers[0].doc)).toBe(notesText(writers[1].doc));
    const expectedText = notesText(writers[0].doc);
    const expectedUpdate = Y.encodeStateAsUpdate(writers[0].doc);
    expect(expectedUpdate.length).toBeGreaterThan(1024 * 1024);

    for (const c of clients.splice(0)) c.destroy();
    const { dir, database } = server;
    await server.stop();
    server = await startTestServer({ dir, engine, database: database ?? undefined });
    const fresh = await connect('coordinator');
    const freshUpdate = Y.encodeStateAsUpdate(fresh.doc);
    expect(notesText(fresh.doc)).toBe(expectedText);
    expect(Buffer.from(freshUpdate).equals(Buffer.from(expectedUpdate))).toBe(true);

    // Shutdown folded the log into one snapshot: exactly the document's encoding, nothing left in the log.
    const stored = await storedBytes();
    expect(stored.logRows).toBe(0);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, (await server.server.storage.stores.meetingDocs.load(demoMeetingId, 'shared')).snapshot!);
    expect(Buffer.from(Y.encodeStateAsUpdate(reloaded)).equals(Buffer.from(freshUpdate))).toBe(true);
    expect(stored.snapshot).toBe(freshUpdate.length);
    // The content plus a small per-paragraph overhead: no duplication, no bloat.
    const overhead = stored.snapshot - baseline.snapshot - contentBytes;
    expect(overhead).toBeGreaterThan(0);
    expect(overhead).toBeLessThan(2 * paragraphsPerWriter * 64);
  });
});

/**
 * A process whose editors' updates the store refuses (the meeting ended on another process) remembers that document
 * as ended only while some copy of it is in memory: many ended meetings opened, refused and left leave nothing behind
 * (the mark would otherwise grow for the life of the process). While the refused copy still has its editor, a
 * newcomer's fresh copy is frozen by that mark. Real YjsHost, real SQLite file, real y-websocket clients.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { meetings } from '../../server/db/schema.js';
import { createLogger } from '../../server/logger.js';
import { YjsHost } from '../../server/realtime/yjs-host.js';
import { contractEngines, seedMeetings, type EngineUnderTest } from '../contract/engines.js';
import { connectYClient } from '../support/yjs-client.js';

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

let db: EngineUnderTest;
beforeAll(async () => {
  db = await contractEngines[0].open(); // SQLite: the host's memory is what is under test, not the engine
});
afterAll(() => db?.close());

it('forgets an ended document once no copy of it is loaded, after many ended meetings come and go', async () => {
  const count = 8;
  const { meetingIds } = await seedMeetings(db, count);
  const endInStorage = (id: string) => {
    if (db.database.engine !== 'sqlite') throw new Error('SQLite only');
    db.database.db.update(meetings).set({ status: 'ended' }).where(eq(meetings.id, id)).run();
  };
  const host = new YjsHost({ store: db.meetingDocs, logger: createLogger('silent'), idleUnloadMs: 0, authorise: () => ({ readOnly: false }) });
  const http = createServer();
  http.on('upgrade', (req, socket, head) => host.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const clients = [];
    for (const meetingId of meetingIds) {
      const writer = connectYClient(url, meetingId);
      clients.push(writer);
      await writer.synced;
      endInStorage(meetingId);
      writer.doc.getText('t').insert(0, 'typed as another process ended it');
      await writer.status('read-only'); // the store refused it: that copy is retired, frozen
      // A newcomer meanwhile gets a fresh copy, frozen because the document is remembered as ended.
      const late = connectYClient(url, meetingId);
      clients.push(late);
      await late.synced;
      await late.status('read-only');
      expect(late.statuses).toContainEqual({ type: 'read-only', reason: 'ended' });
    }
    expect(host.endedDocCount()).toBe(count);
    for (const client of clients) client.destroy();
    // Everyone gone: the fresh copies unload when idle, the retired ones when their editor leaves; no mark remains.
    await until(() => host.loadedRoomCount() === 0 && host.endedDocCount() === 0);
    expect(host.endedDocCount()).toBe(0);
  } finally {
    await host.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }
}, 10_000);

/**
 * A command transaction whose PostgreSQL connection is cut (at BEGIN, mid-work or at COMMIT) gives its pool client
 * back and never reuses the dead connection: with a pool of two, many cut transactions in a row still leave the next
 * command able to run once PostgreSQL answers again. (Drizzle's own pool transaction kept a client cut at BEGIN for
 * ever: two outages and every later command would wait for a client that never came.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../server/db/pg/client.js';
import { pgStorage } from '../../server/db/stores/pg-storage.js';
import type { Storage } from '../../server/db/stores/storage.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { startPgProxy, type PgProxy } from '../support/pg-proxy.js';
import { pgEngineAt, seedMeetings, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe('PostgreSQL command transactions when the connection is cut', () => {
  let database: TestDatabase;
  let direct: EngineUnderTest;
  let proxy: PgProxy;
  let throughProxy: Awaited<ReturnType<typeof openPgDatabase>>;
  let storage: Storage;
  beforeAll(async () => {
    database = await createTestDatabase();
    direct = await pgEngineAt(database.url);
    proxy = await startPgProxy(database.url);
    // Two clients, and a short wait for one: a leaked client shows as a timeout, not a hang.
    throughProxy = await openPgDatabase(proxy.url, { max: 2, connectionTimeoutMs: 2000 });
    storage = pgStorage(throughProxy);
  });
  afterAll(async () => {
    await throughProxy?.close();
    await direct?.close();
    await proxy?.close();
    await database?.drop();
  });

  it.each(['begin', 'pg_advisory_xact_lock', 'insert into "audit_log"', 'commit'])('cut at %s, five times over: nothing stored, and the next command runs', async (where) => {
    const [meetingId] = (await seedMeetings(direct, 1)).meetingIds;
    const command = (n: number) =>
      storage.transaction(async (s) => {
        await s.roomState.save(meetingId, { n }, t0);
        await s.audit.record({ actorId: null, action: 'test.cut', targetType: 'meeting', targetId: meetingId, detail: { n } }, t0);
      });
    for (let n = 1; n <= 5; n++) {
      proxy.cutOn(where); // each cut drops one connection
      await expect(command(n)).rejects.toMatchObject({ code: 'PG_UNAVAILABLE' });
    }
    expect(await direct.roomState.load(meetingId)).toBeNull();
    expect(await direct.count('audit_log', 'target_id', meetingId)).toBe(0);
    proxy.cutOn(null);
    await command(6);
    expect(await direct.roomState.load(meetingId)).toEqual({ n: 6 });
    expect(await direct.count('audit_log', 'target_id', meetingId)).toBe(1);
  });
});

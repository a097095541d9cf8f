/**
 * Ending a meeting on PostgreSQL reads the document while it holds the command lock (room-service `end`:
 * `room.catchUpNow(s.meetingDocs)`). Those reads must run on the transaction's own connection: with the pool's other
 * connections all held by commands waiting on that lock, a read asking the pool for one waited out the connection
 * timeout and the end failed ("The database cannot be reached"), stalling every command behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPgDatabase, type PgDatabase } from '../../server/db/pg/client.js';
import { pgStorage } from '../../server/db/stores/pg-storage.js';
import type { Storage } from '../../server/db/stores/storage.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { pgEngineAt, seedMeetings, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe('PostgreSQL: an end reads the document on its own transaction connection', () => {
  let database: TestDatabase;
  let direct: EngineUnderTest;
  let small: PgDatabase;
  let storage: Storage;
  beforeAll(async () => {
    database = await createTestDatabase();
    direct = await pgEngineAt(database.url);
    // Two connections: the end's, and one command queued on the command lock. A read needing a third times out.
    small = await openPgDatabase(database.url, { max: 2, connectionTimeoutMs: 2000 });
    storage = pgStorage(small);
  });
  afterAll(async () => {
    await small?.close();
    await direct?.close();
    await database?.drop();
  });

  /** Resolves once a command's connection is waiting for the command lock (seen from outside the small pool). */
  async function commandQueuedOnLock(): Promise<void> {
    const outside = direct.database;
    if (outside.engine !== 'postgres') throw new Error('PostgreSQL only');
    for (;;) {
      const { rows } = await outside.db.$client.query<{ n: number }>(
        `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
      );
      if (rows[0].n > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('the end reads the stored rows while another command waits for the lock, and that command runs after', async () => {
    const [meetingId] = (await seedMeetings(direct, 1)).meetingIds;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('notes').insert(0, 'Agreed: refer to early help');
    // The write path, outside any command: its own short pooled transaction.
    const [seq] = await storage.stores.meetingDocs.appendMany([{ meetingId, doc: 'shared', updates }], t0);
    expect(seq).toBeGreaterThan(0);

    let lockHeld!: () => void;
    const holding = new Promise<void>((resolve) => {
      lockHeld = resolve;
    });
    let otherQueued!: () => void;
    const queued = new Promise<void>((resolve) => {
      otherQueued = resolve;
    });
    const end = storage.transaction(async (s) => {
      await s.roomState.setStatus(meetingId, 'ended', t0);
      lockHeld();
      await queued;
      const after = await s.meetingDocs.readAfter(meetingId, 'shared', 0);
      const loaded = await s.meetingDocs.load(meetingId, 'shared');
      await s.audit.record({ actorId: null, action: 'meeting.end', targetType: 'meeting', targetId: meetingId }, t0);
      return { after, loaded };
    });
    await holding;
    // Started outside the end's transaction: it takes the pool's other connection and waits for the command lock.
    const other = storage.transaction((s) => s.audit.record({ actorId: null, action: 'test.queued', targetType: 'meeting', targetId: meetingId }, t0));
    await commandQueuedOnLock();
    otherQueued();

    const { after, loaded } = await end;
    expect(after.lastSeq).toBe(seq);
    expect(after.updates).toHaveLength(1);
    expect(loaded.lastSeq).toBe(seq);
    const read = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(read, u);
    expect(read.getText('notes').toString()).toBe('Agreed: refer to early help');
    await other;
    expect(await direct.count('audit_log', 'target_id', meetingId)).toBe(2);
    // An append after the end committed is refused: the reads moved, the ended check did not.
    expect(await storage.stores.meetingDocs.appendMany([{ meetingId, doc: 'shared', updates }], t0)).toEqual([null]);
  });
});

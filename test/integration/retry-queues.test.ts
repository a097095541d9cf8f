/**
 * Issue 12, item 2: rows written outside a request (audit rows, attendance and room state) are kept through a
 * storage fault and retried: never dropped, never doubled, never reordered. A property test over random
 * interleavings of writes, real faults and retries, on each engine (issue 17):
 * - SQLite: a real write lock held by a second connection, on a real database file built from the real migrations
 *   (busy timeout 0, so each refused write fails at once with SQLITE_BUSY);
 * - PostgreSQL: the database really unreachable, its connections dropped and refused by a TCP proxy
 *   (test/support/pg-proxy.ts), on a fresh migrated database of the run's cluster.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { openDatabase } from '../../server/db/client.js';
import type { AuditStore } from '../../server/db/stores/room-records.js';
import { sqliteStorage } from '../../server/db/stores/storage.js';
import { createAudit } from '../../server/services/audit-service.js';
import { createWriteQueue } from '../../server/services/write-queue.js';
import { createLogger } from '../../server/logger.js';
import { openCuttablePostgres } from '../contract/engines.js';
import { tempDir } from '../support/server.js';

type Step = { kind: 'lock' } | { kind: 'unlock' } | { kind: 'retry' } | { kind: 'soon' } | { kind: 'queued' };

/** An engine's audit store (the Storage's, as the server's services use it) and a real fault to turn on and off. */
interface FaultyAudit {
  store: AuditStore;
  /** The storage refuses writes from now on (SQLite: another connection holds the write lock; PostgreSQL: away). */
  fault(): void;
  clear(): void;
  /** The `n` of each row stored under `action`, in the order stored (read past the store). */
  storedNs(action: string): Promise<number[]>;
  close(): Promise<void>;
}

const nOf = (detail: unknown) => (JSON.parse(typeof detail === 'string' ? detail : JSON.stringify(detail)) as { n: number }).n;

const engines: { name: string; open(): Promise<FaultyAudit> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = tempDir();
      const file = path.join(dir, 'queues.db');
      const database = openDatabase(file, { busyTimeoutMs: 0 });
      const blocker = new Database(file);
      return {
        store: sqliteStorage(database).stores.audit,
        fault: () => blocker.exec('BEGIN IMMEDIATE'),
        clear: () => blocker.exec('COMMIT'),
        storedNs: async (action) =>
          (database.sqlite.prepare('select detail from audit_log where action = ? order by id').all(action) as { detail: string }[]).map((r) => nOf(r.detail)),
        async close() {
          if (blocker.inTransaction) blocker.exec('ROLLBACK');
          blocker.close();
          database.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const pg = await openCuttablePostgres({ connectionTimeoutMs: 2000 });
      return {
        store: pg.storage.stores.audit,
        fault: () => pg.proxy.cut(),
        clear: () => pg.proxy.open(),
        storedNs: async (action) =>
          (await pg.direct.rows('audit_log', 'action', action)).sort((a, b) => Number(a.id) - Number(b.id)).map((r) => nOf(r.detail)),
        close: () => pg.close(),
      };
    },
  },
];

describe.each(engines)('retrying queues under a real storage fault on $name', ({ open }) => {
  let engine: FaultyAudit;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine?.close());

  it('writes every row exactly once and in order, whatever the faults in between (property)', async () => {
    const store = engine.store;
    const logger = createLogger('silent');
    let run = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant<Step>({ kind: 'lock' }), fc.constant<Step>({ kind: 'unlock' }), fc.constant<Step>({ kind: 'retry' }), fc.constant<Step>({ kind: 'soon' }), fc.constant<Step>({ kind: 'queued' })), {
          minLength: 1,
          maxLength: 60,
        }),
        async (steps) => {
          const action = `test.run-${++run}`;
          const audit = createAudit(store, Date.now, logger);
          const writes = createWriteQueue(logger);
          const sentSoon: number[] = [];
          const sentQueued: number[] = [];
          let n = 0;
          let locked = false;
          for (const step of steps) {
            if (step.kind === 'lock' && !locked) {
              engine.fault();
              locked = true;
            } else if (step.kind === 'unlock' && locked) {
              engine.clear();
              locked = false;
            } else if (step.kind === 'retry') {
              // What the retry timers do, run now: nothing may throw, whatever the fault.
              await audit.flush();
              await writes.flush();
            } else if (step.kind === 'soon') {
              sentSoon.push(++n);
              audit.recordSoon({ actorId: null, action: `${action}.soon`, detail: { n } });
              // The per-tick flush, run now (under the fault it fails and keeps the rows).
              await audit.flush();
            } else if (step.kind === 'queued') {
              const i = ++n;
              sentQueued.push(i);
              await writes.write('test row', { i }, () => store.record({ actorId: null, action: `${action}.queued`, detail: { n: i } }, Date.now()));
            }
            // Under the fault a new row cannot be written: it must be kept (in memory, waiting), not lost.
            if (locked && step.kind === 'soon') {
              expect(audit.queuedCount).toBeGreaterThan(0);
              refused++;
            }
            if (locked && step.kind === 'queued') {
              expect(writes.waitingCount).toBeGreaterThan(0);
              refused++;
            }
          }
          if (locked) engine.clear();
          expect(await audit.flush()).toBe(true);
          expect(await writes.flush()).toBe(true);
          expect(await engine.storedNs(`${action}.soon`)).toEqual(sentSoon);
          expect(await engine.storedNs(`${action}.queued`)).toEqual(sentQueued);
        },
      ),
      { numRuns: 150, seed: 2 },
    );
    expect(refused).toBeGreaterThan(100); // the faults really happened
  });
});

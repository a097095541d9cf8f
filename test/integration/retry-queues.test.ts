/**
 * Issue 12, item 2: rows written outside a request (audit rows, attendance and room state) are kept through a
 * storage fault and retried: never dropped, never doubled, never reordered. A property test over random
 * interleavings of writes, a real lock held by a second SQLite connection, and retries, on a real database file
 * built from the real migrations (busy timeout 0, so each refused write fails at once with SQLITE_BUSY).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { auditRepo } from '../../server/db/audit-repo.js';
import { sqliteStorage } from '../../server/db/stores/storage.js';
import { createAudit } from '../../server/services/audit-service.js';
import { createWriteQueue } from '../../server/services/write-queue.js';
import { createLogger } from '../../server/logger.js';
import { tempDir } from '../support/server.js';

type Step = { kind: 'lock' } | { kind: 'unlock' } | { kind: 'retry' } | { kind: 'soon' } | { kind: 'queued' };

describe('retrying queues under a real write lock', () => {
  let dir: string;
  let database: Database_;
  let blocker: Database.Database;
  beforeAll(() => {
    dir = tempDir();
    const file = path.join(dir, 'queues.db');
    database = openDatabase(file, { busyTimeoutMs: 0 });
    blocker = new Database(file);
  });
  afterAll(() => {
    if (blocker.inTransaction) blocker.exec('ROLLBACK');
    blocker.close();
    database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every row exactly once and in order, whatever the faults in between (property)', async () => {
    const repo = auditRepo(database.db);
    // The audit store the server's services use: the Storage's, over the same connection.
    const store = sqliteStorage(database).stores.audit;
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
              blocker.exec('BEGIN IMMEDIATE');
              locked = true;
            } else if (step.kind === 'unlock' && locked) {
              blocker.exec('COMMIT');
              locked = false;
            } else if (step.kind === 'retry') {
              // What the retry timers do, run now: nothing may throw, whatever the lock.
              await audit.flush();
              await writes.flush();
            } else if (step.kind === 'soon') {
              sentSoon.push(++n);
              audit.recordSoon({ actorId: null, action: `${action}.soon`, detail: { n } });
              // The per-tick flush, run now (under the lock it fails and keeps the rows).
              await audit.flush();
            } else if (step.kind === 'queued') {
              const i = ++n;
              sentQueued.push(i);
              await writes.write('test row', { i }, () => repo.record({ actorId: null, action: `${action}.queued`, detail: { n: i } }, Date.now()));
            }
            // Under the lock a new row cannot be written: it must be kept (in memory, waiting), not lost.
            if (locked && step.kind === 'soon') {
              expect(audit.queuedCount).toBeGreaterThan(0);
              refused++;
            }
            if (locked && step.kind === 'queued') {
              expect(writes.waitingCount).toBeGreaterThan(0);
              refused++;
            }
          }
          if (locked) blocker.exec('COMMIT');
          expect(await audit.flush()).toBe(true);
          expect(await writes.flush()).toBe(true);
          const stored = (suffix: string) =>
            (database.sqlite.prepare('select detail from audit_log where action = ? order by id').all(`${action}.${suffix}`) as { detail: string }[]).map(
              (r) => (JSON.parse(r.detail) as { n: number }).n,
            );
          expect(stored('soon')).toEqual(sentSoon);
          expect(stored('queued')).toEqual(sentQueued);
        },
      ),
      { numRuns: 150, seed: 2 },
    );
    expect(refused).toBeGreaterThan(100); // the faults really happened
  });
});

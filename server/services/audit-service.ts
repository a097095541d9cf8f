import type { AuditEntry, AuditStore } from '../db/stores/room-records.js';
import type { Logger } from '../logger.js';

/** How long queued rows wait before the next try when the storage refused them (busy, full, unreachable). */
export const auditRetryMs = 1000;

/**
 * Writes audit rows that belong to no command (a view, a download, a join). A command's own row is written inside
 * its transaction instead (`s.audit.record`). Detail holds ids, formats and versions — never note text or personal
 * fields.
 *
 * `recordSoon` is for the hot, high-volume rows (a join storm opens thousands of sockets): the row keeps the time
 * of the event but is written with the others of the same event-loop tick, in one transaction (one commit).
 * If that write fails (the database is locked past its busy timeout, the disk is full, PostgreSQL is away), the rows
 * stay queued, in order, and are tried again every second until the storage takes them: an audit row is never
 * dropped, and the failure is logged once, not once a second. `flush` writes whatever is queued (the server calls it
 * before closing the database) and resolves false if it could not.
 */
export function createAudit(store: AuditStore, now: () => number, logger?: Logger) {
  let queued: { entry: AuditEntry; at: number }[] = [];
  let timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let failingSince: number | null = null;
  // One write of the queue at a time, so rows reach the storage in order and none is written twice.
  let writing: Promise<boolean> | null = null;
  const cancel = () => {
    if (timer) {
      clearImmediate(timer as NodeJS.Immediate);
      clearTimeout(timer as NodeJS.Timeout);
    }
    timer = null;
  };
  const writeQueued = async (): Promise<boolean> => {
    cancel();
    if (queued.length === 0) return true;
    // A copy: rows queued while this write is under way are not part of it.
    const batch = queued.slice();
    try {
      await store.recordMany(batch);
    } catch (err) {
      // Keep them (before anything queued since) and try again: the storage fault may clear by itself.
      if (failingSince === null) {
        failingSince = now();
        logger?.error({ err: (err as Error).message, queued: batch.length }, 'audit rows not written; kept and retrying');
      }
      cancel();
      timer = setTimeout(() => void flush(), auditRetryMs);
      timer.unref();
      return false;
    }
    queued = queued.slice(batch.length);
    if (failingSince !== null) {
      logger?.info({ written: batch.length, failedForMs: now() - failingSince }, 'audit rows written again');
      failingSince = null;
    }
    return true;
  };
  /** Never rejects. Asked for while a write runs, it runs after it (rows may have been queued meanwhile). */
  const flush = (): Promise<boolean> => {
    const run: Promise<boolean> = (writing ?? Promise.resolve(true)).then(writeQueued).finally(() => {
      if (writing === run) writing = null;
    });
    writing = run;
    return run;
  };
  return {
    /** One row now, outside any command (inside one, use the transaction's `s.audit.record`). */
    record(entry: AuditEntry): Promise<void> {
      const written = store.record(entry, now());
      // A caller that does not wait for the row must not take the process down with it; one that waits still
      // gets the failure.
      written.catch((err: Error) => logger?.error({ err: err.message, action: entry.action }, 'audit row not written'));
      return written;
    },
    recordSoon(entry: AuditEntry): void {
      queued.push({ entry, at: now() });
      // While retrying, new rows wait for the retry (one write per second, not one per event).
      timer ??= setImmediate(() => void flush());
    },
    flush,
    /** Rows waiting to be written (more than a tick's worth only while the storage refuses them). */
    get queuedCount(): number {
      return queued.length;
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;

import type { AuditEntry, AuditRepo } from '../db/audit-repo.js';
import type { Logger } from '../logger.js';

/** How long queued rows wait before the next try when the storage refused them (busy, full). */
export const auditRetryMs = 1000;

/**
 * Writes audit rows. Detail holds ids, formats and versions — never note text or personal fields.
 *
 * `recordSoon` is for the hot, high-volume rows (a join storm opens thousands of sockets): the row keeps the time
 * of the event but is written with the others of the same event-loop tick, in one statement and one commit.
 * If that write fails (the database is locked past its busy timeout, the disk is full), the rows stay queued, in
 * order, and are tried again every second until the storage takes them: an audit row is never dropped, and the
 * failure is logged once, not once a second. `flush` writes whatever is queued (the server calls it before closing
 * the database) and returns false if it could not.
 */
export function createAudit(repo: AuditRepo, now: () => number, logger?: Logger) {
  let queued: { entry: AuditEntry; at: number }[] = [];
  let timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let failingSince: number | null = null;
  const cancel = () => {
    if (timer) {
      clearImmediate(timer as NodeJS.Immediate);
      clearTimeout(timer as NodeJS.Timeout);
    }
    timer = null;
  };
  const flush = (): boolean => {
    cancel();
    if (queued.length === 0) return true;
    const batch = queued;
    try {
      repo.recordMany(batch);
    } catch (err) {
      // Keep them (before anything queued since) and try again: the storage fault may clear by itself.
      if (failingSince === null) {
        failingSince = now();
        logger?.error({ err: (err as Error).message, queued: batch.length }, 'audit rows not written; kept and retrying');
      }
      timer = setTimeout(flush, auditRetryMs);
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
  return {
    record: (entry: AuditEntry) => repo.record(entry, now()),
    recordSoon(entry: AuditEntry): void {
      queued.push({ entry, at: now() });
      // While retrying, new rows wait for the retry (one write per second, not one per event).
      timer ??= setImmediate(flush);
    },
    flush,
    /** Rows waiting to be written (more than a tick's worth only while the storage refuses them). */
    get queuedCount(): number {
      return queued.length;
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;

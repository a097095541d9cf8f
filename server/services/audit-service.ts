import type { AuditEntry, AuditRepo } from '../db/audit-repo.js';

/**
 * Writes audit rows. Detail holds ids, formats and versions — never note text or personal fields.
 *
 * `recordSoon` is for the hot, high-volume rows (a join storm opens thousands of sockets): the row keeps the time
 * of the event but is written with the others of the same event-loop tick, in one statement and one commit.
 * `flush` writes whatever is queued (the server calls it before closing the database).
 */
export function createAudit(repo: AuditRepo, now: () => number) {
  let queued: { entry: AuditEntry; at: number }[] = [];
  let timer: NodeJS.Immediate | null = null;
  const flush = () => {
    if (timer) clearImmediate(timer);
    timer = null;
    const batch = queued;
    queued = [];
    repo.recordMany(batch);
  };
  return {
    record: (entry: AuditEntry) => repo.record(entry, now()),
    recordSoon(entry: AuditEntry): void {
      queued.push({ entry, at: now() });
      timer ??= setImmediate(flush);
    },
    flush,
  };
}
export type Audit = ReturnType<typeof createAudit>;

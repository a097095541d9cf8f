import type { AuditEntry, AuditRepo } from '../db/audit-repo.js';

/** Writes audit rows. Detail holds ids, formats and versions — never note text or personal fields. */
export function createAudit(repo: AuditRepo, now: () => number) {
  return {
    record: (entry: AuditEntry) => repo.record(entry, now()),
  };
}
export type Audit = ReturnType<typeof createAudit>;

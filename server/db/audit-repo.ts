import { desc, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { auditLog, people } from './schema.js';
import { auditValues, auditWhere } from './stores/room-records.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, string | number | boolean | null> | null;
  ip?: string | null;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetId?: string;
  from?: number;
  to?: number;
  limit: number;
}

export function auditRepo(db: Db) {
  return {
    record(entry: AuditEntry, at: number): void {
      db.insert(auditLog).values(auditValues({ entry, at })).run();
    },
    /** Several rows in one statement (one commit). */
    recordMany(entries: readonly { entry: AuditEntry; at: number }[]): void {
      if (entries.length === 0) return;
      // One commit, in statements of at most 500 rows (7 variables a row stays far below SQLite's variable limit even
      // when rows queued up while the database refused writes).
      db.$client.transaction(() => {
        for (let i = 0; i < entries.length; i += 500) {
          db.insert(auditLog).values(entries.slice(i, i + 500).map(auditValues)).run();
        }
      })();
    },
    list(filter: AuditFilter) {
      return db
        .select({ id: auditLog.id, at: auditLog.at, actorId: auditLog.actorId, actorName: people.name, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, detail: auditLog.detail, ip: auditLog.ip })
        .from(auditLog)
        .leftJoin(people, eq(people.id, auditLog.actorId))
        .where(auditWhere(auditLog, filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .all();
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;

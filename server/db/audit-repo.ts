import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from './client.js';
import { auditLog, people } from './schema.js';

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
      db.insert(auditLog)
        .values({ at, actorId: entry.actorId, action: entry.action, targetType: entry.targetType ?? null, targetId: entry.targetId ?? null, detail: entry.detail ?? null, ip: entry.ip ?? null })
        .run();
    },
    /** Several rows in one statement (one commit). */
    recordMany(entries: readonly { entry: AuditEntry; at: number }[]): void {
      if (entries.length === 0) return;
      // One commit, in statements of at most 500 rows (7 variables a row stays far below SQLite's variable limit even
      // when rows queued up while the database refused writes).
      db.$client.transaction(() => {
        for (let i = 0; i < entries.length; i += 500) {
          db.insert(auditLog)
            .values(entries.slice(i, i + 500).map(({ entry, at }) => ({ at, actorId: entry.actorId, action: entry.action, targetType: entry.targetType ?? null, targetId: entry.targetId ?? null, detail: entry.detail ?? null, ip: entry.ip ?? null })))
            .run();
        }
      })();
    },
    list(filter: AuditFilter) {
      const where: SQL[] = [];
      if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
      if (filter.action) where.push(eq(auditLog.action, filter.action));
      if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
      if (filter.from !== undefined) where.push(gte(auditLog.at, filter.from));
      if (filter.to !== undefined) where.push(lte(auditLog.at, filter.to));
      return db
        .select({ id: auditLog.id, at: auditLog.at, actorId: auditLog.actorId, actorName: people.name, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, detail: auditLog.detail, ip: auditLog.ip })
        .from(auditLog)
        .leftJoin(people, eq(people.id, auditLog.actorId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(filter.limit)
        .all();
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;

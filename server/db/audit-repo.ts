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
  // One prepared insert, run once a row: every join and command writes a row, and a join storm queues thousands
  // (building one multi-row statement through the query builder cost more than the joins themselves). The columns
  // (names as in schema/audit.ts) as Drizzle stores them: `detail` is JSON text.
  const insertStatement = db.$client.prepare<[number, string | null, string, string | null, string | null, string | null, string | null]>(
    'insert into audit_log (at, actor_id, action, target_type, target_id, detail, ip) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const insert = (row: { entry: AuditEntry; at: number }) => {
    const v = auditValues(row);
    insertStatement.run(v.at, v.actorId, v.action, v.targetType, v.targetId, v.detail === null ? null : JSON.stringify(v.detail), v.ip);
  };
  const insertAll = db.$client.transaction((rows: readonly { entry: AuditEntry; at: number }[]) => {
    for (const row of rows) insert(row);
  });
  return {
    record(entry: AuditEntry, at: number): void {
      insert({ entry, at });
    },
    /** Several rows in one transaction (one commit). */
    recordMany(entries: readonly { entry: AuditEntry; at: number }[]): void {
      if (entries.length === 0) return;
      insertAll(entries);
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

/**
 * What a live meeting records besides its documents, engine-neutral: the room's state (now discussing, timer,
 * hands), who attended, and the audit log. SQLite (server/db/sqlite/room-records-store.ts, over today's synchronous
 * repositories) and PostgreSQL (server/db/pg/room-records-store.ts); test/contract/room-records.test.ts runs both.
 */
import { and, eq, gte, lte, type Column, type SQL } from 'drizzle-orm';
import type { MeetingStatus } from '../../../shared/domain.js';
import type { AttendanceRow } from '../attendance-repo.js';
import type { AuditEntry, AuditFilter } from '../audit-repo.js';

export type { AttendanceRow, AuditEntry, AuditFilter };

export interface RoomStateStore {
  /** The last saved state (JSON, as saved), or null. */
  load(meetingId: string): Promise<unknown>;
  save(meetingId: string, state: unknown, now: number): Promise<void>;
  /** Sets the meeting's status; opening records `openedAt`, ending `endedAt`. */
  setStatus(meetingId: string, status: MeetingStatus, now: number): Promise<void>;
}

export interface AttendanceStore {
  /** Everyone who attended, in order of arrival (then person id, bytewise). */
  list(meetingId: string): Promise<AttendanceRow[]>;
  find(meetingId: string, personId: string): Promise<AttendanceRow | undefined>;
  /** First join inserts the row; a later join (another tab, a reconnect) only marks the person as in the room again. */
  joined(meetingId: string, personId: string, role: string, at: number): Promise<void>;
  left(meetingId: string, personId: string, at: number): Promise<void>;
  /** Everyone still in the room leaves when the meeting ends. */
  closeAll(meetingId: string, at: number): Promise<void>;
  /** Records the acknowledgement once: a second call keeps the first time. Resolves with the recorded time. */
  acknowledge(meetingId: string, personId: string, at: number): Promise<number | null>;
}

export interface AuditRow {
  id: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, string | number | boolean | null> | null;
  ip: string | null;
}

export interface AuditStore {
  record(entry: AuditEntry, at: number): Promise<void>;
  /** Every row in one transaction: all stored or none. */
  recordMany(entries: readonly { entry: AuditEntry; at: number }[]): Promise<void>;
  /** Newest first, filtered, at most `limit` rows, with the actor's name. */
  list(filter: AuditFilter): Promise<AuditRow[]>;
}

/** An audit entry as the row both engines store (absent fields stored as null). */
export const auditValues = ({ entry, at }: { entry: AuditEntry; at: number }) => ({
  at,
  actorId: entry.actorId,
  action: entry.action,
  targetType: entry.targetType ?? null,
  targetId: entry.targetId ?? null,
  detail: entry.detail ?? null,
  ip: entry.ip ?? null,
});

/** The filter's conditions over either engine's audit table (its columns are named alike); undefined for all rows. */
export function auditWhere(log: { actorId: Column; action: Column; targetId: Column; at: Column }, filter: AuditFilter): SQL | undefined {
  const where: SQL[] = [];
  if (filter.actorId) where.push(eq(log.actorId, filter.actorId));
  if (filter.action) where.push(eq(log.action, filter.action));
  if (filter.targetId) where.push(eq(log.targetId, filter.targetId));
  if (filter.from !== undefined) where.push(gte(log.at, filter.from));
  if (filter.to !== undefined) where.push(lte(log.at, filter.to));
  return where.length ? and(...where) : undefined;
}

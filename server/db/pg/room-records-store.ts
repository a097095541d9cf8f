/** The PostgreSQL room records: the same statements as room-state-repo, attendance-repo and audit-repo. */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { auditValues, auditWhere, type AttendanceRow, type AttendanceStore, type AuditStore, type RoomStateStore } from '../stores/room-records.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { lockMeetingDocs } from './meeting-docs-store.js';
import { auditLog, meetingAttendance, meetingRoomState, meetings, people } from './schema.js';

export const pgRoomStateStore = (db: PgExecutor): RoomStateStore => ({
  load: (meetingId) =>
    pgCall(async () => {
      const [row] = await db.select({ state: meetingRoomState.state }).from(meetingRoomState).where(eq(meetingRoomState.meetingId, meetingId));
      return row?.state ?? null;
    }),
  save: (meetingId, state, now) =>
    pgCall(async () => {
      await db
        .insert(meetingRoomState)
        .values({ meetingId, state, updatedAt: now })
        .onConflictDoUpdate({ target: meetingRoomState.meetingId, set: { state, updatedAt: now } });
    }),
  setStatus: (meetingId, status, now) =>
    pgCall(async () => {
      // Ending waits for any append of the meeting's documents in flight and keeps new ones out until it commits
      // (then they find it ended and are refused): the state the minutes are read from is final.
      if (status === 'ended') await db.execute(lockMeetingDocs(meetingId));
      await db
        .update(meetings)
        .set({ status, ...(status === 'ended' ? { endedAt: now } : status === 'live' ? { openedAt: now } : {}) })
        .where(eq(meetings.id, meetingId));
    }),
});

const attendanceColumns = {
  personId: meetingAttendance.personId,
  role: meetingAttendance.role,
  firstJoinedAt: meetingAttendance.firstJoinedAt,
  lastLeftAt: meetingAttendance.lastLeftAt,
  confidentialityAckAt: meetingAttendance.confidentialityAckAt,
};
const attendee = (meetingId: string, personId: string) => and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, personId));

export function pgAttendanceStore(db: PgExecutor): AttendanceStore {
  const find = async (meetingId: string, personId: string): Promise<AttendanceRow | undefined> =>
    (await db.select(attendanceColumns).from(meetingAttendance).where(attendee(meetingId, personId)))[0];
  return {
    // Person ids compared bytewise, as SQLite does, so both engines list ties in one order.
    list: (meetingId) =>
      pgCall(() =>
        db
          .select(attendanceColumns)
          .from(meetingAttendance)
          .where(eq(meetingAttendance.meetingId, meetingId))
          .orderBy(asc(meetingAttendance.firstJoinedAt), bytewise(meetingAttendance.personId)),
      ),
    find: (meetingId, personId) => pgCall(() => find(meetingId, personId)),
    joined: (meetingId, personId, role, at) =>
      pgCall(async () => {
        await db
          .insert(meetingAttendance)
          .values({ meetingId, personId, role, firstJoinedAt: at, lastLeftAt: null })
          .onConflictDoUpdate({ target: [meetingAttendance.meetingId, meetingAttendance.personId], set: { lastLeftAt: null, role } });
      }),
    left: (meetingId, personId, at) =>
      pgCall(async () => {
        await db.update(meetingAttendance).set({ lastLeftAt: at }).where(attendee(meetingId, personId));
      }),
    closeAll: (meetingId, at) =>
      pgCall(async () => {
        await db
          .update(meetingAttendance)
          .set({ lastLeftAt: at })
          .where(and(eq(meetingAttendance.meetingId, meetingId), isNull(meetingAttendance.lastLeftAt)));
      }),
    acknowledge: (meetingId, personId, at) =>
      pgCall(async () => {
        await db
          .update(meetingAttendance)
          .set({ confidentialityAckAt: at })
          .where(and(attendee(meetingId, personId), isNull(meetingAttendance.confidentialityAckAt)));
        return (await find(meetingId, personId))?.confidentialityAckAt ?? null;
      }),
  };
}

export const pgAuditStore = (db: PgExecutor): AuditStore => ({
  record: (entry, at) =>
    pgCall(async () => {
      await db.insert(auditLog).values(auditValues({ entry, at }));
    }),
  recordMany: (entries) =>
    pgCall(async () => {
      if (entries.length === 0) return;
      // One transaction, statements of at most 500 rows (7 parameters a row, far below PostgreSQL's 65,535).
      await db.transaction(async (tx) => {
        for (let i = 0; i < entries.length; i += 500) await tx.insert(auditLog).values(entries.slice(i, i + 500).map(auditValues));
      });
    }),
  list: (filter) =>
    pgCall(() => {
      return db
        .select({ id: auditLog.id, at: auditLog.at, actorId: auditLog.actorId, actorName: people.name, action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, detail: auditLog.detail, ip: auditLog.ip })
        .from(auditLog)
        .leftJoin(people, eq(people.id, auditLog.actorId))
        .where(auditWhere(auditLog, filter))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
    }),
});

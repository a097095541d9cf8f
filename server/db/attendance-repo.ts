/** SQL for meeting_attendance: who came to a meeting, first join, last leave and the confidentiality acknowledgement. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { meetingAttendance } from './schema.js';

export interface AttendanceRow {
  personId: string;
  role: string;
  firstJoinedAt: number;
  /** Null while the person is in the room in any tab (or was when the meeting ended). */
  lastLeftAt: number | null;
  confidentialityAckAt: number | null;
}

const columns = {
  personId: meetingAttendance.personId,
  role: meetingAttendance.role,
  firstJoinedAt: meetingAttendance.firstJoinedAt,
  lastLeftAt: meetingAttendance.lastLeftAt,
  confidentialityAckAt: meetingAttendance.confidentialityAckAt,
};

const row = (meetingId: string, personId: string) => and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.personId, personId));

export function attendanceRepo(db: Db) {
  return {
    /** Everyone who attended, in order of arrival. */
    list(meetingId: string): AttendanceRow[] {
      return db.select(columns).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).orderBy(asc(meetingAttendance.firstJoinedAt), asc(meetingAttendance.personId)).all();
    },
    find(meetingId: string, personId: string): AttendanceRow | undefined {
      return db.select(columns).from(meetingAttendance).where(row(meetingId, personId)).get();
    },
    /** First join inserts the row; a later join (another tab, a reconnect) only marks the person as in the room again. */
    joined(meetingId: string, personId: string, role: string, at: number): void {
      db.insert(meetingAttendance)
        .values({ meetingId, personId, role, firstJoinedAt: at, lastLeftAt: null })
        .onConflictDoUpdate({ target: [meetingAttendance.meetingId, meetingAttendance.personId], set: { lastLeftAt: null, role } })
        .run();
    },
    left(meetingId: string, personId: string, at: number): void {
      db.update(meetingAttendance).set({ lastLeftAt: at }).where(row(meetingId, personId)).run();
    },
    /** Everyone still in the room leaves when the meeting ends. */
    closeAll(meetingId: string, at: number): void {
      db.update(meetingAttendance).set({ lastLeftAt: at }).where(and(eq(meetingAttendance.meetingId, meetingId), isNull(meetingAttendance.lastLeftAt))).run();
    },
    /** Records the acknowledgement once: a second call keeps the first time. Returns the recorded time. */
    acknowledge(meetingId: string, personId: string, at: number): number | null {
      db.update(meetingAttendance).set({ confidentialityAckAt: at }).where(and(row(meetingId, personId), isNull(meetingAttendance.confidentialityAckAt))).run();
      return this.find(meetingId, personId)?.confidentialityAckAt ?? null;
    },
  };
}
export type AttendanceRepo = ReturnType<typeof attendanceRepo>;

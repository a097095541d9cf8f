import { and, asc, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import type { MeetingStatus } from '../../shared/domain.js';
import { meetingGuests, meetings, series, seriesMembers, type SeriesRole } from './schema.js';

/** SQL for who belongs to which series and meeting. */
export interface MeetingAccessRow {
  id: string;
  seriesId: string;
  chairId: string | null;
  status: MeetingStatus;
  seriesRole: SeriesRole | null;
  guestRole: 'member' | 'observer' | null;
}

export function membershipRepo(db: Db) {
  // Asked on every door (each REST call, Socket.IO event and Yjs upgrade): the meeting, the person's series role and
  // guest role in one prepared statement rather than up to three query-builder round trips.
  const accessStatement = db.$client.prepare<[string, string, string], MeetingAccessRow>(
    `select m.id as id, m.series_id as seriesId, m.chair_id as chairId, m.status as status,
            sm.role as seriesRole, g.role as guestRole
       from meetings m
       left join series_members sm on sm.series_id = m.series_id and sm.person_id = ?
       left join meeting_guests g on g.meeting_id = m.id and g.person_id = ?
      where m.id = ?`,
  );
  return {
    /** The meeting with this person's series and guest roles in it; undefined if there is no such meeting. */
    meetingAccess(meetingId: string, personId: string): MeetingAccessRow | undefined {
      return accessStatement.get(personId, personId, meetingId);
    },
    seriesRole(seriesId: string, personId: string): SeriesRole | null {
      const row = db
        .select({ role: seriesMembers.role })
        .from(seriesMembers)
        .where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId)))
        .get();
      return row?.role ?? null;
    },
    guestRole(meetingId: string, personId: string): 'member' | 'observer' | null {
      const row = db
        .select({ role: meetingGuests.role })
        .from(meetingGuests)
        .where(and(eq(meetingGuests.meetingId, meetingId), eq(meetingGuests.personId, personId)))
        .get();
      return row?.role ?? null;
    },
    meetingScope(meetingId: string) {
      return db
        .select({ id: meetings.id, seriesId: meetings.seriesId, chairId: meetings.chairId, status: meetings.status })
        .from(meetings)
        .where(eq(meetings.id, meetingId))
        .get();
    },
    meetingScheduledAt(meetingId: string): number {
      return db.select({ at: meetings.scheduledAt }).from(meetings).where(eq(meetings.id, meetingId)).get()?.at ?? 0;
    },
    seriesExists(seriesId: string): boolean {
      return db.select({ id: series.id }).from(series).where(eq(series.id, seriesId)).get() !== undefined;
    },
    seriesMembers(seriesId: string) {
      return db.select().from(seriesMembers).where(eq(seriesMembers.seriesId, seriesId)).orderBy(asc(seriesMembers.personId)).all();
    },
    setSeriesMember(seriesId: string, personId: string, role: SeriesRole, now: number): void {
      db.insert(seriesMembers)
        .values({ seriesId, personId, role, createdAt: now })
        .onConflictDoUpdate({ target: [seriesMembers.seriesId, seriesMembers.personId], set: { role } })
        .run();
    },
    removeSeriesMember(seriesId: string, personId: string): boolean {
      return db.delete(seriesMembers).where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId))).run().changes > 0;
    },
  };
}
export type MembershipRepo = ReturnType<typeof membershipRepo>;

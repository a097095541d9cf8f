/** The PostgreSQL membership: the same queries as server/db/membership-repo.ts. */
import { and, eq } from 'drizzle-orm';
import type { MembershipStore } from '../stores/membership.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { meetingGuests, meetings, series, seriesMembers } from './schema.js';

export function pgMembershipStore(db: PgExecutor): MembershipStore {
  return {
    // One statement, as on SQLite: the meeting with the person's series and guest roles (asked on every door).
    meetingAccess: (meetingId, personId) =>
      pgCall(
        async () =>
          (
            await db
              .select({
                id: meetings.id,
                seriesId: meetings.seriesId,
                chairId: meetings.chairId,
                status: meetings.status,
                seriesRole: seriesMembers.role,
                guestRole: meetingGuests.role,
              })
              .from(meetings)
              .leftJoin(seriesMembers, and(eq(seriesMembers.seriesId, meetings.seriesId), eq(seriesMembers.personId, personId)))
              .leftJoin(meetingGuests, and(eq(meetingGuests.meetingId, meetings.id), eq(meetingGuests.personId, personId)))
              .where(eq(meetings.id, meetingId))
          )[0],
      ),
    seriesRole: (seriesId, personId) =>
      pgCall(
        async () =>
          (await db.select({ role: seriesMembers.role }).from(seriesMembers).where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId))))[0]?.role ??
          null,
      ),
    guestRole: (meetingId, personId) =>
      pgCall(
        async () =>
          (await db.select({ role: meetingGuests.role }).from(meetingGuests).where(and(eq(meetingGuests.meetingId, meetingId), eq(meetingGuests.personId, personId))))[0]?.role ??
          null,
      ),
    meetingScope: (meetingId) =>
      pgCall(
        async () =>
          (await db.select({ id: meetings.id, seriesId: meetings.seriesId, chairId: meetings.chairId, status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)))[0],
      ),
    meetingScheduledAt: (meetingId) =>
      pgCall(async () => (await db.select({ at: meetings.scheduledAt }).from(meetings).where(eq(meetings.id, meetingId)))[0]?.at ?? 0),
    seriesExists: (seriesId) => pgCall(async () => (await db.select({ id: series.id }).from(series).where(eq(series.id, seriesId))).length > 0),
    seriesMembers: (seriesId) =>
      pgCall(() => db.select().from(seriesMembers).where(eq(seriesMembers.seriesId, seriesId)).orderBy(bytewise(seriesMembers.personId))),
    setSeriesMember: (seriesId, personId, role, now) =>
      pgCall(async () => {
        await db
          .insert(seriesMembers)
          .values({ seriesId, personId, role, createdAt: now })
          .onConflictDoUpdate({ target: [seriesMembers.seriesId, seriesMembers.personId], set: { role } });
      }),
    removeSeriesMember: (seriesId, personId) =>
      pgCall(
        async () =>
          (
            await db
              .delete(seriesMembers)
              .where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId)))
              .returning({ personId: seriesMembers.personId })
          ).length > 0,
      ),
  };
}

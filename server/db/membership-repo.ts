import { and, asc, eq, isNull, gt } from 'drizzle-orm';
import type { Db } from './client.js';
import type { MeetingStatus } from '../../shared/domain.js';
import { meetingGuests, meetingInvites, meetings, people, series, seriesMembers, type SeriesRole } from './schema.js';

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
      return db.select().from(seriesMembers).where(eq(seriesMembers.seriesId, seriesId)).all();
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
    createInvite(row: { id: string; meetingId: string; tokenHash: string; role: 'member' | 'observer'; createdBy: string; now: number; expiresAt: number }): void {
      db.insert(meetingInvites)
        .values({ id: row.id, meetingId: row.meetingId, tokenHash: row.tokenHash, role: row.role, createdBy: row.createdBy, createdAt: row.now, expiresAt: row.expiresAt })
        .run();
    },
    /** A meeting's invites that can still be used (not used, expired or withdrawn), oldest first; never the hash. */
    openInvites(meetingId: string, now: number) {
      return db
        .select({ id: meetingInvites.id, role: meetingInvites.role, createdByName: people.name, createdAt: meetingInvites.createdAt, expiresAt: meetingInvites.expiresAt })
        .from(meetingInvites)
        .innerJoin(people, eq(people.id, meetingInvites.createdBy))
        .where(and(eq(meetingInvites.meetingId, meetingId), isNull(meetingInvites.usedAt), isNull(meetingInvites.withdrawnAt), gt(meetingInvites.expiresAt, now)))
        .orderBy(asc(meetingInvites.createdAt), asc(meetingInvites.id))
        .all();
    },
    /** Withdraws one of this meeting's open invites; its role if it was open, else null (nothing changed). */
    withdrawInvite(meetingId: string, inviteId: string, now: number): { role: 'member' | 'observer' } | null {
      const row = db
        .update(meetingInvites)
        .set({ withdrawnAt: now })
        .where(
          and(
            eq(meetingInvites.id, inviteId),
            eq(meetingInvites.meetingId, meetingId),
            isNull(meetingInvites.usedAt),
            isNull(meetingInvites.withdrawnAt),
            gt(meetingInvites.expiresAt, now),
          ),
        )
        .returning({ role: meetingInvites.role })
        .get();
      return row ?? null;
    },
    /**
     * Marks an unused, unexpired, unwithdrawn invite used and makes the person a guest, atomically. 'withdrawn' if the
     * link was withdrawn (so the refusal can say so), null if no usable invite matched.
     */
    redeemInvite(tokenHash: string, personId: string, now: number): { meetingId: string } | 'withdrawn' | null {
      return db.transaction((tx) => {
        const invite = tx
          .select()
          .from(meetingInvites)
          .where(and(eq(meetingInvites.tokenHash, tokenHash), isNull(meetingInvites.usedAt), gt(meetingInvites.expiresAt, now)))
          .get();
        if (!invite) return null;
        if (invite.withdrawnAt !== null) return 'withdrawn';
        tx.update(meetingInvites).set({ usedAt: now, usedBy: personId }).where(eq(meetingInvites.id, invite.id)).run();
        tx.insert(meetingGuests)
          .values({ meetingId: invite.meetingId, personId, role: invite.role, createdAt: now })
          .onConflictDoNothing()
          .run();
        return { meetingId: invite.meetingId };
      });
    },
  };
}
export type MembershipRepo = ReturnType<typeof membershipRepo>;

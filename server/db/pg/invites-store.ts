/** The PostgreSQL invite links and guests: the same queries as server/db/invites-repo.ts. */
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { openInvitesOf, type InvitesStore } from '../stores/invites.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { meetingGuests, meetingInvites, people } from './schema.js';

export function pgInvitesStore(db: PgExecutor): InvitesStore {
  return {
    create: (row) =>
      pgCall(async () => {
        await db
          .insert(meetingInvites)
          .values({ id: row.id, meetingId: row.meetingId, tokenHash: row.tokenHash, role: row.role, createdBy: row.createdBy, createdAt: row.now, expiresAt: row.expiresAt });
      }),
    open: (meetingId, now) =>
      pgCall(() =>
        db
          .select({ id: meetingInvites.id, role: meetingInvites.role, createdByName: people.name, createdAt: meetingInvites.createdAt, expiresAt: meetingInvites.expiresAt })
          .from(meetingInvites)
          .innerJoin(people, eq(people.id, meetingInvites.createdBy))
          .where(openInvitesOf(meetingInvites, meetingId, now))
          .orderBy(asc(meetingInvites.createdAt), bytewise(meetingInvites.id)),
      ),
    withdraw: (meetingId, inviteId, now) =>
      pgCall(async () => {
        const [row] = await db
          .update(meetingInvites)
          .set({ withdrawnAt: now })
          .where(and(eq(meetingInvites.id, inviteId), openInvitesOf(meetingInvites, meetingId, now)))
          .returning({ role: meetingInvites.role });
        return row ?? null;
      }),
    unused: (tokenHash, now) =>
      pgCall(
        async () =>
          (await db.select().from(meetingInvites).where(and(eq(meetingInvites.tokenHash, tokenHash), isNull(meetingInvites.usedAt), gt(meetingInvites.expiresAt, now))))[0],
      ),
    markUsed: (inviteId, personId, now) =>
      pgCall(
        async () =>
          (
            await db
              .update(meetingInvites)
              .set({ usedAt: now, usedBy: personId })
              .where(and(eq(meetingInvites.id, inviteId), isNull(meetingInvites.usedAt), isNull(meetingInvites.withdrawnAt)))
              .returning({ id: meetingInvites.id })
          ).length > 0,
      ),
    addGuest: (meetingId, personId, role, now) =>
      pgCall(async () => {
        await db.insert(meetingGuests).values({ meetingId, personId, role, createdAt: now }).onConflictDoNothing();
      }),
  };
}

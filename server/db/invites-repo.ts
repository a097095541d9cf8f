import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from './client.js';
import { meetingGuests, meetingInvites, people } from './schema.js';
import { openInvitesOf } from './stores/invites.js';

export type GuestRole = 'member' | 'observer';
export type InviteRow = typeof meetingInvites.$inferSelect;

/**
 * SQL for a meeting's invite links and the guests they let in. Only a token's hash is stored. Writers run inside
 * the calling command's transaction. PostgreSQL: server/db/pg/invites-store.ts; test/contract/invites.test.ts runs both.
 */
export function invitesRepo(db: Db) {
  return {
    create(row: { id: string; meetingId: string; tokenHash: string; role: GuestRole; createdBy: string; now: number; expiresAt: number }): void {
      db.insert(meetingInvites)
        .values({ id: row.id, meetingId: row.meetingId, tokenHash: row.tokenHash, role: row.role, createdBy: row.createdBy, createdAt: row.now, expiresAt: row.expiresAt })
        .run();
    },
    /** A meeting's invites that can still be used (not used, expired or withdrawn), oldest first; never the hash. */
    open(meetingId: string, now: number): { id: string; role: GuestRole; createdByName: string; createdAt: number; expiresAt: number }[] {
      return db
        .select({ id: meetingInvites.id, role: meetingInvites.role, createdByName: people.name, createdAt: meetingInvites.createdAt, expiresAt: meetingInvites.expiresAt })
        .from(meetingInvites)
        .innerJoin(people, eq(people.id, meetingInvites.createdBy))
        .where(openInvitesOf(meetingInvites, meetingId, now))
        .orderBy(asc(meetingInvites.createdAt), asc(meetingInvites.id))
        .all();
    },
    /** Withdraws one of this meeting's open invites; its role if it was open, else null (nothing changed). */
    withdraw(meetingId: string, inviteId: string, now: number): { role: GuestRole } | null {
      const row = db
        .update(meetingInvites)
        .set({ withdrawnAt: now })
        .where(and(eq(meetingInvites.id, inviteId), openInvitesOf(meetingInvites, meetingId, now)))
        .returning({ role: meetingInvites.role })
        .get();
      return row ?? null;
    },
    /** The unused, unexpired invite with this token hash (withdrawn or not, so a refusal can say which), if any. */
    unused(tokenHash: string, now: number): InviteRow | undefined {
      return db
        .select()
        .from(meetingInvites)
        .where(and(eq(meetingInvites.tokenHash, tokenHash), isNull(meetingInvites.usedAt), gt(meetingInvites.expiresAt, now)))
        .get();
    },
    /** Marks an invite used by this person; false if it was used (or withdrawn) already, so nothing changed. */
    markUsed(inviteId: string, personId: string, now: number): boolean {
      const rows = db
        .update(meetingInvites)
        .set({ usedAt: now, usedBy: personId })
        .where(and(eq(meetingInvites.id, inviteId), isNull(meetingInvites.usedAt), isNull(meetingInvites.withdrawnAt)))
        .returning({ id: meetingInvites.id })
        .all();
      return rows.length > 0;
    },
    /** Lets the person into the meeting as a guest; one who is a guest already keeps their first role. */
    addGuest(meetingId: string, personId: string, role: GuestRole, now: number): void {
      db.insert(meetingGuests).values({ meetingId, personId, role, createdAt: now }).onConflictDoNothing().run();
    },
  };
}
export type InvitesRepo = ReturnType<typeof invitesRepo>;

import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { participatingRoles, type SeriesRole } from '../../shared/domain.js';
import { agencies, circulationRecipients, emailOutbox, meetings, people, seriesMembers } from './schema.js';

export type CirculationRecipientRow = typeof circulationRecipients.$inferSelect;

/** SQL for sending minutes extracts and recording who opened them. */
export function circulationRepo(db: Db) {
  return {
    /** Series members who may read minutes (not observers or governance), with their agency: the people extracts go to. */
    readersOf(seriesId: string) {
      return db
        .select({ id: people.id, name: people.name, email: people.email, language: people.language, agencyId: agencies.id, agencyName: agencies.name, role: seriesMembers.role })
        .from(seriesMembers)
        .innerJoin(people, eq(people.id, seriesMembers.personId))
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(and(eq(seriesMembers.seriesId, seriesId), inArray(seriesMembers.role, [...participatingRoles]), ne(people.role, 'admin')))
        .orderBy(asc(agencies.name), asc(people.name), asc(people.id))
        .all();
    },

    insertRecipient(row: typeof circulationRecipients.$inferInsert): void {
      db.insert(circulationRecipients).values(row).run();
    },

    find(id: string): CirculationRecipientRow | undefined {
      return db.select().from(circulationRecipients).where(eq(circulationRecipients.id, id)).get();
    },

    findByOutboxId(outboxId: string): CirculationRecipientRow | undefined {
      return db.select().from(circulationRecipients).where(eq(circulationRecipients.outboxId, outboxId)).get();
    },

    /** The sender gives a link email its token just before sending; an earlier, unsent token stops working. */
    setToken(id: string, tokenHash: string, expiresAt: number): void {
      db.update(circulationRecipients).set({ tokenHash, expiresAt }).where(eq(circulationRecipients.id, id)).run();
    },

    findByTokenHash(tokenHash: string): CirculationRecipientRow | undefined {
      return db.select().from(circulationRecipients).where(eq(circulationRecipients.tokenHash, tokenHash)).get();
    },

    /**
     * The link a token opens, with the meeting's series and the recipient's role in it (null once they left the
     * series): what deciding whether it may still be opened needs, in one read.
     */
    linkByTokenHash(tokenHash: string): (CirculationRecipientRow & { seriesId: string; recipientRole: SeriesRole | null }) | undefined {
      const row = db
        .select({ link: circulationRecipients, seriesId: meetings.seriesId, recipientRole: seriesMembers.role })
        .from(circulationRecipients)
        .innerJoin(meetings, eq(meetings.id, circulationRecipients.meetingId))
        .leftJoin(seriesMembers, and(eq(seriesMembers.seriesId, meetings.seriesId), eq(seriesMembers.personId, circulationRecipients.personId)))
        .where(eq(circulationRecipients.tokenHash, tokenHash))
        .get();
      return row && { ...row.link, seriesId: row.seriesId, recipientRole: row.recipientRole };
    },

    recordOpen(id: string, at: number): void {
      db.update(circulationRecipients)
        .set({ firstOpenedAt: sql`coalesce(${circulationRecipients.firstOpenedAt}, ${at})`, opens: sql`${circulationRecipients.opens} + 1` })
        .where(eq(circulationRecipients.id, id))
        .run();
    },

    /** Everything sent for a meeting, newest first, with each email's delivery state. */
    listForMeeting(meetingId: string) {
      return db
        .select({
          id: circulationRecipients.id,
          version: circulationRecipients.version,
          agencyName: circulationRecipients.agencyName,
          personId: circulationRecipients.personId,
          personName: people.name,
          delivery: circulationRecipients.delivery,
          createdAt: circulationRecipients.createdAt,
          expiresAt: circulationRecipients.expiresAt,
          firstOpenedAt: circulationRecipients.firstOpenedAt,
          opens: circulationRecipients.opens,
          outboxId: emailOutbox.id,
          state: emailOutbox.state,
          attempts: emailOutbox.attempts,
          lastError: emailOutbox.lastError,
          sentAt: emailOutbox.sentAt,
          nextAttemptAt: emailOutbox.nextAttemptAt,
        })
        .from(circulationRecipients)
        .innerJoin(people, eq(people.id, circulationRecipients.personId))
        .innerJoin(emailOutbox, eq(emailOutbox.id, circulationRecipients.outboxId))
        .where(eq(circulationRecipients.meetingId, meetingId))
        .orderBy(desc(circulationRecipients.createdAt), asc(circulationRecipients.agencyName), asc(people.name), asc(circulationRecipients.id))
        .all();
    },

    outboxIdsOfMeeting(meetingId: string, ids?: string[]): string[] {
      const where = ids ? and(eq(circulationRecipients.meetingId, meetingId), inArray(circulationRecipients.outboxId, ids)) : eq(circulationRecipients.meetingId, meetingId);
      return db.select({ id: circulationRecipients.outboxId }).from(circulationRecipients).where(where).orderBy(asc(circulationRecipients.outboxId)).all().map((r) => r.id);
    },
  };
}
export type CirculationRepo = ReturnType<typeof circulationRepo>;

/**
 * The PostgreSQL circulation records: the same queries as server/db/circulation-repo.ts, names ordered bytewise
 * (collate "C") as SQLite orders them.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { participatingRoles } from '../../../shared/domain.js';
import type { CirculationStore } from '../stores/circulation.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { agencies, circulationRecipients, emailOutbox, meetings, people, seriesMembers } from './schema.js';


export function pgCirculationStore(db: PgExecutor): CirculationStore {
  const one = async <T>(rows: Promise<T[]>): Promise<T | undefined> => (await rows)[0];
  return {
    readersOf: (seriesId) =>
      pgCall(() =>
        db
          .select({ id: people.id, name: people.name, email: people.email, language: people.language, agencyId: agencies.id, agencyName: agencies.name, role: seriesMembers.role })
          .from(seriesMembers)
          .innerJoin(people, eq(people.id, seriesMembers.personId))
          .innerJoin(agencies, eq(agencies.id, people.agencyId))
          .where(and(eq(seriesMembers.seriesId, seriesId), inArray(seriesMembers.role, [...participatingRoles]), ne(people.role, 'admin')))
          .orderBy(bytewise(agencies.name), bytewise(people.name), bytewise(people.id)),
      ),
    insertRecipient: (row) =>
      pgCall(async () => {
        await db.insert(circulationRecipients).values(row);
      }),
    find: (id) => pgCall(() => one(db.select().from(circulationRecipients).where(eq(circulationRecipients.id, id)))),
    findByOutboxId: (outboxId) => pgCall(() => one(db.select().from(circulationRecipients).where(eq(circulationRecipients.outboxId, outboxId)))),
    setToken: (id, tokenHash, expiresAt) =>
      pgCall(async () => {
        await db.update(circulationRecipients).set({ tokenHash, expiresAt }).where(eq(circulationRecipients.id, id));
      }),
    findByTokenHash: (tokenHash) => pgCall(() => one(db.select().from(circulationRecipients).where(eq(circulationRecipients.tokenHash, tokenHash)))),
    linkByTokenHash: (tokenHash) =>
      pgCall(async () => {
        const row = await one(
          db
            .select({ link: circulationRecipients, seriesId: meetings.seriesId, recipientRole: seriesMembers.role })
            .from(circulationRecipients)
            .innerJoin(meetings, eq(meetings.id, circulationRecipients.meetingId))
            .leftJoin(seriesMembers, and(eq(seriesMembers.seriesId, meetings.seriesId), eq(seriesMembers.personId, circulationRecipients.personId)))
            .where(eq(circulationRecipients.tokenHash, tokenHash)),
        );
        return row && { ...row.link, seriesId: row.seriesId, recipientRole: row.recipientRole };
      }),
    recordOpen: (id, at) =>
      pgCall(async () => {
        await db
          .update(circulationRecipients)
          .set({ firstOpenedAt: sql`coalesce(${circulationRecipients.firstOpenedAt}, ${at}::bigint)`, opens: sql`${circulationRecipients.opens} + 1` })
          .where(eq(circulationRecipients.id, id));
      }),
    listForMeeting: (meetingId) =>
      pgCall(() =>
        db
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
          .orderBy(desc(circulationRecipients.createdAt), bytewise(circulationRecipients.agencyName), bytewise(people.name), bytewise(circulationRecipients.id)),
      ),
    outboxIdsOfMeeting: (meetingId, ids) =>
      pgCall(async () => {
        const where = ids ? and(eq(circulationRecipients.meetingId, meetingId), inArray(circulationRecipients.outboxId, ids)) : eq(circulationRecipients.meetingId, meetingId);
        return (await db.select({ id: circulationRecipients.outboxId }).from(circulationRecipients).where(where).orderBy(bytewise(circulationRecipients.outboxId))).map((r) => r.id);
      }),
  };
}

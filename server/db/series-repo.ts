import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne } from 'drizzle-orm';
import type { Db } from './client.js';
import { agencies, meetingDocuments, meetings, minutesVersions, people, series, seriesMembers, type SeriesRole } from './schema.js';
import { overlappingWhere } from './stores/series.js';

export type SeriesRow = typeof series.$inferSelect;
export type MeetingRecord = typeof meetings.$inferSelect;
export type SeriesInsert = typeof series.$inferInsert;
export type MeetingInsert = typeof meetings.$inferInsert;

/**
 * SQL for series and their meetings. Writers run inside the calling command's transaction. Every list has a full
 * order (ties broken by id), so the PostgreSQL store (server/db/pg/series-store.ts) returns the same rows in the
 * same order; test/contract/series.test.ts runs both.
 */
export function seriesRepo(db: Db) {
  const members = (seriesId: string) =>
    db
        .select({ personId: seriesMembers.personId, role: seriesMembers.role, name: people.name, agencyId: people.agencyId, agencyName: agencies.name })
        .from(seriesMembers)
        .innerJoin(people, eq(people.id, seriesMembers.personId))
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(eq(seriesMembers.seriesId, seriesId))
        .orderBy(asc(people.name), asc(seriesMembers.personId))
        .all();
  return {
    find: (id: string): SeriesRow | undefined => db.select().from(series).where(eq(series.id, id)).get(),
    all: (): SeriesRow[] => db.select().from(series).orderBy(asc(series.name), asc(series.id)).all(),
    /** The series this person belongs to, with their role in each. */
    ofPerson(personId: string): (SeriesRow & { role: SeriesRole })[] {
      return db
        .select({ s: series, role: seriesMembers.role })
        .from(seriesMembers)
        .innerJoin(series, eq(series.id, seriesMembers.seriesId))
        .where(eq(seriesMembers.personId, personId))
        .orderBy(asc(series.name), asc(series.id))
        .all()
        .map((r) => ({ ...r.s, role: r.role }));
    },
    insert: (row: SeriesInsert): void => void db.insert(series).values(row).run(),
    update: (id: string, patch: Partial<SeriesInsert>): void => void db.update(series).set(patch).where(eq(series.id, id)).run(),

    members,
    /** Makes the membership exactly `members`: roles updated, newcomers added, the rest removed. */
    replaceMembers(seriesId: string, wanted: { personId: string; role: SeriesRole }[], now: number): void {
      const before = new Map(members(seriesId).map((m) => [m.personId, m.role]));
      const after = new Set(wanted.map((m) => m.personId));
      for (const personId of before.keys()) {
        if (!after.has(personId)) db.delete(seriesMembers).where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId))).run();
      }
      for (const m of wanted) {
        db.insert(seriesMembers)
          .values({ seriesId, personId: m.personId, role: m.role, createdAt: now })
          .onConflictDoUpdate({ target: [seriesMembers.seriesId, seriesMembers.personId], set: { role: m.role } })
          .run();
      }
    },
    /** The global role of each of these people that exists. */
    peopleRoles(ids: string[]): Map<string, (typeof people.$inferSelect)['role']> {
      if (ids.length === 0) return new Map();
      return new Map(db.select({ id: people.id, role: people.role }).from(people).where(inArray(people.id, ids)).all().map((r) => [r.id, r.role]));
    },
    /** Who may be made a series member: everyone except administrators and disabled accounts. */
    directory() {
      return {
        agencies: db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name), asc(agencies.id)).all(),
        people: db
          .select({ id: people.id, name: people.name, agencyId: people.agencyId, agencyName: agencies.name })
          .from(people)
          .innerJoin(agencies, eq(agencies.id, people.agencyId))
          .where(and(ne(people.role, 'admin'), isNull(people.disabledAt)))
          .orderBy(asc(people.name), asc(people.id))
          .all(),
      };
    },
    /** Who gets the series' calendar invites: every member whose account is not disabled, with their address. */
    inviteesOf(seriesId: string): { id: string; name: string; email: string; language: 'en' | 'cy' | null }[] {
      return db
        .select({ id: people.id, name: people.name, email: people.email, language: people.language })
        .from(seriesMembers)
        .innerJoin(people, eq(people.id, seriesMembers.personId))
        .where(and(eq(seriesMembers.seriesId, seriesId), isNull(people.disabledAt)))
        .orderBy(asc(people.name), asc(people.id))
        .all();
    },
    /** The other series that has set this case reference prefix, if any. */
    withCaseRefPrefix: (prefix: string, exceptId: string | null): SeriesRow | undefined =>
      db.select().from(series).where(and(eq(series.caseRefPrefix, prefix), exceptId ? ne(series.id, exceptId) : undefined)).orderBy(asc(series.id)).get(),
    /** These people's names and addresses (accounts not disabled): whom a membership change sends invites to. */
    contactsOf(ids: string[]): { id: string; name: string; email: string; language: 'en' | 'cy' | null }[] {
      if (ids.length === 0) return [];
      return db.select({ id: people.id, name: people.name, email: people.email, language: people.language }).from(people).where(and(inArray(people.id, ids), isNull(people.disabledAt))).orderBy(asc(people.name), asc(people.id)).all();
    },
    agencyExists: (id: string): boolean => db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id)).get() !== undefined,
    personName: (id: string): string | null => db.select({ name: people.name }).from(people).where(eq(people.id, id)).get()?.name ?? null,

    meetingsOf: (seriesId: string): MeetingRecord[] => db.select().from(meetings).where(eq(meetings.seriesId, seriesId)).orderBy(asc(meetings.scheduledAt), asc(meetings.id)).all(),
    findMeeting: (id: string): MeetingRecord | undefined => db.select().from(meetings).where(eq(meetings.id, id)).get(),
    /**
     * A new meeting with its document's first state (the agenda from the series' template), in the caller's
     * transaction: nobody ever opens a meeting with an empty agenda. A snapshot at log position 0, as a compaction
     * would store it (the meeting has no log yet).
     */
    insertMeeting(row: MeetingInsert, firstDocument: Uint8Array): void {
      db.insert(meetings).values(row).run();
      db.insert(meetingDocuments).values({ meetingId: row.id, doc: 'shared', snapshot: Buffer.from(firstDocument), logSeq: 0, updatedAt: row.createdAt }).run();
    },
    updateMeeting: (id: string, patch: Partial<MeetingInsert>): void => void db.update(meetings).set(patch).where(eq(meetings.id, id)).run(),
    /** The latest start of the series' meetings that still count (not cancelled); the cadence continues after it. */
    lastMeetingAt(seriesId: string): number | null {
      return (
        db
          .select({ at: meetings.scheduledAt })
          .from(meetings)
          .where(and(eq(meetings.seriesId, seriesId), ne(meetings.status, 'cancelled')))
          .orderBy(desc(meetings.scheduledAt))
          .get()?.at ?? null
      );
    },
    /** A meeting of the series (not cancelled, not `exceptId`) starting less than `windowMs` from `at`. */
    overlapping(seriesId: string, at: number, windowMs: number, exceptId?: string): MeetingRecord | undefined {
      return db
        .select()
        .from(meetings)
        .where(overlappingWhere(meetings, seriesId, at, windowMs, exceptId))
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .get();
    },
    /** The latest meeting of the series before `at` that has minutes: the one the next meeting agrees. */
    previousWithMinutes(seriesId: string, before: number): MeetingRecord | undefined {
      const withMinutes = db.selectDistinct({ id: minutesVersions.meetingId }).from(minutesVersions);
      return db
        .select()
        .from(meetings)
        .where(and(eq(meetings.seriesId, seriesId), lt(meetings.scheduledAt, before), inArray(meetings.id, withMinutes), isNotNull(meetings.endedAt)))
        .orderBy(desc(meetings.scheduledAt), asc(meetings.id))
        .get();
    },
    latestMinutesVersion(meetingId: string): number | null {
      return db.select({ v: minutesVersions.version }).from(minutesVersions).where(eq(minutesVersions.meetingId, meetingId)).orderBy(desc(minutesVersions.version)).get()?.v ?? null;
    },
  };
}
export type SeriesRepo = ReturnType<typeof seriesRepo>;

/**
 * The PostgreSQL series, members and meetings: the same queries as server/db/series-repo.ts. Names are ordered with
 * collate "C" (bytewise, as SQLite compares text) and every list breaks ties by id, so both engines list the same
 * rows in the same order.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne } from 'drizzle-orm';
import { overlappingWhere, type SeriesStore } from '../stores/series.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { agencies, meetingDocuments, meetings, minutesVersions, people, series, seriesMembers } from './schema.js';


export function pgSeriesStore(db: PgExecutor): SeriesStore {
  const members = (seriesId: string) =>
    db
      .select({ personId: seriesMembers.personId, role: seriesMembers.role, name: people.name, agencyId: people.agencyId, agencyName: agencies.name })
      .from(seriesMembers)
      .innerJoin(people, eq(people.id, seriesMembers.personId))
      .innerJoin(agencies, eq(agencies.id, people.agencyId))
      .where(eq(seriesMembers.seriesId, seriesId))
      .orderBy(bytewise(people.name), bytewise(seriesMembers.personId));
  const contacts = { id: people.id, name: people.name, email: people.email, language: people.language };

  return {
    find: (id) => pgCall(async () => (await db.select().from(series).where(eq(series.id, id)))[0]),
    all: () => pgCall(() => db.select().from(series).orderBy(bytewise(series.name), bytewise(series.id))),
    ofPerson: (personId) =>
      pgCall(async () =>
        (
          await db
            .select({ s: series, role: seriesMembers.role })
            .from(seriesMembers)
            .innerJoin(series, eq(series.id, seriesMembers.seriesId))
            .where(eq(seriesMembers.personId, personId))
            .orderBy(bytewise(series.name), bytewise(series.id))
        ).map((r) => ({ ...r.s, role: r.role })),
      ),
    insert: (row) =>
      pgCall(async () => {
        await db.insert(series).values(row);
      }),
    update: (id, patch) =>
      pgCall(async () => {
        await db.update(series).set(patch).where(eq(series.id, id));
      }),

    members: (seriesId) => pgCall(() => members(seriesId)),
    replaceMembers: (seriesId, wanted, now) =>
      pgCall(async () => {
        const after = new Set(wanted.map((m) => m.personId));
        for (const { personId } of await members(seriesId)) {
          if (!after.has(personId)) await db.delete(seriesMembers).where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId)));
        }
        // One statement per member, as on SQLite: a person named twice ends with the last role rather than an error.
        for (const m of wanted) {
          await db
            .insert(seriesMembers)
            .values({ seriesId, personId: m.personId, role: m.role, createdAt: now })
            .onConflictDoUpdate({ target: [seriesMembers.seriesId, seriesMembers.personId], set: { role: m.role } });
        }
      }),
    peopleRoles: (ids) =>
      pgCall(async () => {
        if (ids.length === 0) return new Map();
        const rows = await db.select({ id: people.id, role: people.role }).from(people).where(inArray(people.id, ids));
        return new Map(rows.map((r) => [r.id, r.role]));
      }),
    directory: () =>
      pgCall(async () => ({
        agencies: await db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(bytewise(agencies.name), bytewise(agencies.id)),
        people: await db
          .select({ id: people.id, name: people.name, agencyId: people.agencyId, agencyName: agencies.name })
          .from(people)
          .innerJoin(agencies, eq(agencies.id, people.agencyId))
          .where(and(ne(people.role, 'admin'), isNull(people.disabledAt)))
          .orderBy(bytewise(people.name), bytewise(people.id)),
      })),
    inviteesOf: (seriesId) =>
      pgCall(() =>
        db
          .select(contacts)
          .from(seriesMembers)
          .innerJoin(people, eq(people.id, seriesMembers.personId))
          .where(and(eq(seriesMembers.seriesId, seriesId), isNull(people.disabledAt)))
          .orderBy(bytewise(people.name), bytewise(people.id)),
      ),
    withCaseRefPrefix: (prefix, exceptId) =>
      pgCall(
        async () =>
          (
            await db
              .select()
              .from(series)
              .where(and(eq(series.caseRefPrefix, prefix), exceptId ? ne(series.id, exceptId) : undefined))
              .orderBy(bytewise(series.id))
              .limit(1)
          )[0],
      ),
    contactsOf: (ids) =>
      pgCall(async () => {
        if (ids.length === 0) return [];
        return db
          .select(contacts)
          .from(people)
          .where(and(inArray(people.id, ids), isNull(people.disabledAt)))
          .orderBy(bytewise(people.name), bytewise(people.id));
      }),
    agencyExists: (id) => pgCall(async () => (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id))).length > 0),
    personName: (id) => pgCall(async () => (await db.select({ name: people.name }).from(people).where(eq(people.id, id)))[0]?.name ?? null),

    meetingsOf: (seriesId) => pgCall(() => db.select().from(meetings).where(eq(meetings.seriesId, seriesId)).orderBy(asc(meetings.scheduledAt), bytewise(meetings.id))),
    findMeeting: (id) => pgCall(async () => (await db.select().from(meetings).where(eq(meetings.id, id)))[0]),
    insertMeeting: (row, firstDocument) =>
      pgCall(async () => {
        await db.insert(meetings).values(row);
        await db.insert(meetingDocuments).values({ meetingId: row.id, doc: 'shared', snapshot: Buffer.from(firstDocument), logSeq: 0, updatedAt: row.createdAt });
      }),
    updateMeeting: (id, patch) =>
      pgCall(async () => {
        await db.update(meetings).set(patch).where(eq(meetings.id, id));
      }),
    lastMeetingAt: (seriesId) =>
      pgCall(
        async () =>
          (
            await db
              .select({ at: meetings.scheduledAt })
              .from(meetings)
              .where(and(eq(meetings.seriesId, seriesId), ne(meetings.status, 'cancelled')))
              .orderBy(desc(meetings.scheduledAt))
              .limit(1)
          )[0]?.at ?? null,
      ),
    overlapping: (seriesId, at, windowMs, exceptId) =>
      pgCall(
        async () =>
          (
            await db
              .select()
              .from(meetings)
              .where(overlappingWhere(meetings, seriesId, at, windowMs, exceptId))
              .orderBy(asc(meetings.scheduledAt), bytewise(meetings.id))
              .limit(1)
          )[0],
      ),
    previousWithMinutes: (seriesId, before) =>
      pgCall(async () => {
        const withMinutes = db.selectDistinct({ id: minutesVersions.meetingId }).from(minutesVersions);
        return (
          await db
            .select()
            .from(meetings)
            .where(and(eq(meetings.seriesId, seriesId), lt(meetings.scheduledAt, before), inArray(meetings.id, withMinutes), isNotNull(meetings.endedAt)))
            .orderBy(desc(meetings.scheduledAt), bytewise(meetings.id))
            .limit(1)
        )[0];
      }),
    latestMinutesVersion: (meetingId) =>
      pgCall(
        async () =>
          (await db.select({ v: minutesVersions.version }).from(minutesVersions).where(eq(minutesVersions.meetingId, meetingId)).orderBy(desc(minutesVersions.version)).limit(1))[0]?.v ??
          null,
      ),
  };
}

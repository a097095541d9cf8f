/**
 * The PostgreSQL case register, referrals, research and agenda publication: the same queries as
 * server/db/cases-repo.ts, with the same orderings (text ordered bytewise, `collate "C"`, as SQLite orders it).
 *
 * Case references: `nextSeq` reads the highest number of (prefix, year) inside the caller's command transaction,
 * which holds the command lock (server/db/stores/storage.ts), so no other command of any process can take the same
 * number before this one commits. It also takes a transaction lock on (prefix, year) itself, so a caller that forgot
 * the command transaction still gets consecutive numbers; the unique index on (prefix, year, seq) is the last word.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { participatingRoles } from '../../../shared/domain.js';
import { caseSeriesOf, type CasesStore } from '../stores/cases.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import {
  actionUpdates,
  actions,
  agencies,
  agendaPublications,
  caseResearch,
  cases,
  meetings,
  minutesDecisions,
  minutesItems,
  people,
  referrals,
  series,
  seriesMembers,
} from './schema.js';


export function pgCasesStore(db: PgExecutor): CasesStore {
  return {
    series: (seriesId) =>
      pgCall(async () => {
        const [row] = await db
          .select({ id: series.id, name: series.name, caseRefPrefix: series.caseRefPrefix, archivedAt: series.archivedAt, minutesLanguage: series.minutesLanguage })
          .from(series)
          .where(eq(series.id, seriesId));
        return row && caseSeriesOf(row);
      }),

    agency: (agencyId) => pgCall(async () => (await db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)))[0]),

    seriesAgencies: (seriesId) =>
      pgCall(() => {
        // PostgreSQL's DISTINCT cannot order by an expression it does not select (the collation): filter instead.
        const taking = db
          .select({ id: people.agencyId })
          .from(seriesMembers)
          .innerJoin(people, eq(people.id, seriesMembers.personId))
          .where(and(eq(seriesMembers.seriesId, seriesId), inArray(seriesMembers.role, [...participatingRoles])));
        return db
          .select({ id: agencies.id, name: agencies.name })
          .from(agencies)
          .where(inArray(agencies.id, taking))
          .orderBy(bytewise(agencies.name), bytewise(agencies.id));
      }),

    people: (ids) =>
      pgCall(async () => {
        if (ids.length === 0) return [];
        return db
          .select({ id: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name })
          .from(people)
          .innerJoin(agencies, eq(agencies.id, people.agencyId))
          .where(inArray(people.id, [...ids]))
          .orderBy(bytewise(people.id));
      }),

    nextSeq: (prefix, year) =>
      pgCall(async () => {
        await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`case-ref/${prefix}/${year}`}, 0))`);
        const [row] = await db
          .select({ max: sql<number | null>`max(${cases.seq})` })
          .from(cases)
          .where(and(eq(cases.prefix, prefix), eq(cases.year, year)));
        return (row?.max ?? 0) + 1;
      }),
    insertCase: (row) =>
      pgCall(async () => {
        await db.insert(cases).values(row);
      }),
    updateCase: (id, patch) =>
      pgCall(async () => {
        await db.update(cases).set(patch).where(eq(cases.id, id));
      }),
    caseById: (id) => pgCall(async () => (await db.select().from(cases).where(eq(cases.id, id)))[0]),
    caseByRef: (ref) => pgCall(async () => (await db.select().from(cases).where(eq(cases.ref, ref)))[0]),
    casesById: (ids) =>
      pgCall(async () => (ids.length ? db.select().from(cases).where(inArray(cases.id, [...ids])).orderBy(bytewise(cases.id)) : [])),
    listCases: (seriesId) =>
      pgCall(() => db.select().from(cases).where(eq(cases.seriesId, seriesId)).orderBy(desc(cases.year), desc(cases.seq), bytewise(cases.ref))),
    casesByRefs: (seriesId, refs) =>
      pgCall(async () =>
        refs.length ? db.select().from(cases).where(and(eq(cases.seriesId, seriesId), inArray(cases.ref, [...refs]))).orderBy(bytewise(cases.ref)) : [],
      ),

    insertReferral: (row) =>
      pgCall(async () => {
        await db.insert(referrals).values(row);
      }),
    updateReferral: (id, patch) =>
      pgCall(async () => {
        await db.update(referrals).set(patch).where(eq(referrals.id, id));
      }),
    referral: (id) => pgCall(async () => (await db.select().from(referrals).where(eq(referrals.id, id)))[0]),
    listReferrals: (seriesId, filter = {}) =>
      pgCall(() => {
        const where = [eq(referrals.seriesId, seriesId)];
        if (filter.referrerId) where.push(eq(referrals.referrerId, filter.referrerId));
        if (filter.states) where.push(inArray(referrals.state, [...filter.states]));
        return db
          .select()
          .from(referrals)
          .where(and(...where))
          .orderBy(desc(referrals.urgent), asc(referrals.createdAt), bytewise(referrals.id));
      }),
    referralsOfCases: (caseIds) =>
      pgCall(async () =>
        caseIds.length
          ? db.select().from(referrals).where(inArray(referrals.caseId, [...caseIds])).orderBy(desc(referrals.createdAt), bytewise(referrals.id))
          : [],
      ),
    acceptedOnto: (meetingId) =>
      pgCall(() =>
        db
          .select()
          .from(referrals)
          .where(and(eq(referrals.meetingId, meetingId), eq(referrals.state, 'accepted')))
          .orderBy(asc(referrals.createdAt), bytewise(referrals.id)),
      ),

    research: (caseId, meetingId, agencyId) =>
      pgCall(
        async () =>
          (await db
            .select()
            .from(caseResearch)
            .where(and(eq(caseResearch.caseId, caseId), eq(caseResearch.meetingId, meetingId), eq(caseResearch.agencyId, agencyId))))[0],
      ),
    insertResearch: (row) =>
      pgCall(async () => {
        await db.insert(caseResearch).values(row);
      }),
    updateResearch: (id, patch) =>
      pgCall(async () => {
        await db.update(caseResearch).set(patch).where(eq(caseResearch.id, id));
      }),
    researchForMeeting: (meetingId) =>
      pgCall(() => db.select().from(caseResearch).where(eq(caseResearch.meetingId, meetingId)).orderBy(asc(caseResearch.createdAt), bytewise(caseResearch.id))),
    researchForCase: (caseId) =>
      pgCall(() =>
        db
          .select({ row: caseResearch, agencyName: agencies.name, meetingAt: meetings.scheduledAt })
          .from(caseResearch)
          .innerJoin(agencies, eq(agencies.id, caseResearch.agencyId))
          .innerJoin(meetings, eq(meetings.id, caseResearch.meetingId))
          .where(eq(caseResearch.caseId, caseId))
          .orderBy(desc(meetings.scheduledAt), bytewise(agencies.name), bytewise(caseResearch.id)),
      ),

    publication: (meetingId) => pgCall(async () => (await db.select().from(agendaPublications).where(eq(agendaPublications.meetingId, meetingId)))[0]),
    publish: (meetingId, personId, at) =>
      pgCall(async () => {
        await db
          .insert(agendaPublications)
          .values({ meetingId, publishedAt: at, publishedBy: personId })
          .onConflictDoUpdate({ target: agendaPublications.meetingId, set: { publishedAt: at, publishedBy: personId } });
      }),
    publishedUpcoming: (seriesIds) =>
      pgCall(async () => {
        if (seriesIds.length === 0) return [];
        return db
          .select({ meetingId: meetings.id, seriesId: meetings.seriesId, title: meetings.title, scheduledAt: meetings.scheduledAt, publishedAt: agendaPublications.publishedAt })
          .from(agendaPublications)
          .innerJoin(meetings, eq(meetings.id, agendaPublications.meetingId))
          .where(and(inArray(meetings.seriesId, [...seriesIds]), eq(meetings.status, 'scheduled')))
          .orderBy(asc(meetings.scheduledAt), bytewise(meetings.id));
      }),
    seriesOf: (personId) =>
      pgCall(async () =>
        (await db.select({ id: seriesMembers.seriesId }).from(seriesMembers).where(eq(seriesMembers.personId, personId)).orderBy(bytewise(seriesMembers.seriesId))).map(
          (r) => r.id,
        ),
      ),

    minutesItemsOfCase: (seriesId, ref) =>
      pgCall(() =>
        db
          .select({
            meetingId: minutesItems.meetingId,
            itemId: minutesItems.itemId,
            title: minutesItems.title,
            discussion: minutesItems.discussion,
            contributions: minutesItems.contributions,
            heldAt: meetings.scheduledAt,
            meetingTitle: meetings.title,
          })
          .from(minutesItems)
          .innerJoin(meetings, eq(meetings.id, minutesItems.meetingId))
          .where(and(eq(meetings.seriesId, seriesId), eq(minutesItems.caseRef, ref)))
          .orderBy(desc(meetings.scheduledAt), bytewise(meetings.id), asc(minutesItems.position)),
      ),
    decisionsOf: (items) =>
      pgCall(async () => {
        if (items.length === 0) return [];
        const meetingIds = [...new Set(items.map((i) => i.meetingId))];
        const wanted = new Set(items.map((i) => `${i.meetingId}/${i.itemId}`));
        const rows = await db.select().from(minutesDecisions).where(inArray(minutesDecisions.meetingId, meetingIds)).orderBy(asc(minutesDecisions.id));
        return rows.filter((d) => wanted.has(`${d.meetingId}/${d.itemId}`));
      }),
    actionsOfCase: (seriesId, ref) =>
      pgCall(() =>
        db
          .select({ id: actions.id, meetingId: actions.meetingId, what: actions.what, due: actions.due, status: actions.status, ownerName: people.name, ownerAgency: agencies.name, heldAt: meetings.scheduledAt })
          .from(actions)
          .innerJoin(meetings, eq(meetings.id, actions.meetingId))
          .leftJoin(people, eq(people.id, actions.ownerPersonId))
          .leftJoin(agencies, eq(agencies.id, actions.ownerAgencyId))
          .where(and(eq(actions.seriesId, seriesId), eq(actions.caseRef, ref)))
          .orderBy(desc(meetings.scheduledAt), bytewise(actions.meetingId), asc(actions.position), bytewise(actions.id)),
      ),
    actionNotes: (actionIds) =>
      pgCall(async () => {
        if (actionIds.length === 0) return [];
        return db
          .select({ actionId: actionUpdates.actionId, status: actionUpdates.status, note: actionUpdates.note, at: actionUpdates.at })
          .from(actionUpdates)
          .where(inArray(actionUpdates.actionId, [...actionIds]))
          .orderBy(asc(actionUpdates.at), asc(actionUpdates.id));
      }),
    timesDiscussed: (seriesId, refs) =>
      pgCall(async () => {
        if (refs.length === 0) return new Map<string, number>();
        // count() is a bigint in PostgreSQL (a string from node-postgres): read it back as the number SQLite gives.
        const rows = await db
          .select({ ref: minutesItems.caseRef, n: sql<number>`count(distinct ${minutesItems.meetingId})::int` })
          .from(minutesItems)
          .innerJoin(meetings, eq(meetings.id, minutesItems.meetingId))
          .where(and(eq(meetings.seriesId, seriesId), inArray(minutesItems.caseRef, [...refs])))
          .groupBy(minutesItems.caseRef)
          .orderBy(bytewise(minutesItems.caseRef));
        return new Map(rows.map((r) => [r.ref ?? '', r.n]));
      }),
  };
}

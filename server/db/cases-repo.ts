/**
 * SQL for the case register, referrals, research and agenda publication (SQLite; server/db/pg/cases-store.ts is the
 * PostgreSQL twin). Writers run inside the caller's `storage.transaction`, which takes the write lock at its start
 * (BEGIN IMMEDIATE), so reading the next reference number and inserting it cannot race.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { participatingRoles } from '../../shared/domain.js';
import { caseSeriesOf } from './stores/cases.js';
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

export type CaseRow = typeof cases.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type ResearchRow = typeof caseResearch.$inferSelect;

export function casesRepo(db: Db) {
  return {
    series(seriesId: string) {
      const row = db
        .select({ id: series.id, name: series.name, caseRefPrefix: series.caseRefPrefix, archivedAt: series.archivedAt, minutesLanguage: series.minutesLanguage })
        .from(series)
        .where(eq(series.id, seriesId))
        .get();
      return row && caseSeriesOf(row);
    },

    agency(agencyId: string) {
      return db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)).get();
    },

    /** Agencies expected to research a series' cases: those of its members who take part (not observers or governance). */
    seriesAgencies(seriesId: string) {
      return db
        .selectDistinct({ id: agencies.id, name: agencies.name })
        .from(seriesMembers)
        .innerJoin(people, eq(people.id, seriesMembers.personId))
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(and(eq(seriesMembers.seriesId, seriesId), inArray(seriesMembers.role, [...participatingRoles])))
        .orderBy(asc(agencies.name), asc(agencies.id))
        .all();
    },

    people(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name })
        .from(people)
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(inArray(people.id, [...ids]))
        .orderBy(asc(people.id))
        .all();
    },

    nextSeq(prefix: string, year: number): number {
      const row = db
        .select({ max: sql<number | null>`max(${cases.seq})` })
        .from(cases)
        .where(and(eq(cases.prefix, prefix), eq(cases.year, year)))
        .get();
      return (row?.max ?? 0) + 1;
    },
    insertCase(row: typeof cases.$inferInsert): void {
      db.insert(cases).values(row).run();
    },
    updateCase(id: string, patch: Partial<typeof cases.$inferInsert>): void {
      db.update(cases).set(patch).where(eq(cases.id, id)).run();
    },
    caseById: (id: string): CaseRow | undefined => db.select().from(cases).where(eq(cases.id, id)).get(),
    caseByRef: (ref: string): CaseRow | undefined => db.select().from(cases).where(eq(cases.ref, ref)).get(),
    casesById(ids: readonly string[]): CaseRow[] {
      return ids.length ? db.select().from(cases).where(inArray(cases.id, [...ids])).orderBy(asc(cases.id)).all() : [];
    },
    listCases(seriesId: string): CaseRow[] {
      return db.select().from(cases).where(eq(cases.seriesId, seriesId)).orderBy(desc(cases.year), desc(cases.seq), asc(cases.ref)).all();
    },
    casesByRefs(seriesId: string, refs: readonly string[]): CaseRow[] {
      return refs.length ? db.select().from(cases).where(and(eq(cases.seriesId, seriesId), inArray(cases.ref, [...refs]))).orderBy(asc(cases.ref)).all() : [];
    },

    insertReferral(row: typeof referrals.$inferInsert): void {
      db.insert(referrals).values(row).run();
    },
    updateReferral(id: string, patch: Partial<typeof referrals.$inferInsert>): void {
      db.update(referrals).set(patch).where(eq(referrals.id, id)).run();
    },
    referral: (id: string): ReferralRow | undefined => db.select().from(referrals).where(eq(referrals.id, id)).get(),
    listReferrals(seriesId: string, filter: { referrerId?: string; states?: readonly ReferralRow['state'][] } = {}): ReferralRow[] {
      const where = [eq(referrals.seriesId, seriesId)];
      if (filter.referrerId) where.push(eq(referrals.referrerId, filter.referrerId));
      if (filter.states) where.push(inArray(referrals.state, [...filter.states]));
      return db.select().from(referrals).where(and(...where)).orderBy(desc(referrals.urgent), asc(referrals.createdAt), asc(referrals.id)).all();
    },
    referralsOfCases(caseIds: readonly string[]): ReferralRow[] {
      return caseIds.length ? db.select().from(referrals).where(inArray(referrals.caseId, [...caseIds])).orderBy(desc(referrals.createdAt), asc(referrals.id)).all() : [];
    },
    acceptedOnto(meetingId: string): ReferralRow[] {
      return db.select().from(referrals).where(and(eq(referrals.meetingId, meetingId), eq(referrals.state, 'accepted'))).orderBy(asc(referrals.createdAt), asc(referrals.id)).all();
    },

    research(caseId: string, meetingId: string, agencyId: string): ResearchRow | undefined {
      return db
        .select()
        .from(caseResearch)
        .where(and(eq(caseResearch.caseId, caseId), eq(caseResearch.meetingId, meetingId), eq(caseResearch.agencyId, agencyId)))
        .get();
    },
    insertResearch(row: typeof caseResearch.$inferInsert): void {
      db.insert(caseResearch).values(row).run();
    },
    updateResearch(id: string, patch: Partial<typeof caseResearch.$inferInsert>): void {
      db.update(caseResearch).set(patch).where(eq(caseResearch.id, id)).run();
    },
    researchForMeeting(meetingId: string): ResearchRow[] {
      return db.select().from(caseResearch).where(eq(caseResearch.meetingId, meetingId)).orderBy(asc(caseResearch.createdAt), asc(caseResearch.id)).all();
    },
    researchForCase(caseId: string) {
      return db
        .select({ row: caseResearch, agencyName: agencies.name, meetingAt: meetings.scheduledAt })
        .from(caseResearch)
        .innerJoin(agencies, eq(agencies.id, caseResearch.agencyId))
        .innerJoin(meetings, eq(meetings.id, caseResearch.meetingId))
        .where(eq(caseResearch.caseId, caseId))
        .orderBy(desc(meetings.scheduledAt), asc(agencies.name), asc(caseResearch.id))
        .all();
    },

    publication(meetingId: string) {
      return db.select().from(agendaPublications).where(eq(agendaPublications.meetingId, meetingId)).get();
    },
    publish(meetingId: string, personId: string, at: number): void {
      db.insert(agendaPublications)
        .values({ meetingId, publishedAt: at, publishedBy: personId })
        .onConflictDoUpdate({ target: agendaPublications.meetingId, set: { publishedAt: at, publishedBy: personId } })
        .run();
    },
    /** Upcoming meetings of these series whose agenda is published: the "add your research" notice. */
    publishedUpcoming(seriesIds: readonly string[]) {
      if (seriesIds.length === 0) return [];
      return db
        .select({ meetingId: meetings.id, seriesId: meetings.seriesId, title: meetings.title, scheduledAt: meetings.scheduledAt, publishedAt: agendaPublications.publishedAt })
        .from(agendaPublications)
        .innerJoin(meetings, eq(meetings.id, agendaPublications.meetingId))
        .where(and(inArray(meetings.seriesId, [...seriesIds]), eq(meetings.status, 'scheduled')))
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .all();
    },
    seriesOf(personId: string): string[] {
      return db.select({ id: seriesMembers.seriesId }).from(seriesMembers).where(eq(seriesMembers.personId, personId)).orderBy(asc(seriesMembers.seriesId)).all().map((r) => r.id);
    },

    // ---- History from the minutes record --------------------------------------------------------------------

    /** Every ended meeting whose minutes (current version) have an item on this case. */
    minutesItemsOfCase(seriesId: string, ref: string) {
      return db
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
        .orderBy(desc(meetings.scheduledAt), asc(meetings.id), asc(minutesItems.position))
        .all();
    },
    decisionsOf(items: readonly { meetingId: string; itemId: string }[]) {
      if (items.length === 0) return [];
      const meetingIds = [...new Set(items.map((i) => i.meetingId))];
      const wanted = new Set(items.map((i) => `${i.meetingId}/${i.itemId}`));
      return db
        .select()
        .from(minutesDecisions)
        .where(inArray(minutesDecisions.meetingId, meetingIds))
        .orderBy(asc(minutesDecisions.id))
        .all()
        .filter((d) => wanted.has(`${d.meetingId}/${d.itemId}`));
    },
    actionsOfCase(seriesId: string, ref: string) {
      return db
        .select({ id: actions.id, meetingId: actions.meetingId, what: actions.what, due: actions.due, status: actions.status, ownerName: people.name, ownerAgency: agencies.name, heldAt: meetings.scheduledAt })
        .from(actions)
        .innerJoin(meetings, eq(meetings.id, actions.meetingId))
        .leftJoin(people, eq(people.id, actions.ownerPersonId))
        .leftJoin(agencies, eq(agencies.id, actions.ownerAgencyId))
        .where(and(eq(actions.seriesId, seriesId), eq(actions.caseRef, ref)))
        .orderBy(desc(meetings.scheduledAt), asc(actions.meetingId), asc(actions.position), asc(actions.id))
        .all();
    },
    actionNotes(actionIds: readonly string[]) {
      if (actionIds.length === 0) return [];
      return db
        .select({ actionId: actionUpdates.actionId, status: actionUpdates.status, note: actionUpdates.note, at: actionUpdates.at })
        .from(actionUpdates)
        .where(inArray(actionUpdates.actionId, [...actionIds]))
        .orderBy(asc(actionUpdates.at), asc(actionUpdates.id))
        .all();
    },
    /** How many ended meetings discussed each of these references. */
    timesDiscussed(seriesId: string, refs: readonly string[]): Map<string, number> {
      if (refs.length === 0) return new Map();
      const rows = db
        .select({ ref: minutesItems.caseRef, n: sql<number>`count(distinct ${minutesItems.meetingId})` })
        .from(minutesItems)
        .innerJoin(meetings, eq(meetings.id, minutesItems.meetingId))
        .where(and(eq(meetings.seriesId, seriesId), inArray(minutesItems.caseRef, [...refs])))
        .groupBy(minutesItems.caseRef)
        .orderBy(asc(minutesItems.caseRef))
        .all();
      return new Map(rows.map((r) => [r.ref ?? '', r.n]));
    },
  };
}
export type CasesRepo = ReturnType<typeof casesRepo>;

import { aliasedTable, and, asc, desc, eq, gt, max, ne } from 'drizzle-orm';
import type { Db } from './client.js';
import {
  actions,
  agencies,
  meetingAttendance,
  meetings,
  minutesAttendance,
  minutesDecisions,
  minutesItems,
  minutesVersions,
  people,
  series,
} from './schema.js';
import type { StoredContent } from '../services/minutes/content.js';
import { agreementOf, currentRowsOf, versionOf, type VersionRow } from './stores/minutes.js';

export type { VersionRow };

/** SQL for the minutes record. Writers are called inside the caller's transaction. */
export function minutesRepo(db: Db) {
  const chair = aliasedTable(people, 'chair');
  const chairAgency = aliasedTable(agencies, 'chair_agency');
  const taker = aliasedTable(people, 'taker');
  const takerAgency = aliasedTable(agencies, 'taker_agency');
  const contentIfAny = (meetingId: string, version: number): StoredContent | undefined => {
    const row = db
      .select({ content: minutesVersions.content })
      .from(minutesVersions)
      .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version)))
      .get();
    return row?.content as StoredContent | undefined;
  };
  return {
    meetingFacts(meetingId: string) {
      const row = db
        .select({
          id: meetings.id,
          title: meetings.title,
          scheduledAt: meetings.scheduledAt,
          openedAt: meetings.openedAt,
          venue: meetings.venue,
          decisionPrefix: series.decisionPrefix,
          decisionScheme: series.decisionScheme,
          minutesLanguage: series.minutesLanguage,
          status: meetings.status,
          seriesId: meetings.seriesId,
          seriesName: series.name,
          chairName: chair.name,
          chairAgency: chairAgency.name,
          takerName: taker.name,
          takerAgency: takerAgency.name,
        })
        .from(meetings)
        .innerJoin(series, eq(series.id, meetings.seriesId))
        .leftJoin(chair, eq(chair.id, meetings.chairId))
        .leftJoin(chairAgency, eq(chairAgency.id, chair.agencyId))
        .leftJoin(taker, eq(taker.id, meetings.minuteTakerId))
        .leftJoin(takerAgency, eq(takerAgency.id, taker.agencyId))
        .where(eq(meetings.id, meetingId))
        .get();
      if (!row) return undefined;
      const next = db
        .select({ id: meetings.id, scheduledAt: meetings.scheduledAt })
        .from(meetings)
        .where(and(eq(meetings.seriesId, row.seriesId), gt(meetings.scheduledAt, row.scheduledAt), ne(meetings.status, 'cancelled')))
        .orderBy(asc(meetings.scheduledAt))
        .get();
      return { ...row, next: next ?? null };
    },

    /** Who came, with their agency, first join, last leave and confidentiality acknowledgement. */
    attendance(meetingId: string) {
      return db
        .select({
          personId: meetingAttendance.personId,
          role: meetingAttendance.role,
          joinedAt: meetingAttendance.firstJoinedAt,
          leftAt: meetingAttendance.lastLeftAt,
          ackAt: meetingAttendance.confidentialityAckAt,
          name: people.name,
          agency: agencies.name,
        })
        .from(meetingAttendance)
        .innerJoin(people, eq(people.id, meetingAttendance.personId))
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(eq(meetingAttendance.meetingId, meetingId))
        .orderBy(asc(meetingAttendance.firstJoinedAt), asc(people.name))
        .all();
    },

    /** Whether (and by whom, in which version) a later meeting agreed these minutes as a correct record. */
    agreement(meetingId: string) {
      const row = db
        .select({ at: meetings.minutesAgreedAt, version: meetings.minutesAgreedVersion, by: people.name })
        .from(meetings)
        .leftJoin(people, eq(people.id, meetings.minutesAgreedBy))
        .where(eq(meetings.id, meetingId))
        .get();
      return agreementOf(row);
    },

    nextDecisionSeq(seriesId: string, year: number): number {
      const row = db
        .select({ top: max(minutesDecisions.seq) })
        .from(minutesDecisions)
        .where(and(eq(minutesDecisions.seriesId, seriesId), eq(minutesDecisions.year, year)))
        .get();
      return (row?.top ?? 0) + 1;
    },

    insertVersion(row: typeof minutesVersions.$inferInsert): void {
      db.insert(minutesVersions).values(row).run();
    },

    /** Every version's facts, newest first; the content stays in the database until one is asked for. */
    versions(meetingId: string): VersionRow[] {
      return db
        .select({
          version: minutesVersions.version,
          contentHash: minutesVersions.contentHash,
          createdAt: minutesVersions.createdAt,
          note: minutesVersions.note,
          changes: minutesVersions.changes,
          byId: people.id,
          byName: people.name,
          byAgency: agencies.name,
        })
        .from(minutesVersions)
        .innerJoin(people, eq(people.id, minutesVersions.createdBy))
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(eq(minutesVersions.meetingId, meetingId))
        .orderBy(desc(minutesVersions.version))
        .all()
        .map(versionOf);
    },

    content: (meetingId: string, version: number): StoredContent => contentIfAny(meetingId, version)!,
    contentIfAny,

    /** Replaces the normalised rows of the current version (decisions keep their numbers, actions their ids). */
    writeCurrentRows(meetingId: string, seriesId: string, year: number, content: StoredContent, now: number): void {
      const rows = currentRowsOf(meetingId, seriesId, year, content, now);
      db.delete(minutesAttendance).where(eq(minutesAttendance.meetingId, meetingId)).run();
      if (rows.attendance.length) db.insert(minutesAttendance).values(rows.attendance).run();
      db.delete(minutesItems).where(eq(minutesItems.meetingId, meetingId)).run();
      for (const item of rows.items) {
        db.insert(minutesItems).values(item.row).run();
        if (item.decision) {
          db.insert(minutesDecisions)
            .values(item.decision.values)
            .onConflictDoUpdate({ target: [minutesDecisions.meetingId, minutesDecisions.itemId], set: item.decision.set })
            .run();
        }
        for (const action of item.actions) db.insert(actions).values(action.values).onConflictDoUpdate({ target: actions.id, set: action.set }).run();
      }
    },

    decisionsOf(meetingId: string) {
      return db.select().from(minutesDecisions).where(eq(minutesDecisions.meetingId, meetingId)).orderBy(asc(minutesDecisions.seq)).all();
    },
  };
}
export type MinutesRepo = ReturnType<typeof minutesRepo>;

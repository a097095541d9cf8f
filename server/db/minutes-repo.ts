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
import { decisionSeqOf, type VersionRow } from './stores/minutes.js';

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
      return row?.at != null && row.version != null ? { at: row.at, version: row.version, by: row.by ?? '' } : null;
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
        .map((r) => ({
          version: r.version,
          contentHash: r.contentHash,
          createdAt: r.createdAt,
          note: r.note,
          changes: r.changes ?? [],
          createdBy: { id: r.byId, name: r.byName, agency: r.byAgency },
        }));
    },

    content: (meetingId: string, version: number): StoredContent => contentIfAny(meetingId, version)!,
    contentIfAny,

    /** Replaces the normalised rows of the current version (decisions keep their numbers, actions their ids). */
    writeCurrentRows(meetingId: string, seriesId: string, year: number, content: StoredContent, now: number): void {
      db.delete(minutesAttendance).where(eq(minutesAttendance.meetingId, meetingId)).run();
      const attendanceRows = [
        ...content.attendance.present.map((p) => ({
          meetingId,
          personId: p.personId,
          name: p.name,
          agency: p.agency,
          role: p.role,
          status: 'present' as const,
          joinedAt: p.joinedAt ? Date.parse(p.joinedAt) : null,
          leftAt: p.leftAt ? Date.parse(p.leftAt) : null,
        })),
        ...content.attendance.apologies.map((p) => ({ meetingId, personId: p.personId, name: p.name, agency: p.agency, role: 'apologies', status: 'apologies' as const })),
      ];
      if (attendanceRows.length) db.insert(minutesAttendance).values(attendanceRows).run();
      db.delete(minutesItems).where(eq(minutesItems.meetingId, meetingId)).run();
      for (const item of content.items) {
        db.insert(minutesItems)
          .values({ meetingId, itemId: item.id, position: item.number, kind: item.kind, title: item.title, caseRef: item.caseRef, discussion: item.background.join('\n\n'), contributions: item.contributions })
          .run();
        if (item.decision) {
          const seq = decisionSeqOf(item.decision.number, year);
          const values = { outcome: item.decision.outcome ?? '', text: item.decision.text, reasons: item.decision.reasons };
          db.insert(minutesDecisions)
            .values({ meetingId, itemId: item.id, seriesId, year, seq, number: item.decision.number, ...values })
            .onConflictDoUpdate({ target: [minutesDecisions.meetingId, minutesDecisions.itemId], set: values })
            .run();
        }
        item.actions.forEach((a, position) => {
          const values = { what: a.what, ownerPersonId: a.ownerPersonId, ownerAgencyId: a.ownerAgencyId, due: a.due, status: a.status, position, caseRef: item.caseRef, updatedAt: now };
          db.insert(actions)
            .values({ id: a.id, seriesId, meetingId, itemId: item.id, createdAt: now, ...values })
            .onConflictDoUpdate({ target: actions.id, set: values })
            .run();
        });
      }
    },

    decisionsOf(meetingId: string) {
      return db.select().from(minutesDecisions).where(eq(minutesDecisions.meetingId, meetingId)).orderBy(asc(minutesDecisions.seq)).all();
    },
  };
}
export type MinutesRepo = ReturnType<typeof minutesRepo>;

/**
 * The PostgreSQL minutes store: the same queries as the SQLite repository (server/db/minutes-repo.ts) through
 * Drizzle's node-postgres driver. Decision numbers: `nextDecisionSeq` takes a transaction lock on (series, year)
 * before reading the highest number, so two meetings of one series ending at once in two processes get consecutive
 * numbers instead of one of them failing on the unique index (the command lock of `storage.transaction` already
 * serialises commands; this one also holds for a writer that is not a command).
 */
import { aliasedTable, and, asc, desc, eq, gt, max, ne, sql } from 'drizzle-orm';
import type { StoredContent } from '../../services/minutes/content.js';
import { agreementOf, currentRowsOf, versionConflict, versionOf, type MeetingFacts, type MinutesReads, type MinutesStore } from '../stores/minutes.js';
import { isUniqueViolation } from '../stores/unique-violation.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { actions, agencies, meetingAttendance, meetings, minutesAttendance, minutesDecisions, minutesItems, minutesVersions, people, series } from './schema.js';

type Queryable = Pick<PgExecutor, 'select' | 'insert' | 'delete' | 'execute'>;

const chair = aliasedTable(people, 'chair');
const chairAgency = aliasedTable(agencies, 'chair_agency');
const taker = aliasedTable(people, 'taker');
const takerAgency = aliasedTable(agencies, 'taker_agency');

function reads(db: Queryable): MinutesReads {
  return {
    async meetingFacts(meetingId): Promise<MeetingFacts | undefined> {
      const [row] = await db
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
        .where(eq(meetings.id, meetingId));
      if (!row) return undefined;
      const [next] = await db
        .select({ id: meetings.id, scheduledAt: meetings.scheduledAt })
        .from(meetings)
        .where(and(eq(meetings.seriesId, row.seriesId), gt(meetings.scheduledAt, row.scheduledAt), ne(meetings.status, 'cancelled')))
        .orderBy(asc(meetings.scheduledAt))
        .limit(1);
      return { ...row, next: next ?? null };
    },

    attendance: (meetingId) =>
      db
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
        // SQLite compares text bytewise; PostgreSQL's default collation would not: "C" keeps both orders equal.
        .orderBy(asc(meetingAttendance.firstJoinedAt), bytewise(people.name)),

    async agreement(meetingId) {
      const [row] = await db
        .select({ at: meetings.minutesAgreedAt, version: meetings.minutesAgreedVersion, by: people.name })
        .from(meetings)
        .leftJoin(people, eq(people.id, meetings.minutesAgreedBy))
        .where(eq(meetings.id, meetingId));
      return agreementOf(row);
    },

    async versions(meetingId) {
      const rows = await db
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
        .orderBy(desc(minutesVersions.version));
      return rows.map(versionOf);
    },

    async content(meetingId, version) {
      const [row] = await db
        .select({ content: minutesVersions.content })
        .from(minutesVersions)
        .where(and(eq(minutesVersions.meetingId, meetingId), eq(minutesVersions.version, version)));
      return row?.content as StoredContent | undefined;
    },

    decisionsOf: (meetingId) => db.select().from(minutesDecisions).where(eq(minutesDecisions.meetingId, meetingId)).orderBy(asc(minutesDecisions.seq)),
  };
}

function store(tx: Queryable): MinutesStore {
  return {
    ...reads(tx),
    async nextDecisionSeq(seriesId, year) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`decisions/${seriesId}/${year}`}, 0))`);
      const [row] = await tx
        .select({ top: max(minutesDecisions.seq) })
        .from(minutesDecisions)
        .where(and(eq(minutesDecisions.seriesId, seriesId), eq(minutesDecisions.year, year)));
      return (row?.top ?? 0) + 1;
    },

    async insertVersion(row) {
      try {
        await tx.insert(minutesVersions).values(row);
      } catch (err) {
        throw isUniqueViolation(err) ? versionConflict() : err;
      }
    },

    async writeCurrentRows(meetingId, seriesId, year, content, now) {
      const rows = currentRowsOf(meetingId, seriesId, year, content, now);
      await tx.delete(minutesAttendance).where(eq(minutesAttendance.meetingId, meetingId));
      if (rows.attendance.length) await tx.insert(minutesAttendance).values(rows.attendance);
      await tx.delete(minutesItems).where(eq(minutesItems.meetingId, meetingId));
      for (const item of rows.items) {
        await tx.insert(minutesItems).values(item.row);
        if (item.decision) {
          await tx
            .insert(minutesDecisions)
            .values(item.decision.values)
            .onConflictDoUpdate({ target: [minutesDecisions.meetingId, minutesDecisions.itemId], set: item.decision.set });
        }
        for (const action of item.actions) await tx.insert(actions).values(action.values).onConflictDoUpdate({ target: actions.id, set: action.set });
      }
    },
  };
}

/** Every call runs through `pgCall`, so an unreachable database is a storage fault with its words. */
function faultAware<T extends object>(target: T): T {
  return Object.fromEntries(
    Object.entries(target).map(([name, fn]) => [name, (...args: unknown[]) => pgCall(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args))]),
  ) as T;
}

/**
 * Inside a command's transaction `db` is that transaction (pgStores is built over it), so a version and its rows are
 * written all or nothing, and `nextDecisionSeq`'s lock is held until the commit.
 */
export function pgMinutesStore(db: PgExecutor): MinutesStore {
  return faultAware(store(db));
}

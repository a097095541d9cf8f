/**
 * The PostgreSQL outcome figures: the same SQL as server/db/outcomes-repo.ts, with PostgreSQL's spellings where
 * they differ (a flag read as 0/1, a count of matching rows with FILTER, camelCase names quoted) and SQLite's
 * orders kept (agency names bytewise, no agency first).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { OutcomesStore, OutcomeWindow } from '../stores/outcomes.js';
import type { PgExecutor } from './client.js';
import { pgCall } from './faults.js';

export function pgOutcomesStore(db: PgExecutor): OutcomesStore {
  const all = <T>(query: SQL): Promise<T[]> => pgCall(async () => (await db.execute(query)).rows as T[]);
  // Meetings held in the range: ended meetings of the series whose scheduled time falls inside it.
  const heldMeetings = (w: OutcomeWindow) =>
    sql`select m.id, m.scheduled_at from meetings m where m.series_id = ${w.seriesId} and m.status = 'ended' and m.scheduled_at >= ${w.start} and m.scheduled_at < ${w.end}`;

  return {
    seriesName: async (seriesId) => (await all<{ name: string }>(sql`select name from series where id = ${seriesId}`))[0]?.name ?? null,

    referrals: (w) =>
      all(sql`select r.created_at as "at", a.name as agency, r."repeat"::int as "repeat"
                from referrals r join agencies a on a.id = r.agency_id
               where r.series_id = ${w.seriesId} and r.created_at >= ${w.start} and r.created_at < ${w.end}
               order by r.created_at`),

    decisionsByOutcome: (w) =>
      all(sql`select d.outcome as outcome, count(*) as count
                from minutes_decisions d join (${heldMeetings(w)}) m on m.id = d.meeting_id
               group by d.outcome`),

    actions: (w) =>
      all(sql`select a.name as agency, m.scheduled_at as "meetingAt", x.due as due, x.status as status,
                     (select u.at from action_updates u where u.action_id = x.id and u.status = x.status order by u.at desc, u.id desc limit 1) as "changedAt",
                     (select u.note from action_updates u where u.action_id = x.id and u.status = x.status order by u.at desc, u.id desc limit 1) as note
                from actions x
                join (${heldMeetings(w)}) m on m.id = x.meeting_id
                left join agencies a on a.id = x.owner_agency_id
               order by a.name collate "C" nulls first, m.scheduled_at`),

    cases: (w) =>
      all(sql`select c.created_at as "createdAt", c.closed_at as "closedAt", c.status as status
                from cases c where c.series_id = ${w.seriesId} and c.status <> 'merged' and c.created_at < ${w.end}`),

    meetingsByStatus: (w) =>
      all(sql`select status, count(*) as count from meetings
               where series_id = ${w.seriesId} and scheduled_at >= ${w.start} and scheduled_at < ${w.end} group by status`),

    attendance: (w) =>
      all(sql`select t.agency as agency,
                     count(*) filter (where t.status = 'present') as present,
                     count(*) filter (where t.status = 'apologies') as apologies,
                     count(distinct case when t.status = 'present' then t.meeting_id end) as meetings
                from minutes_attendance t join (${heldMeetings(w)}) m on m.id = t.meeting_id
               group by t.agency order by t.agency collate "C"`),

    research: (w) =>
      all(sql`select a.name as agency, count(distinct r.case_id) as cases
                from case_research r join (${heldMeetings(w)}) m on m.id = r.meeting_id join agencies a on a.id = r.agency_id
               group by a.name order by a.name collate "C"`),
  };
}

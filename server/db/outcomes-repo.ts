/**
 * SQL for a series' outcome figures over [start, end) instants (the service turns London days into them). Every
 * query returns counts or dates with agency names: no case reference, person, note or minutes text, except the
 * reasons recorded when an action was marked not possible or not done.
 */
import type { Db } from './client.js';

export interface OutcomeWindow {
  seriesId: string;
  /** First instant inside the range. */
  start: number;
  /** First instant after the range. */
  end: number;
}

export function outcomesRepo(db: Db) {
  const sqlite = db.$client;
  const all = <T>(sql: string, w: OutcomeWindow): T[] => sqlite.prepare(sql).all({ series: w.seriesId, start: w.start, end: w.end }) as T[];
  // Meetings held in the range: ended meetings of the series whose scheduled time falls inside it.
  const heldMeetings = `select m.id, m.scheduled_at from meetings m where m.series_id = @series and m.status = 'ended' and m.scheduled_at >= @start and m.scheduled_at < @end`;

  return {
    seriesName(seriesId: string): string | null {
      return (sqlite.prepare('select name from series where id = ?').get(seriesId) as { name: string } | undefined)?.name ?? null;
    },

    /** Each referral received in the range: when, from which agency, and whether the server marked it a repeat. */
    referrals(w: OutcomeWindow) {
      return all<{ at: number; agency: string; repeat: number }>(
        `select r.created_at as at, a.name as agency, r."repeat" as "repeat"
           from referrals r join agencies a on a.id = r.agency_id
          where r.series_id = @series and r.created_at >= @start and r.created_at < @end
          order by r.created_at`,
        w,
      );
    },

    /** Decisions recorded in the current minutes of meetings held in the range, by outcome ('' when none was picked). */
    decisionsByOutcome(w: OutcomeWindow) {
      return all<{ outcome: string; count: number }>(
        `select d.outcome as outcome, count(*) as count
           from minutes_decisions d join (${heldMeetings}) m on m.id = d.meeting_id
          group by d.outcome`,
        w,
      );
    },

    /**
     * Actions agreed at meetings held in the range, with the owning agency, the meeting's time, the due day, the
     * status, and (for done, not possible, not done) the time and note of the latest change to that status.
     */
    actions(w: OutcomeWindow) {
      return all<{ agency: string | null; meetingAt: number; due: string | null; status: string; changedAt: number | null; note: string | null }>(
        `select a.name as agency, m.scheduled_at as meetingAt, x.due as due, x.status as status,
                (select u.at from action_updates u where u.action_id = x.id and u.status = x.status order by u.at desc, u.id desc limit 1) as changedAt,
                (select u.note from action_updates u where u.action_id = x.id and u.status = x.status order by u.at desc, u.id desc limit 1) as note
           from actions x
           join (${heldMeetings}) m on m.id = x.meeting_id
           left join agencies a on a.id = x.owner_agency_id
          order by a.name, m.scheduled_at`,
        w,
      );
    },

    /** Cases of the series (merged references left out: their history lives on the earlier case). */
    cases(w: OutcomeWindow) {
      return all<{ createdAt: number; closedAt: number | null; status: string }>(
        `select c.created_at as createdAt, c.closed_at as closedAt, c.status as status
           from cases c where c.series_id = @series and c.status <> 'merged' and c.created_at < @end`,
        w,
      );
    },

    /** Meetings of the series scheduled in the range, by status. */
    meetingsByStatus(w: OutcomeWindow) {
      return all<{ status: string; count: number }>(
        `select status, count(*) as count from meetings
          where series_id = @series and scheduled_at >= @start and scheduled_at < @end group by status`,
        w,
      );
    },

    /** Per agency: people present, apologies, and meetings with at least one of its people present. */
    attendance(w: OutcomeWindow) {
      return all<{ agency: string; present: number; apologies: number; meetings: number }>(
        `select t.agency as agency,
                sum(t.status = 'present') as present,
                sum(t.status = 'apologies') as apologies,
                count(distinct case when t.status = 'present' then t.meeting_id end) as meetings
           from minutes_attendance t join (${heldMeetings}) m on m.id = t.meeting_id
          group by t.agency order by t.agency`,
        w,
      );
    },

    /** Per agency: how many different cases it sent research for, for meetings held in the range. */
    research(w: OutcomeWindow) {
      return all<{ agency: string; cases: number }>(
        `select a.name as agency, count(distinct r.case_id) as cases
           from case_research r join (${heldMeetings}) m on m.id = r.meeting_id join agencies a on a.id = r.agency_id
          group by a.name order by a.name`,
        w,
      );
    },
  };
}
export type OutcomesRepo = ReturnType<typeof outcomesRepo>;

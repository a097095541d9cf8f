/**
 * A series' outcome figures over [from, to] (inclusive London days), computed from the outcomes store's rows.
 * Each table is exactly what the screen shows beside its chart and what its CSV holds.
 */
import type enOutcomes from '../../../shared/i18n/locales/en/outcomes.json';
import type { translator } from '../../i18n.js';
import { decisionOutcomes } from '../../../shared/minutes.js';
import { meetingStatuses } from '../../../shared/domain.js';
import type { FigureTable, OutcomeTable, OutcomesView } from '../../../shared/outcomes.js';
import type { OutcomesStore, OutcomeWindow } from '../../db/stores/outcomes.js';
import { daysBetween, londonDay, londonMonth } from './dates.js';

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

type Rows<K extends keyof OutcomesStore> = Awaited<ReturnType<OutcomesStore[K]>>;

/** Every row the figures are computed from, read for one window. */
export interface OutcomeRows {
  referrals: Rows<'referrals'>;
  decisions: Rows<'decisionsByOutcome'>;
  actions: Rows<'actions'>;
  cases: Rows<'cases'>;
  meetings: Rows<'meetingsByStatus'>;
  attendance: Rows<'attendance'>;
  research: Rows<'research'>;
}

export async function readOutcomeRows(store: OutcomesStore, w: OutcomeWindow): Promise<OutcomeRows> {
  const [referrals, decisions, actions, cases, meetings, attendance, research] = await Promise.all([
    store.referrals(w),
    store.decisionsByOutcome(w),
    store.actions(w),
    store.cases(w),
    store.meetingsByStatus(w),
    store.attendance(w),
    store.research(w),
  ]);
  return { referrals, decisions, actions, cases, meetings, attendance, research };
}

/** The figures, their column headings and row labels in the reader's language (`t`): the screen and the CSV alike. */
export function computeOutcomes(rows: OutcomeRows, w: OutcomeWindow, range: { from: string; to: string }, t: ReturnType<typeof translator>): Omit<OutcomesView, 'series'> {
  const tables = {} as Record<OutcomeTable, FigureTable>;
  const c = (key: keyof typeof enOutcomes.columns) => t(`outcomes:columns.${key}`);
  const noAgency = t('outcomes:rows.noAgency');
  const noReason = t('outcomes:rows.noReason');

  const { referrals } = rows;
  const byMonthAgency = countBy(referrals, (r) => `${londonMonth(r.at)}\u0000${r.agency}`);
  tables.referrals = {
    columns: [c('month'), c('referringAgency'), c('referrals'), c('repeatReferrals')],
    rows: [...byMonthAgency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, rows]) => [...key.split('\u0000'), rows.length, rows.filter((r) => r.repeat).length]),
  };
  const repeatReferrals = referrals.filter((r) => r.repeat).length;

  const decisions = new Map(rows.decisions.map((d) => [d.outcome, d.count]));
  tables.decisions = {
    columns: [c('outcome'), c('decisions')],
    rows: [...decisionOutcomes.map((o) => [t(`domain:decisionOutcome.${o}`), decisions.get(o) ?? 0]), ...(decisions.get('') ? [[t('outcomes:rows.noOutcome'), decisions.get('')!]] : [])],
  };

  const { actions } = rows;
  const doneDays: number[] = [];
  const actionRows = [...countBy(actions, (a) => a.agency ?? noAgency).entries()].map(([agency, rows]) => {
    const done = rows.filter((a) => a.status === 'done');
    const days = done.map((a) => daysBetween(a.meetingAt, a.changedAt ?? a.meetingAt));
    doneDays.push(...days);
    // On time: marked done on or before its due day (an action with no due day cannot be late).
    const onTime = done.filter((a) => a.due === null || londonDay(a.changedAt ?? a.meetingAt) <= a.due).length;
    return [agency, rows.length, onTime, done.length - onTime, rows.filter((a) => a.status === 'not-possible').length, rows.filter((a) => a.status === 'not-done').length, rows.filter((a) => a.status === 'open').length, median(days) ?? ''];
  });
  tables.actions = { columns: [c('agency'), c('agreed'), c('doneOnTime'), c('doneLate'), c('notPossible'), c('notDone'), c('stillOpen'), c('medianDays')], rows: actionRows };

  const notCompleted = actions.filter((a) => a.status === 'not-possible' || a.status === 'not-done');
  tables['action-reasons'] = {
    columns: [c('agency'), c('status'), c('reason'), c('actions')],
    rows: [...countBy(notCompleted, (a) => [a.agency ?? noAgency, t(a.status === 'not-possible' ? 'outcomes:rows.notPossible' : 'outcomes:rows.notDone'), a.note?.trim() || noReason].join('\u0000')).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, rows]) => [...key.split('\u0000'), rows.length]),
  };

  const { cases } = rows;
  const opened = cases.filter((c) => c.createdAt >= w.start).length;
  const closed = cases.filter((c) => c.closedAt !== null && c.closedAt >= w.start && c.closedAt < w.end).length;
  // Open at the end of the range: not (yet) closed by then. A case closed later counts as open at the end.
  const openAtEnd = cases.filter((c) => !(c.status === 'closed' && c.closedAt !== null && c.closedAt < w.end)).length;
  tables.cases = {
    columns: [c('measure'), c('cases')],
    rows: [
      [t('outcomes:rows.opened'), opened],
      [t('outcomes:rows.closed'), closed],
      [t('outcomes:rows.openAtEnd'), openAtEnd],
    ],
  };

  const meetings = new Map(rows.meetings.map((m) => [m.status, m.count]));
  tables.meetings = { columns: [c('status'), c('meetings')], rows: meetingStatuses.map((s) => [t(`domain:meetingStatus.${s}`), meetings.get(s) ?? 0]) };

  tables.attendance = { columns: [c('agency'), c('meetingsAttended'), c('peoplePresent'), c('apologies')], rows: rows.attendance.map((a) => [a.agency, a.meetings, a.present, a.apologies]) };
  tables.research = { columns: [c('agency'), c('casesResearched')], rows: rows.research.map((r) => [r.agency, r.cases]) };

  return {
    from: range.from,
    to: range.to,
    summary: {
      referrals: referrals.length,
      repeatReferrals,
      repeatRatePercent: referrals.length ? Math.round((repeatReferrals / referrals.length) * 1000) / 10 : null,
      decisions: [...decisions.values()].reduce((a, b) => a + b, 0),
      actionsAgreed: actions.length,
      medianDaysToComplete: median(doneDays),
      casesOpened: opened,
      casesClosed: closed,
      casesOpenAtEnd: openAtEnd,
      meetingsHeld: meetings.get('ended') ?? 0,
    },
    tables,
  };
}

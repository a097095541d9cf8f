/**
 * The outcomes dashboard of a series: who may see it (coordinators, chairs, the governance board), the date range it
 * covers, its figures, their CSVs and the quarterly data return. Every view and download is audited.
 */
import { csvDocument } from '../../../shared/csv.js';
import { outcomeLimits } from '../../../shared/limits.js';
import { outcomeTables, type FigureTable, type OutcomeTable, type OutcomesView } from '../../../shared/outcomes.js';
import type { OutcomesRepo } from '../../db/outcomes-repo.js';
import { AppError, invalidFields, msg } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';
import type { Audit } from '../audit-service.js';
import { defaultRange, parseIsoDate, quarterRange } from './dates.js';
import { computeOutcomes } from './figures.js';

export interface CsvFile {
  fileName: string;
  body: string;
}

/** [from, to] from the query: both default to the last three months; 422 with a message per wrong field. */
export function parseRange(query: { from?: unknown; to?: unknown }, now: number): { from: string; to: string } {
  const fallback = defaultRange(now);
  const fields: Record<string, string> = {};
  const from = query.from === undefined || query.from === '' ? parseIsoDate(fallback.from) : parseIsoDate(query.from);
  const to = query.to === undefined || query.to === '' ? parseIsoDate(fallback.to) : parseIsoDate(query.to);
  if (!from) fields.from = 'The start date must be a real date, written YYYY-MM-DD';
  if (!to) fields.to = 'The end date must be a real date, written YYYY-MM-DD';
  if (from && to && from > to) fields.from = 'The start date must be on or before the end date';
  if (from && to && to.diff(from, 'days').days > outcomeLimits.rangeDays) fields.to = `The range may cover at most ${outcomeLimits.rangeDays} days`;
  if (Object.keys(fields).length) throw invalidFields(fields);
  return { from: from!.toISODate()!, to: to!.toISODate()! };
}

function parseQuarter(query: { year?: unknown; quarter?: unknown }): { year: number; quarter: number } {
  const fields: Record<string, string> = {};
  const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? Number(query.year) : NaN;
  const quarter = typeof query.quarter === 'string' && /^[1-4]$/.test(query.quarter) ? Number(query.quarter) : NaN;
  if (!(year >= outcomeLimits.firstYear && year <= outcomeLimits.lastYear)) fields.year = `The year must be between ${outcomeLimits.firstYear} and ${outcomeLimits.lastYear}`;
  if (Number.isNaN(quarter)) fields.quarter = 'The quarter must be 1, 2, 3 or 4';
  if (Object.keys(fields).length) throw invalidFields(fields);
  return { year, quarter };
}

const cells = (t: FigureTable): string[][] => t.rows.map((row) => row.map((c) => String(c)));

/** How many leading columns of each table name the row (the rest are figures): the quarterly return's breakdown. */
const labelColumns: Record<OutcomeTable, number> = { referrals: 2, decisions: 1, actions: 1, 'action-reasons': 3, cases: 1, meetings: 1, attendance: 1, research: 1 };

export const quarterlyReturnColumns = ['Series', 'Period start', 'Period end', 'Section', 'Breakdown', 'Measure', 'Value'] as const;

export function createOutcomesService(deps: { repo: OutcomesRepo; policies: Policies; audit: Audit; now: () => number }) {
  const { repo, policies, audit, now } = deps;

  function figures(seriesId: string, range: { from: string; to: string }): OutcomesView {
    const start = parseIsoDate(range.from)!;
    const end = parseIsoDate(range.to)!.plus({ days: 1 });
    const computed = computeOutcomes(repo, { seriesId, start: start.toMillis(), end: end.toMillis() }, range);
    return { series: { id: seriesId, name: repo.seriesName(seriesId) ?? '' }, ...computed };
  }

  function quarterlyReturn(view: OutcomesView): string {
    const base = [view.series.name, view.from, view.to];
    const s = view.summary;
    const summary: [string, number | null][] = [
      ['Referrals', s.referrals],
      ['Repeat referrals', s.repeatReferrals],
      ['Repeat referral rate (%)', s.repeatRatePercent],
      ['Decisions', s.decisions],
      ['Actions agreed', s.actionsAgreed],
      ['Median days to complete an action', s.medianDaysToComplete],
      ['Cases opened', s.casesOpened],
      ['Cases closed', s.casesClosed],
      ['Cases open at the end', s.casesOpenAtEnd],
      ['Meetings held', s.meetingsHeld],
    ];
    const rows: string[][] = summary.map(([measure, value]) => [...base, 'summary', 'All', measure, value === null ? '' : String(value)]);
    for (const table of outcomeTables) {
      const t = view.tables[table];
      const k = labelColumns[table];
      for (const row of t.rows) {
        for (let c = k; c < t.columns.length; c++) rows.push([...base, table, row.slice(0, k).join(' / '), t.columns[c], String(row[c])]);
      }
    }
    return csvDocument(quarterlyReturnColumns, rows);
  }

  return {
    /** The figures for the screen and `GET /api/series/:id/outcomes`. */
    view(actor: Actor | null, seriesId: string, query: { from?: unknown; to?: unknown }, ip: string | null): OutcomesView {
      policies.authoriseSeries(actor, seriesId, 'viewOutcomes');
      const range = parseRange(query, now());
      audit.record({ actorId: actor!.id, action: 'outcomes.view', targetType: 'series', targetId: seriesId, detail: range, ip });
      return figures(seriesId, range);
    },

    /** One table as CSV, the same rows as the screen's table. `file` is `<table>.csv`. */
    tableCsv(actor: Actor | null, seriesId: string, file: string, query: { from?: unknown; to?: unknown }, ip: string | null): CsvFile {
      policies.authoriseSeries(actor, seriesId, 'viewOutcomes');
      const table = file.replace(/\.csv$/, '') as OutcomeTable;
      if (!file.endsWith('.csv') || !outcomeTables.includes(table)) throw new AppError('not_found', msg('errors:noSuchTableChooseOneOf', { value: outcomeTables.map((t) => `${t}.csv`).join(', ') }));
      const range = parseRange(query, now());
      const view = figures(seriesId, range);
      audit.record({ actorId: actor!.id, action: 'outcomes.download', targetType: 'series', targetId: seriesId, detail: { table, ...range }, ip });
      return { fileName: `${table} ${range.from} to ${range.to}.csv`, body: csvDocument(view.tables[table].columns, cells(view.tables[table])) };
    },

    /** The quarterly data return: one CSV, one figure a row (layout in docs/quarterly-return.md). */
    quarterlyReturnCsv(actor: Actor | null, seriesId: string, query: { year?: unknown; quarter?: unknown }, ip: string | null): CsvFile {
      policies.authoriseSeries(actor, seriesId, 'viewOutcomes');
      const { year, quarter } = parseQuarter(query);
      const view = figures(seriesId, quarterRange(year, quarter));
      audit.record({ actorId: actor!.id, action: 'outcomes.download', targetType: 'series', targetId: seriesId, detail: { table: 'quarterly-return', year, quarter }, ip });
      return { fileName: `Quarterly return ${year} Q${quarter}.csv`, body: quarterlyReturn(view) };
    },
  };
}
export type OutcomesService = ReturnType<typeof createOutcomesService>;

/** Which columns of each outcomes table a chart draws, and how (pure, so the screen and its tests share it). */
import type { FigureTable, OutcomeTable } from '../../../shared/outcomes';

export interface ChartSeries {
  label: string;
  values: number[];
}
export interface ChartData {
  labels: string[];
  series: ChartSeries[];
  stacked: boolean;
  /** Bars run across (long agency names read better). */
  horizontal: boolean;
}

const num = (v: string | number): number => (typeof v === 'number' ? v : 0);

/** Columns as series, the first column as labels. */
function byColumns(t: FigureTable, columns: string[], stacked: boolean, horizontal: boolean): ChartData {
  return {
    labels: t.rows.map((r) => String(r[0])),
    series: columns.map((c) => ({ label: c, values: t.rows.map((r) => num(r[t.columns.indexOf(c)])) })),
    stacked,
    horizontal,
  };
}

/** Referrals: months along the bottom, one stacked series per referring agency. */
function referrals(t: FigureTable): ChartData {
  const months = [...new Set(t.rows.map((r) => String(r[0])))].sort();
  const agencies = [...new Set(t.rows.map((r) => String(r[1])))].sort();
  return {
    labels: months,
    series: agencies.map((agency) => ({ label: agency, values: months.map((m) => t.rows.filter((r) => r[0] === m && r[1] === agency).reduce((sum, r) => sum + num(r[2]), 0)) })),
    stacked: true,
    horizontal: false,
  };
}

/** The chart for a table, or null where a table has no chart (the reasons are words, not figures). */
export function chartFor(table: OutcomeTable, t: FigureTable): ChartData | null {
  if (t.rows.length === 0) return null;
  switch (table) {
    case 'referrals':
      return referrals(t);
    case 'decisions':
      return byColumns(t, ['Decisions'], false, false);
    case 'actions':
      return byColumns(t, ['Done on time', 'Done late', 'Not possible', 'Not done', 'Still open'], true, true);
    case 'cases':
      return byColumns(t, ['Cases'], false, true);
    case 'meetings':
      return byColumns(t, ['Meetings'], false, false);
    case 'attendance':
      return byColumns(t, ['People present', 'Apologies'], false, true);
    case 'research':
      return byColumns(t, ['Cases researched'], false, true);
    case 'action-reasons':
      return null;
  }
}

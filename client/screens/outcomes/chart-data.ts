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

/**
 * Columns (by position) as series named by their headings, the first column as labels. Positions, not headings, pick
 * them: the server heads the columns in the reader's language.
 */
function byColumns(t: FigureTable, columns: number[], stacked: boolean, horizontal: boolean): ChartData {
  return {
    labels: t.rows.map((r) => String(r[0])),
    series: columns.map((c) => ({ label: t.columns[c], values: t.rows.map((r) => num(r[c])) })),
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
      return byColumns(t, [1], false, false);
    case 'actions':
      // Done on time, done late, not possible, not done, still open.
      return byColumns(t, [2, 3, 4, 5, 6], true, true);
    case 'cases':
      return byColumns(t, [1], false, true);
    case 'meetings':
      return byColumns(t, [1], false, false);
    case 'attendance':
      // People present, apologies.
      return byColumns(t, [2, 3], false, true);
    case 'research':
      return byColumns(t, [1], false, true);
    case 'action-reasons':
      return null;
  }
}

/**
 * The outcomes dashboard of a series: its figures over a date range, as tables (the accessible form, and what a
 * governance board pastes into its reports). Counts only: no case reference, name, minutes or action text leaves
 * the server here, only the reasons given when an action was not possible or not done.
 */
/** The tables, in the order the screen shows them; each is also `GET /api/series/:id/outcomes/<table>.csv`. */
export const outcomeTables = ['referrals', 'decisions', 'actions', 'action-reasons', 'cases', 'meetings', 'attendance', 'research'] as const;
export type OutcomeTable = (typeof outcomeTables)[number];
/** Each table's title is `outcomes:tables.<table>` in the catalogues. */

/** One table as both ends use it: the header and rows of strings and numbers, exactly what the CSV holds. */
export interface FigureTable {
  columns: string[];
  rows: (string | number)[][];
}

export interface OutcomesView {
  series: { id: string; name: string };
  from: string;
  to: string;
  /** The headline figures. */
  summary: {
    referrals: number;
    repeatReferrals: number;
    /** Repeat referrals as a percentage of all referrals in the range, one decimal place; null with none. */
    repeatRatePercent: number | null;
    decisions: number;
    actionsAgreed: number;
    /** Median days from the meeting that agreed an action to the day it was marked done; null with none done. */
    medianDaysToComplete: number | null;
    casesOpened: number;
    casesClosed: number;
    casesOpenAtEnd: number;
    meetingsHeld: number;
  };
  tables: Record<OutcomeTable, FigureTable>;
}

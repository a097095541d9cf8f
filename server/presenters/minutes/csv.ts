/** The meeting's actions as an RFC 4180 CSV, for agencies' own action trackers (usually Excel). */
import type { MinutesView } from '../../../shared/minutes.js';
import { outlineMinutes } from '../../../shared/minutes-house-style.js';

export const csvColumns = ['item number', 'case ref', 'action', 'owner', 'agency', 'due', 'status'] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR that hides one) as a formula; a leading apostrophe
 * makes them show it as text instead (OWASP "CSV injection").
 */
export const spreadsheetSafe = (cell: string): string => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/**
 * Quoted when it holds a separator, a quote or a line break. `;` counts as a separator too: Excel in locales whose
 * list separator is `;` (much of Europe) splits there, so an unquoted `;` would start a new cell.
 */
const quoted = (cell: string): string => (/[",;\t\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

const csvLine = (cells: readonly string[]): string => cells.map((cell) => quoted(spreadsheetSafe(cell))).join(',');

// Excel reads a UTF-8 file as the local code page unless it starts with a byte order mark.
const utf8Bom = '\uFEFF';

export const renderCsv = (view: MinutesView): string => {
  const rows = outlineMinutes(view).actions.map((a) => [String(a.item), a.caseRef, a.what, a.owner, a.agency, a.due, a.status]);
  return utf8Bom + [csvColumns, ...rows].map(csvLine).join('\r\n') + '\r\n';
};

/** RFC 4180 CSV that Excel opens safely, for the minutes' action export and the tracker's "Download these actions". */

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

export const csvLine = (cells: readonly string[]): string => cells.map((cell) => quoted(spreadsheetSafe(cell))).join(',');

// Excel reads a UTF-8 file as the local code page unless it starts with a byte order mark.
const utf8Bom = '\uFEFF';

/** `preamble`: one-cell lines before the header (the minutes' marking and status), read before the table. */
export const csvDocument = (header: readonly string[], rows: readonly (readonly string[])[], preamble: readonly string[] = []): string =>
  utf8Bom + [...preamble.map((line) => [line]), header, ...rows].map(csvLine).join('\r\n') + '\r\n';

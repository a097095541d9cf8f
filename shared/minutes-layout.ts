/**
 * The minutes as a list of blocks in reading order, in one language, and two such lists (Welsh and English) paired
 * block by block for a bilingual document. The printed formats (docx, pdf, html) only decide how a block looks.
 *
 * Bilingual layout, as Welsh public bodies set out bilingual documents: every block in the two languages side by
 * side, Welsh on the left, English on the right. What people wrote (discussion, decisions, reasons, what an action
 * is) is in whatever language it was written in, so it is shown once, across the page, not repeated in each column.
 */
import { itemBody, labelledValue, type ItemBodyBlock, type MinutesOutline } from './minutes-house-style.js';
import { actionColumns, attendanceColumns, printedActionRow } from './minutes-house-style.js';

export type DocBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | ItemBodyBlock
  | { kind: 'table'; name: 'attendance' | 'actions'; columns: string[]; rows: string[][] };

/** The document after the marking line, block by block. */
export function documentBlocks(o: MinutesOutline): DocBlock[] {
  const { labels, words } = o;
  const blocks: DocBlock[] = [{ kind: 'heading', level: 1, text: o.title }];
  for (const [label, value] of o.facts) blocks.push({ kind: 'labelled', label: `${label}:`, value });
  blocks.push({ kind: 'heading', level: 2, text: labels.attendance });
  blocks.push({ kind: 'table', name: 'attendance', columns: attendanceColumns(words), rows: o.attendance });
  blocks.push({ kind: 'para', text: o.confidentiality });
  for (const item of o.items) {
    blocks.push({ kind: 'heading', level: 2, text: item.heading }, { kind: 'heading', level: 3, text: item.title });
    blocks.push(...itemBody(o, item));
  }
  blocks.push({ kind: 'heading', level: 2, text: labels.actions });
  if (o.actions.length) blocks.push({ kind: 'table', name: 'actions', columns: actionColumns(words), rows: o.actions.map((a) => printedActionRow(words, a)) });
  else blocks.push({ kind: 'para', text: labels.noActions });
  blocks.push({ kind: 'labelled', label: labels.nextMeeting, value: o.nextMeeting });
  blocks.push({ kind: 'labelled', label: labels.distribution, value: o.distribution.length ? o.distribution.join('; ') : labels.noneRecorded });
  return blocks;
}

/** A cell of a bilingual table: the same in both languages (names, dates as numbers), or Welsh and English. */
export type BilingualCell = string | { cy: string; en: string };

export type BilingualRow =
  /** The same in both languages, or what people wrote: shown once, across the page. */
  | { kind: 'once'; block: DocBlock }
  /** Side by side: Welsh left, English right. */
  | { kind: 'pair'; cy: DocBlock; en: DocBlock }
  | { kind: 'table'; name: 'attendance' | 'actions'; columns: { cy: string; en: string }[]; rows: BilingualCell[][] };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Pairs the Welsh and English block lists (built from the same minutes, so the same length and kinds, block for
 * block) into rows: side by side where the words differ, once where they do not or where people wrote them.
 */
export function pairBlocks(cy: DocBlock[], en: DocBlock[]): BilingualRow[] {
  if (cy.length !== en.length) throw new Error('the two languages laid out different documents');
  const rows: BilingualRow[] = [];
  cy.forEach((c, i) => {
    const e = en[i]!;
    if (same(c, e)) rows.push({ kind: 'once', block: c });
    else if (c.kind === 'table' && e.kind === 'table') {
      rows.push({
        kind: 'table',
        name: c.name,
        columns: c.columns.map((cyText, j) => ({ cy: cyText, en: e.columns[j]! })),
        rows: c.rows.map((row, r) => row.map((cell, j) => (cell === e.rows[r]![j] ? cell : { cy: cell, en: e.rows[r]![j]! }))),
      });
    } else if (c.kind === 'labelled' && e.kind === 'labelled' && c.written !== undefined) {
      // "Decision: Accept | Penderfyniad: Derbyn" side by side, then the decision as written once.
      rows.push({ kind: 'pair', cy: { kind: 'labelled', label: c.label, value: c.value }, en: { kind: 'labelled', label: e.label, value: e.value } });
      if (c.written) rows.push({ kind: 'once', block: { kind: 'para', text: c.written } });
    } else if (c.kind === 'para' && e.kind === 'para' && c.written !== undefined && c.details && e.details) {
      // An action: what it is once, then who and when in each language.
      rows.push({ kind: 'once', block: { kind: 'para', text: c.written } });
      rows.push({ kind: 'pair', cy: { kind: 'para', text: c.details }, en: { kind: 'para', text: e.details } });
    } else rows.push({ kind: 'pair', cy: c, en: e });
  });
  return rows;
}

/** A block's text on one line, for formats that do not lay labels out separately. */
export const blockText = (b: DocBlock): string =>
  b.kind === 'labelled' ? `${b.label} ${labelledValue(b)}`.trim() : b.kind === 'table' ? b.columns.join(' ') : b.text;

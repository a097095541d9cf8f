/** The minutes as a PDF, for recipients who must not be able to edit the record. */
import pdfMake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { MinutesView } from '../../../shared/minutes.js';
import { labelledValue, outlineMinutes, pageLabel } from '../../../shared/minutes-house-style.js';
import { documentBlocks, pairBlocks, type BilingualCell, type DocBlock } from '../../../shared/minutes-layout.js';
import { documentLanguages } from '../../../shared/i18n/languages.js';
import { minutesWords, viewLanguage } from './words.js';

import { pdfFontFiles, withDrawableGlyphs } from './pdf-font.js';

/*
 * DejaVu Sans embedded from a package (see pdf-font.ts). The policies let pdfmake open only those font files and
 * fetch no URL: minutes never reference files.
 */
/** The font every PDF this server writes uses (the agenda too). */
export const pdfFont = 'DejaVuSans';
const fontFiles = new Set(Object.values(pdfFontFiles));
pdfMake.addFonts({ [pdfFont]: pdfFontFiles });
pdfMake.setUrlAccessPolicy(() => false);
pdfMake.setLocalAccessPolicy((path) => fontFiles.has(path));

/** Every string reaches the page through here: line breaks normalised, undrawable characters substituted. */
export const text = (value: string): string => withDrawableGlyphs(value.replace(/\r\n|\r/g, '\n'));
export const para = (value: string): Content => ({ text: text(value), margin: [0, 0, 0, 6] });
export const labelled = (label: string, value: string): Content => ({
  text: [{ text: `${label} `, bold: true }, text(value)],
  margin: [0, 0, 0, 6],
});
const label = (value: string): Content => ({ text: text(value), bold: true, margin: [0, 0, 0, 3] });

export const table = (header: readonly string[], rows: string[][], widths: Array<string | number>): Content => ({
  table: {
    headerRows: 1,
    dontBreakRows: true,
    widths,
    body: [header.map((h) => ({ text: text(h), bold: true })), ...rows.map((row) => row.map(text))],
  },
  fontSize: 9,
  margin: [0, 0, 0, 10],
});

const tableWidths = { attendance: ['*', '*', 'auto', 'auto'], actions: ['auto', 'auto', '*', 'auto', 'auto', 'auto', 'auto'] };

/** One block in one language. */
const blockContent = (b: DocBlock): Content => {
  switch (b.kind) {
    case 'heading':
      return { text: text(b.text), style: `h${b.level}` };
    case 'label':
      return label(b.text);
    case 'labelled':
      return labelledValue(b) ? labelled(b.label, labelledValue(b)) : label(b.label);
    case 'para':
      return para(b.text);
    case 'table':
      return table(b.columns, b.rows, tableWidths[b.name]);
  }
};

/** A table cell in both languages: Welsh, then English on its own line. */
const bilingualCell = (cell: BilingualCell): string => (typeof cell === 'string' ? cell : `${cell.cy}\n${cell.en}`);

/** Welsh left, English right: a borderless two-column table per block. */
const bilingualContent = (cyBlocks: DocBlock[], enBlocks: DocBlock[]): Content[] =>
  pairBlocks(cyBlocks, enBlocks).map((row): Content => {
    if (row.kind === 'once') return blockContent(row.block);
    if (row.kind === 'table') return table(row.columns.map(bilingualCell), row.rows.map((cells) => cells.map(bilingualCell)), tableWidths[row.name]);
    return { table: { widths: ['*', '*'], dontBreakRows: true, body: [[blockContent(row.cy), blockContent(row.en)]] }, layout: 'noBorders' };
  });

const definition = (view: MinutesView): TDocumentDefinitions => {
  const words = documentLanguages(viewLanguage(view)).map(minutesWords);
  const outlines = words.map((w) => outlineMinutes(view, w));
  const marking = outlines.map((o) => o.marking).join(' / ');
  const blocks = outlines.map(documentBlocks);
  return {
    info: { title: outlines.map((o) => o.title).join(' / '), subject: marking, creator: words[0]!.t('common:serviceName') },
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    defaultStyle: { font: pdfFont, fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 0, 0, 6] },
    },
    header: () => ({ text: marking, bold: true, alignment: 'center', margin: [50, 25, 50, 0] }),
    footer: (current, total) => ({
      columns: [
        { text: marking, bold: true },
        { text: words.map((w) => pageLabel(w, current, total)).join(' / '), alignment: 'right' },
      ],
      margin: [50, 20, 50, 0],
    }),
    content: blocks.length === 2 ? bilingualContent(blocks[0]!, blocks[1]!) : blocks[0]!.map(blockContent),
  };
};

export const renderPdf = async (view: MinutesView): Promise<Buffer> => pdfMake.createPdf(definition(view)).getBuffer();

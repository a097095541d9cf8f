/** The minutes as a PDF, for recipients who must not be able to edit the record. */
import pdfMake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { MinutesView } from '../../../shared/minutes.js';
import {
  actionColumns,
  attendanceColumns,
  labels,
  itemBody,
  outlineMinutes,
  pageLabel,
  printedActionRow,
  type ItemOutline,
} from '../../../shared/minutes-house-style.js';

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

const itemBlock = (item: ItemOutline): Content[] => {
  const body = itemBody(item).map((b) => (b.kind === 'label' ? label(b.text) : b.kind === 'labelled' ? labelled(b.label, b.value) : para(b.text)));
  return [{ text: text(item.heading), style: 'h2' }, { text: text(item.title), style: 'h3' }, ...body];
};

const definition = (view: MinutesView): TDocumentDefinitions => {
  const o = outlineMinutes(view);
  return {
    info: { title: o.title, subject: o.marking, creator: 'Triage Room' },
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    defaultStyle: { font: pdfFont, fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 0, 0, 6] },
    },
    header: () => ({ text: o.marking, bold: true, alignment: 'center', margin: [50, 25, 50, 0] }),
    footer: (current, total) => ({
      columns: [
        { text: o.marking, bold: true },
        { text: pageLabel(current, total), alignment: 'right' },
      ],
      margin: [50, 20, 50, 0],
    }),
    content: [
      { text: text(o.title), style: 'h1' },
      ...o.facts.map(([name, value]) => labelled(`${name}:`, value)),
      { text: 'Attendance', style: 'h2' },
      table(attendanceColumns, o.attendance, ['*', '*', 'auto', 'auto']),
      para(o.confidentiality),
      ...o.items.flatMap(itemBlock),
      { text: labels.actions, style: 'h2' },
      o.actions.length
        ? table(actionColumns, o.actions.map(printedActionRow), ['auto', 'auto', '*', 'auto', 'auto', 'auto', 'auto'])
        : para('No actions.'),
      labelled(labels.nextMeeting, o.nextMeeting),
      labelled(labels.distribution, o.distribution.length ? o.distribution.join('; ') : 'None recorded'),
    ],
  };
};

export const renderPdf = async (view: MinutesView): Promise<Buffer> => pdfMake.createPdf(definition(view)).getBuffer();

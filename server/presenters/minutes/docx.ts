/** The minutes as a Word document: what councils circulate and file. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { MinutesView } from '../../../shared/minutes.js';
import { labelledValue, outlineMinutes, type MinutesWords } from '../../../shared/minutes-house-style.js';
import { documentBlocks, pairBlocks, type BilingualCell, type DocBlock } from '../../../shared/minutes-layout.js';
import { documentLanguages, type Language } from '../../../shared/i18n/languages.js';
import { minutesWords, viewLanguage } from './words.js';

// XML 1.0 cannot carry most C0 control characters; one pasted from elsewhere would make Word refuse the file.
export const xmlSafe = (value: string): string => value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** Runs for a text, keeping the author's line breaks as Word line breaks. */
const runs = (value: string, bold = false): TextRun[] =>
  xmlSafe(value)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, bold, break: i > 0 ? 1 : undefined }));

export const para = (value: string): Paragraph => new Paragraph({ children: runs(value), spacing: { after: 120 } });
export const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph =>
  new Paragraph({ heading: level, children: runs(value), keepNext: true });
export const labelled = (label: string, value: string): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: `${label} `, bold: true }), ...runs(value)], spacing: { after: 120 } });
const label = (value: string): Paragraph => new Paragraph({ children: runs(value, true), keepNext: true, spacing: { after: 60 } });

export const markingRun = (marking: string): TextRun => new TextRun({ text: marking, bold: true });

export const pageHeader = (marking: string): Header =>
  new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [markingRun(marking)] })] });

/**
 * "Page X of Y" with Word's PAGE and NUMPAGES fields, filled at print time so every page shows its own numbers. The
 * sentence comes from the catalogue with two markers standing for the fields, so each language keeps its word order.
 */
const pageNumberRun = (w: MinutesWords): TextRun => {
  const marker = '\u0000';
  const parts = w.t('minutesDoc:page', { current: marker, total: marker }).split(marker);
  const fields = [PageNumber.CURRENT, PageNumber.TOTAL_PAGES];
  return new TextRun({ children: parts.flatMap((part, i) => (i < fields.length ? [part, fields[i]!] : [part])).filter((p) => p !== '') });
};

export const pageFooter = (marking: string, words: MinutesWords[]): Footer =>
  new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [markingRun(marking)] }),
      ...words.map((w) => new Paragraph({ alignment: AlignmentType.CENTER, children: [pageNumberRun(w)] })),
    ],
  });

export const table = (header: readonly string[], rows: string[][]): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h) => new TableCell({ children: [new Paragraph({ children: runs(h, true) })] })),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((cell) => new TableCell({ children: [new Paragraph({ children: runs(cell) })] })),
          }),
      ),
    ],
  });

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** One block in one language. */
const blockParts = (b: DocBlock): Array<Paragraph | Table> => {
  switch (b.kind) {
    case 'heading':
      return [heading(b.text, headingLevels[b.level])];
    case 'label':
      return [label(b.text)];
    case 'labelled':
      return [labelledValue(b) ? labelled(b.label, labelledValue(b)) : label(b.label)];
    case 'para':
      return [para(b.text)];
    case 'table':
      return [table(b.columns, b.rows), para('')];
  }
};

const noBorder = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const noBorders = { top: noBorder, bottom: noBorder, left: noBorder, right: noBorder, insideHorizontal: noBorder, insideVertical: noBorder };

/** Welsh left, English right: one borderless two-column table row per block, each cell marked with its language. */
const sideBySide = (cy: DocBlock, en: DocBlock): Table =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [4513, 4513],
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [cy, en].map((b) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: blockParts(b).filter((p): p is Paragraph => p instanceof Paragraph) })),
      }),
    ],
  });

/** A table cell in both languages: Welsh, then English on its own line. */
const bilingualCell = (cell: BilingualCell): string => (typeof cell === 'string' ? cell : `${cell.cy}\n${cell.en}`);

const bilingualParts = (cyBlocks: DocBlock[], enBlocks: DocBlock[]): Array<Paragraph | Table> =>
  pairBlocks(cyBlocks, enBlocks).flatMap((row) =>
    row.kind === 'once'
      ? blockParts(row.block)
      : row.kind === 'pair'
        ? [sideBySide(row.cy, row.en)]
        : [table(row.columns.map(bilingualCell), row.rows.map((cells) => cells.map(bilingualCell))), para('')],
  );

export const renderDocx = async (view: MinutesView): Promise<Buffer> => {
  const languages: Language[] = documentLanguages(viewLanguage(view));
  const words = languages.map(minutesWords);
  const outlines = words.map((w) => outlineMinutes(view, w));
  const marking = outlines.map((o) => o.marking).join(' / ');
  const title = outlines.map((o) => o.title).join(' / ');
  const blocks = outlines.map(documentBlocks);
  const body = blocks.length === 2 ? bilingualParts(blocks[0]!, blocks[1]!) : blocks[0]!.flatMap(blockParts);
  const document = new Document({
    title: xmlSafe(title),
    creator: words[0]!.t('common:serviceName'),
    description: marking,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        headers: { default: pageHeader(marking) },
        footers: { default: pageFooter(marking, words) },
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [markingRun(marking)] }), ...body],
      },
    ],
  });
  return Packer.toBuffer(document);
};

/** The minutes as a Word document: what councils circulate and file. */
import {
  AlignmentType,
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
import { actionColumns, attendanceColumns, itemBody, labels, outlineMinutes, printedActionRow, type ItemOutline } from '../../../shared/minutes-house-style.js';

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

// Word fills PAGE and NUMPAGES fields at print time, so every page shows its own "Page X of Y".
export const pageFooter = (marking: string): Footer =>
  new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [markingRun(marking)] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
      }),
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

const itemBlock = (item: ItemOutline): Array<Paragraph | Table> => {
  const body = itemBody(item).map((b) => (b.kind === 'label' ? label(b.text) : b.kind === 'labelled' ? labelled(b.label, b.value) : para(b.text)));
  return [heading(item.heading, HeadingLevel.HEADING_2), heading(item.title, HeadingLevel.HEADING_3), ...body];
};

export const renderDocx = async (view: MinutesView): Promise<Buffer> => {
  const o = outlineMinutes(view);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [markingRun(o.marking)] }),
    heading(o.title, HeadingLevel.HEADING_1),
    ...o.facts.map(([name, value]) => labelled(`${name}:`, value)),
    heading('Attendance', HeadingLevel.HEADING_2),
    table(attendanceColumns, o.attendance),
    para(''),
    para(o.confidentiality),
    ...o.items.flatMap(itemBlock),
    heading(labels.actions, HeadingLevel.HEADING_2),
    o.actions.length ? table(actionColumns, o.actions.map(printedActionRow)) : para('No actions.'),
    para(''),
    labelled(labels.nextMeeting, o.nextMeeting),
    labelled(labels.distribution, o.distribution.length ? o.distribution.join('; ') : 'None recorded'),
  ];
  const document = new Document({
    title: xmlSafe(o.title),
    creator: 'Triage Room',
    description: o.marking,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        headers: { default: pageHeader(o.marking) },
        footers: { default: pageFooter(o.marking) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
};

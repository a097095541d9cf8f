/** The published agenda as Word and PDF, in the minutes' house style and marking. Loaded on the first download (index.ts). */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from 'docx';
import pdfMake from 'pdfmake';
import * as docx from '../minutes/docx.js';
import * as pdf from '../minutes/pdf.js';
import { outlineAgenda, type AgendaExport } from './outline.js';

import type { AgendaFormat } from './index.js';

async function agendaDocx(agenda: AgendaExport): Promise<Buffer> {
  const o = outlineAgenda(agenda);
  const document = new Document({
    title: docx.xmlSafe(o.title),
    creator: o.creator,
    description: o.marking,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        headers: { default: docx.pageHeader(o.marking) },
        footers: { default: docx.pageFooter(o.marking, o.words) },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [docx.markingRun(o.marking)] }),
          docx.heading(o.title, HeadingLevel.HEADING_1),
          ...o.facts.map(([name, value]) => docx.labelled(`${name}:`, value)),
          docx.table(o.columns, o.rows),
          docx.para(''),
          ...o.notes.map(docx.para),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

async function agendaPdf(agenda: AgendaExport): Promise<Buffer> {
  const o = outlineAgenda(agenda);
  return pdfMake
    .createPdf({
      info: { title: o.title, subject: o.marking, creator: o.creator },
      pageSize: 'A4',
      pageMargins: [50, 60, 50, 60],
      defaultStyle: { font: pdf.pdfFont, fontSize: 10, lineHeight: 1.2 },
      header: () => ({ text: o.marking, bold: true, alignment: 'center', margin: [50, 25, 50, 0] }),
      footer: (current, total) => ({
        columns: [
          { text: o.marking, bold: true },
          { text: o.pageLabel(current, total), alignment: 'right' },
        ],
        margin: [50, 20, 50, 0],
      }),
      content: [
        { text: pdf.text(o.title), fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
        ...o.facts.map(([name, value]) => pdf.labelled(`${name}:`, value)),
        pdf.table(o.columns, o.rows, ['auto', '*', 'auto', '*']),
        ...o.notes.map(pdf.para),
      ],
    })
    .getBuffer();
}

export async function renderAgenda(agenda: AgendaExport, format: AgendaFormat) {
  const o = outlineAgenda(agenda);
  return format === 'docx'
    ? { body: await agendaDocx(agenda), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: `${o.fileBase}.docx` }
    : { body: await agendaPdf(agenda), contentType: 'application/pdf', fileName: `${o.fileBase}.pdf` };
}

/** One entry point for every minutes export: the route picks a format, this picks the presenter. */
import type { MinutesView } from '../../../shared/minutes.js';
import { renderCsv } from './csv.js';
import { fileBaseName } from '../../../shared/minutes-house-style.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

export { extractForAgency } from './agency-extract.js';

export const exportFormats = ['docx', 'pdf', 'md', 'html', 'csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const isExportFormat = (value: string): value is ExportFormat => (exportFormats as readonly string[]).includes(value);

export interface RenderedMinutes {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

// Word and PDF load their (large) libraries on the first export, not at start: a restarted server is ready sooner.
const renderDocx = async (view: MinutesView): Promise<Buffer> => (await import('./docx.js')).renderDocx(view);
const renderPdf = async (view: MinutesView): Promise<Buffer> => (await import('./pdf.js')).renderPdf(view);

const presenters: Record<ExportFormat, { contentType: string; render: (view: MinutesView) => Promise<Buffer> | string }> = {
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderDocx },
  pdf: { contentType: 'application/pdf', render: renderPdf },
  md: { contentType: 'text/markdown; charset=utf-8', render: renderMarkdown },
  html: { contentType: 'text/html; charset=utf-8', render: renderHtml },
  csv: { contentType: 'text/csv; charset=utf-8', render: renderCsv },
  json: { contentType: 'application/json', render: renderJson },
};

export const renderMinutes = async (view: MinutesView, format: ExportFormat): Promise<RenderedMinutes> => {
  const presenter = presenters[format];
  return {
    body: await presenter.render(view),
    contentType: presenter.contentType,
    fileName: `${fileBaseName(view)}.${format}`,
  };
};

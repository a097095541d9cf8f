/**
 * The published agenda's downloads. docx and pdfmake (with its fonts) are loaded on the first download, not at
 * start: a restarted server is ready sooner, and most processes never render an agenda.
 */
import type { AgendaExport } from './outline.js';

export const agendaFormats = ['docx', 'pdf'] as const;
export type AgendaFormat = (typeof agendaFormats)[number];
export const isAgendaFormat = (value: string): value is AgendaFormat => (agendaFormats as readonly string[]).includes(value);

export const renderAgenda = async (agenda: AgendaExport, format: AgendaFormat) => (await import('./render.js')).renderAgenda(agenda, format);

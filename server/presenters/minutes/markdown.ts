/** The minutes as Markdown, for pasting into case systems and wikis that render it. */
import type { MinutesView } from '../../../shared/minutes.js';
import { actionColumns, outlineMinutes, printedActionRow, type ItemOutline, type MinutesOutline } from '../../../shared/minutes-house-style.js';
import { documentLanguages } from '../../../shared/i18n/languages.js';
import { minutesWords, viewLanguage } from './words.js';

/**
 * User text must stay text: a viewer that renders Markdown would otherwise turn `<script>`, `[x](…)` or a leading
 * `#` into markup. Escaping every punctuation mark would make the raw file unreadable, so only what can start markup:
 * a bracket only where it could close a link, and block markers only at the start of a line.
 */
const escapeInline = (line: string): string => line.replace(/[\\`*_<>|~&]/g, '\\$&').replace(/\](?=[([:])/g, '\\]');

const escapeBlockLine = (line: string): string =>
  escapeInline(line)
    .replace(/^(\s*)([#+=\-[])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');

/** One-line contexts (headings, table cells) cannot hold a break, so breaks become spaces. */
const cell = (value: string): string => escapeInline(value.replace(/\s*[\r\n]+\s*/g, ' '));

/** Keeps the author's line breaks as hard breaks instead of letting Markdown re-flow them. */
const text = (value: string): string =>
  value
    .split(/\r\n|\r|\n/)
    .map(escapeBlockLine)
    .join('\\\n');

const table = (header: readonly string[], rows: string[][]): string[] => [
  `| ${header.map(cell).join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
];

const list = (o: MinutesOutline, entries: string[]): string[] => (entries.length ? entries.map((e) => `- ${text(e)}`) : [`- ${text(o.labels.noneRecorded)}`]);

const itemBlock = (o: MinutesOutline, item: ItemOutline): string[] => {
  const { labels } = o;
  const lines = [`## ${cell(item.heading)}`, '', `### ${cell(item.title)}`, ''];
  if (item.caseRef) lines.push(`${labels.caseReference} ${text(item.caseRef)}`, '');
  lines.push(`**${labels.background}**`, '');
  for (const paragraph of item.background.length ? item.background : [labels.nothingRecorded]) lines.push(text(paragraph), '');
  if (item.decision) {
    lines.push(`**${labels.decisionNumber}** ${text(item.decision.number)}`, '');
    lines.push(`**${labels.decision}** ${text(item.decision.decision)}`, '');
    lines.push(`**${labels.reasons}** ${text(item.decision.reasons)}`, '');
  }
  if (item.resolved.length) {
    lines.push(`**${labels.resolved}**`, '');
    for (const resolution of item.resolved) lines.push(text(resolution), '');
  }
  return lines;
};

const document = (outline: MinutesOutline): string[] => {
  const { labels, words } = outline;
  const lines = [`**${outline.marking}**`, '', `# ${cell(outline.title)}`, ''];
  for (const [label, value] of outline.facts) lines.push(`- **${label}:** ${text(value)}`);
  lines.push('', `**${labels.present}**`, '', ...list(outline, outline.present), '');
  lines.push(`**${labels.apologies}**`, '', ...list(outline, outline.apologies), '');
  lines.push(text(outline.confidentiality), '');
  for (const item of outline.items) lines.push(...itemBlock(outline, item));
  lines.push(`## ${labels.actions}`, '');
  if (outline.actions.length) lines.push(...table(actionColumns(words), outline.actions.map((a) => printedActionRow(words, a))), '');
  else lines.push(labels.noActions, '');
  lines.push(`**${labels.nextMeeting}** ${text(outline.nextMeeting)}`, '');
  lines.push(`**${labels.distribution}**`, '', ...list(outline, outline.distribution), '');
  lines.push(`**${outline.marking}**`, '');
  return lines;
};

/** A bilingual series' Markdown is the Welsh minutes, then the English: plain text cannot set them side by side. */
export const renderMarkdown = (view: MinutesView): string =>
  documentLanguages(viewLanguage(view))
    .map((lang) => document(outlineMinutes(view, minutesWords(lang))).join('\n'))
    .join('\n---\n\n');

/**
 * The minutes as one self-contained, printable HTML page: no scripts, no external assets, so it opens the same
 * offline, in a mail client or a browser's print dialog. Every piece of text goes through `escape`; nothing the
 * meeting typed is ever emitted as markup.
 */
import type { MinutesView } from '../../../shared/minutes.js';
import { actionColumns, labelledValue, outlineMinutes, printedActionRow, type ItemOutline, type MinutesOutline } from '../../../shared/minutes-house-style.js';
import { documentBlocks, pairBlocks, type BilingualCell, type DocBlock } from '../../../shared/minutes-layout.js';
import { documentLanguages, locales, type Language } from '../../../shared/i18n/languages.js';
import { minutesWords, viewLanguage } from './words.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);

/** Escaped text with the author's line breaks kept. */
const text = (value: string): string => escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>');

/*
 * Print: the marking and "Page X of Y" sit in @page margin boxes so they repeat on every printed page. On screen
 * (and in browsers without margin boxes) the marking banners at the top and bottom of the document still show it.
 */
// The page sentence comes from the catalogue with markers where CSS counters go, so each language keeps its order.
const pageCounter = (o: MinutesOutline): string => {
  const marker = '\u0000';
  const [before = '', between = '', after = ''] = o.words.t('minutesDoc:page', { current: marker, total: marker }).split(marker);
  return [JSON.stringify(before), 'counter(page)', JSON.stringify(between), 'counter(pages)', JSON.stringify(after)].join(' ');
};

const css = (marking: string, pages: string): string => `
@page { size: A4; margin: 22mm 18mm;
  @top-center { content: "${marking}"; font: bold 10pt Arial, sans-serif; }
  @bottom-left { content: "${marking}"; font: bold 10pt Arial, sans-serif; }
  @bottom-right { content: ${pages}; font: 10pt Arial, sans-serif; } }
body { font: 11pt/1.45 Arial, Helvetica, sans-serif; color: #0b0c0c; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
.marking { text-align: center; font-weight: bold; letter-spacing: .05em; border: 2px solid #0b0c0c; padding: .25rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
.label { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #505a5f; padding: .25rem .4rem; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
section.item { break-inside: auto; } h2, h3 { break-after: avoid; } tr { break-inside: avoid; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; }
@media print { body { margin: 0; max-width: none; } }
`;

const paragraphs = (values: string[]): string => values.map((v) => `<p>${text(v)}</p>`).join('\n');
const labelled = (label: string, value: string): string => `<p><span class="label">${escapeHtml(label)}</span> ${text(value)}</p>`;
const list = (o: MinutesOutline, values: string[]): string =>
  values.length ? `<ul>${values.map((v) => `<li>${text(v)}</li>`).join('')}</ul>` : `<p>${escapeHtml(o.labels.noneRecordedSentence)}</p>`;

const itemSection = (o: MinutesOutline, item: ItemOutline): string => {
  const { labels } = o;
  const parts = [`<section class="item" aria-labelledby="item-${item.number}">`];
  parts.push(`<h2 id="item-${item.number}">${text(item.heading)}</h2>`, `<h3>${text(item.title)}</h3>`);
  if (item.caseRef) parts.push(labelled(labels.caseReference, item.caseRef));
  parts.push(`<p class="label">${escapeHtml(labels.background)}</p>`, paragraphs(item.background.length ? item.background : [labels.nothingRecorded]));
  if (item.decision) {
    parts.push(labelled(labels.decisionNumber, item.decision.number));
    parts.push(labelled(labels.decision, item.decision.decision));
    parts.push(labelled(labels.reasons, item.decision.reasons));
  }
  if (item.resolved.length) parts.push(`<p class="label">${escapeHtml(labels.resolved)}</p>`, paragraphs(item.resolved));
  parts.push('</section>');
  return parts.join('\n');
};

const tableHtml = (columns: string[], rows: string[][]): string => {
  const head = columns.map((c) => `<th scope="col">${text(c)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
};

const actionsTable = (o: MinutesOutline): string =>
  o.actions.length ? tableHtml(actionColumns(o.words), o.actions.map((a) => printedActionRow(o.words, a))) : `<p>${escapeHtml(o.labels.noActions)}</p>`;

/** One block of the bilingual layout (headings are h2/h3 only: one h1 per page). */
const blockHtml = (b: DocBlock): string => {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${text(b.text)}</h${b.level}>`;
    case 'label':
      return `<p class="label">${text(b.text)}</p>`;
    case 'labelled':
      return labelled(b.label, labelledValue(b));
    case 'para':
      return `<p>${text(b.text)}</p>`;
    case 'table':
      return tableHtml(b.columns, b.rows);
  }
};

const cellHtml = (cell: BilingualCell): string =>
  typeof cell === 'string' ? cell : `${cell.cy}\n${cell.en}`;

/** Welsh left, English right, each side marked with its language; what people wrote once, across the page. */
const bilingualMain = (cy: DocBlock[], en: DocBlock[]): string =>
  pairBlocks(cy, en)
    .map((row) => {
      if (row.kind === 'once') return blockHtml(row.block);
      if (row.kind === 'table') return tableHtml(row.columns.map(cellHtml), row.rows.map((cells) => cells.map(cellHtml)));
      return `<div class="pair"><div lang="${locales.cy}">${blockHtml(row.cy)}</div><div lang="${locales.en}">${blockHtml(row.en)}</div></div>`;
    })
    .join('\n');

const singleMain = (o: MinutesOutline): string => {
  const { labels } = o;
  const facts = o.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${text(value)}</dd>`).join('\n');
  return `<header>
<h1>${escapeHtml(o.title)}</h1>
<dl class="facts">
${facts}
</dl>
</header>
<main>
<p class="label">${escapeHtml(labels.present)}</p>
${list(o, o.present)}
<p class="label">${escapeHtml(labels.apologies)}</p>
${list(o, o.apologies)}
<p>${text(o.confidentiality)}</p>
${o.items.map((item) => itemSection(o, item)).join('\n')}
<h2>${escapeHtml(labels.actions)}</h2>
${actionsTable(o)}
${labelled(labels.nextMeeting, o.nextMeeting)}
<p class="label">${escapeHtml(labels.distribution)}</p>
${list(o, o.distribution)}
</main>`;
};

export const renderHtml = (view: MinutesView): string => {
  const languages: Language[] = documentLanguages(viewLanguage(view));
  const outlines = languages.map((lang) => outlineMinutes(view, minutesWords(lang)));
  const marking = escapeHtml(outlines.map((o) => o.marking).join(' / '));
  const title = escapeHtml(outlines.map((o) => o.title).join(' / '));
  const pages = outlines.map(pageCounter).join(' " / " ');
  const body =
    outlines.length === 2
      ? `<header><h1>${title}</h1></header>\n<main>\n${bilingualMain(documentBlocks(outlines[0]!).slice(1), documentBlocks(outlines[1]!).slice(1))}\n</main>`
      : singleMain(outlines[0]!);
  return `<!doctype html>
<html lang="${locales[languages[0]!]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${marking} – ${title}</title>
<style>${css(marking, pages)}</style>
</head>
<body>
<p class="marking">${marking}</p>
${body}
<p class="marking">${marking}</p>
</body>
</html>
`;
};

/**
 * The minutes as one self-contained, printable HTML page: no scripts, no external assets, so it opens the same
 * offline, in a mail client or a browser's print dialog. Every piece of text goes through `escape`; nothing the
 * meeting typed is ever emitted as markup.
 */
import type { MinutesView } from '../../../shared/minutes.js';
import { actionColumns, labels, nothingRecorded, outlineMinutes, printedActionRow, type ItemOutline } from '../../../shared/minutes-house-style.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);

/** Escaped text with the author's line breaks kept. */
const text = (value: string): string => escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>');

/*
 * Print: the marking and "Page X of Y" sit in @page margin boxes so they repeat on every printed page. On screen
 * (and in browsers without margin boxes) the marking banners at the top and bottom of the document still show it.
 */
const css = (marking: string): string => `
@page { size: A4; margin: 22mm 18mm;
  @top-center { content: "${marking}"; font: bold 10pt Arial, sans-serif; }
  @bottom-left { content: "${marking}"; font: bold 10pt Arial, sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 10pt Arial, sans-serif; } }
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
@media print { body { margin: 0; max-width: none; } }
`;

const paragraphs = (values: string[]): string => values.map((v) => `<p>${text(v)}</p>`).join('\n');
const labelled = (label: string, value: string): string => `<p><span class="label">${escapeHtml(label)}</span> ${text(value)}</p>`;
const list = (values: string[]): string =>
  values.length ? `<ul>${values.map((v) => `<li>${text(v)}</li>`).join('')}</ul>` : '<p>None recorded.</p>';

const itemSection = (item: ItemOutline): string => {
  const parts = [`<section class="item" aria-labelledby="item-${item.number}">`];
  parts.push(`<h2 id="item-${item.number}">${text(item.heading)}</h2>`, `<h3>${text(item.title)}</h3>`);
  if (item.caseRef) parts.push(labelled('Case reference:', item.caseRef));
  parts.push(`<p class="label">${labels.background}</p>`, paragraphs(item.background.length ? item.background : [nothingRecorded]));
  if (item.decision) {
    parts.push(labelled(labels.decisionNumber, item.decision.number));
    parts.push(labelled(labels.decision, item.decision.decision));
    parts.push(labelled(labels.reasons, item.decision.reasons));
  }
  if (item.resolved.length) parts.push(`<p class="label">${labels.resolved}</p>`, paragraphs(item.resolved));
  parts.push('</section>');
  return parts.join('\n');
};

const actionsTable = (rows: string[][]): string => {
  if (!rows.length) return '<p>No actions.</p>';
  const head = actionColumns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((c) => `<td>${text(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
};

export const renderHtml = (view: MinutesView): string => {
  const o = outlineMinutes(view);
  const marking = escapeHtml(o.marking);
  const facts = o.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${text(value)}</dd>`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${marking} – ${escapeHtml(o.title)}</title>
<style>${css(marking)}</style>
</head>
<body>
<p class="marking">${marking}</p>
<header>
<h1>${escapeHtml(o.title)}</h1>
<dl class="facts">
${facts}
</dl>
</header>
<main>
<p class="label">${labels.present}</p>
${list(o.present)}
<p class="label">${labels.apologies}</p>
${list(o.apologies)}
<p>${text(o.confidentiality)}</p>
${o.items.map(itemSection).join('\n')}
<h2>${labels.actions}</h2>
${actionsTable(o.actions.map(printedActionRow))}
${labelled(labels.nextMeeting, o.nextMeeting)}
<p class="label">${labels.distribution}</p>
${list(o.distribution)}
</main>
<p class="marking">${marking}</p>
</body>
</html>
`;
};

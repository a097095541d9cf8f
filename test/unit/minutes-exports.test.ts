import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MinutesView } from '../../shared/minutes.js';
import { extractForAgency } from '../../server/presenters/minutes/agency-extract.js';
import { fileBaseName, isoDay, longDate, resolutionLetter } from '../../shared/minutes-house-style.js';
import { exportFormats, renderMinutes } from '../../server/presenters/minutes/index.js';
import { csvColumns } from '../../server/presenters/minutes/csv.js';
import { action, agencies, caseItem, longMeeting, minutesView, people } from '../support/minutes-fixture.js';
import { parseCsv, pdfPages, pdfTextItems, unzipDocx, wordParagraphs } from '../support/read-exports.js';

const marking = 'OFFICIAL-SENSITIVE';
const heading3 = 'Meeting: 1 December 2026 – Repeat Removals Triage (Item 3)';

const asText = (body: Buffer | string): string => (typeof body === 'string' ? body : body.toString('utf8'));
const render = async (view: MinutesView, format: (typeof exportFormats)[number]) => (await renderMinutes(view, format)).body;
const renderText = async (view: MinutesView, format: 'md' | 'html' | 'csv' | 'json') => asText(await render(view, format));
const renderBuffer = async (view: MinutesView, format: 'docx' | 'pdf'): Promise<Buffer> => {
  const body = await render(view, format);
  if (!Buffer.isBuffer(body)) throw new Error(`${format} body is not a Buffer`);
  return body;
};

/** Lines above the CSV's table: the marking and the record's status, as in every export. */
const csvPreamble = 2;
/** The CSV cells, header first, after the byte order mark Excel needs and the marking and status lines. */
const csvRows = (csv: string): string[][] => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parseCsv(csv.slice(1)).slice(csvPreamble);
};

describe('house style', () => {
  it('letters resolutions (a)…(z) then (aa)', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(resolutionLetter)).toEqual(['(a)', '(b)', '(z)', '(aa)', '(ab)', '(az)', '(ba)']);
  });
  it('writes dates in en-GB long form on the London calendar; due dates do not shift', () => {
    expect(longDate('2026-12-01T10:00:00.000Z')).toBe('1 December 2026');
    expect(longDate('2026-06-30T23:30:00.000Z')).toBe('1 July 2026');
    expect(isoDay('2026-06-30T23:30:00.000Z')).toBe('2026-07-01');
    expect(longDate('2026-12-08')).toBe('8 December 2026');
  });
});

describe('renderMinutes', () => {
  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['pdf', 'application/pdf'],
    ['md', 'text/markdown; charset=utf-8'],
    ['html', 'text/html; charset=utf-8'],
    ['csv', 'text/csv; charset=utf-8'],
    ['json', 'application/json'],
  ] as const)('%s: content type and file name', async (format, contentType) => {
    const rendered = await renderMinutes(minutesView(), format);
    expect(rendered.contentType).toBe(contentType);
    expect(rendered.fileName).toBe(`repeat-removals-triage-2026-12-01-minutes-v1.${format}`);
    expect(rendered.body.length).toBeGreaterThan(0);
  });
  it('names an agency extract and a later version in the file name', () => {
    const amended = minutesView({ version: { ...minutesView().version, number: 3, note: 'Corrected due date' } });
    expect(fileBaseName(extractForAgency(amended, agencies.health))).toBe('repeat-removals-triage-2026-12-01-minutes-v3-nhs-mental-health');
  });
});

describe('confidentiality in the minutes: each person present, when they acknowledged, and who did not', () => {
  // 3 of 4 acknowledged: the defect was "acknowledgement … was not recorded" here, with no names or times.
  const view = minutesView({
    confidentialityAcknowledged: false,
    attendance: {
      present: [
        { ...people.chair, role: 'chair', joinedAt: '2026-12-01T10:00:00.000Z', leftAt: null, acknowledgedAt: '2026-12-01T10:01:00.000Z' },
        { ...people.nurse, role: 'member', joinedAt: '2026-12-01T10:02:00.000Z', leftAt: null, acknowledgedAt: '2026-12-01T10:03:00.000Z' },
        { ...people.officer, role: 'member', joinedAt: '2026-12-01T10:02:00.000Z', leftAt: null, acknowledgedAt: null },
        { ...people.scribe, role: 'member', joinedAt: '2026-12-01T10:05:00.000Z', leftAt: null, acknowledgedAt: '2026-12-01T10:06:00.000Z' },
      ],
      apologies: [people.housing],
    },
  });
  const summary = 'Confidentiality: 3 of 4 present acknowledged';
  const missing = 'Not acknowledged by: Jo Brenner, Police.';

  it('says the same in every export: the count, who did not, and each time', async () => {
    const lines = ['Alex Marsh, Children’s Services – acknowledged confidentiality at 10:01', 'Jo Brenner, Police – did not acknowledge confidentiality'];
    const md = await renderText(view, 'md');
    const html = await renderText(view, 'html');
    const word = wordParagraphs(unzipDocx(await renderBuffer(view, 'docx')).document);
    const pdf = (await pdfPages(await renderBuffer(view, 'pdf'))).join('\n').replace(/\s+/g, ' ');
    for (const [format, text] of [['md', md], ['html', html], ['docx', word.join('\n')], ['pdf', pdf]] as const) {
      expect(text, format).toContain(summary);
      expect(text, format).toContain(missing);
      expect(text, format).not.toMatch(/not recorded/i);
    }
    for (const line of lines) {
      expect(md).toContain(line);
      expect(html).toContain(line);
    }
    // The printed formats carry it in the attendance table: one row per person with their time.
    expect(word).toEqual(expect.arrayContaining(['Confidentiality', 'Acknowledged at 10:01', 'Acknowledged at 10:06', 'Not acknowledged']));
    for (const cell of ['Acknowledged at 10:03', 'Not acknowledged']) expect(pdf).toContain(cell);
    expect(JSON.parse(await renderText(view, 'json')).attendance.present.map((p: { acknowledgedAt: string | null }) => p.acknowledgedAt)).toEqual([
      '2026-12-01T10:01:00.000Z',
      '2026-12-01T10:03:00.000Z',
      null,
      '2026-12-01T10:06:00.000Z',
    ]);
  });

  it('says all, or none, when all or none acknowledged', async () => {
    const everyone = await renderText(minutesView(), 'md');
    expect(everyone).toContain('Confidentiality: all present acknowledged');
    const nobody = minutesView({ attendance: { ...view.attendance, present: view.attendance.present.map((p) => ({ ...p, acknowledgedAt: null })) } });
    expect(await renderText(nobody, 'md')).toContain('Confidentiality: none of those present acknowledged the confidentiality statement.');
  });
});

describe('docx', () => {
  it('reads as house-style minutes with the marking and page numbers on every page', async () => {
    const amended = minutesView({ version: { ...minutesView().version, number: 2, note: 'Due date corrected' } });
    const { document, headers, footers } = unzipDocx(await renderBuffer(amended, 'docx'));
    const paragraphs = wordParagraphs(document);
    expect(paragraphs).toContain(heading3);
    expect(paragraphs).toContain('3. New referral, "urgent"');
    expect(paragraphs).toContain('Case reference: RR-2026-003');
    expect(paragraphs).toContain('NHS Mental Health (Sam Oduya): Known to perinatal team.');
    expect(paragraphs).toContain('Decision number: 003/2026');
    expect(paragraphs).toContain('Decision number: 012/2026');
    expect(paragraphs).toContain('Decision: Signpost – Signpost to tenancy support.');
    expect(paragraphs).toContain('Reasons: Housing is the main need.');
    const resolved = paragraphs.indexOf('RESOLVED:');
    expect(paragraphs.slice(resolved + 1, resolved + 4)).toEqual([
      '(a) Allocate case 3 to the advocacy coordinator.',
      '(b) Action: Book joint home visit – Sam Oduya, NHS Mental Health, due 8 December 2026 [Open]',
      '(c) Action: Run PNC check – Jo Brenner, Police, due 4 December 2026 [Done]',
    ]);
    expect(paragraphs).toContain('Version: 2 (1 December 2026, Priya Dale, Children’s Services)');
    expect(paragraphs).toContain('Amended: Due date corrected');
    expect(paragraphs).toContain('Next meeting: 8 December 2026 at 10:00');
    expect(paragraphs).toEqual(expect.arrayContaining(['Rhys Tal', 'Apologies', 'Run PNC check', '4 December 2026']));
    expect(document).toMatch(/<w:headerReference w:type="default"/);
    expect(document).toMatch(/<w:footerReference w:type="default"/);
    expect(headers.length).toBeGreaterThan(0);
    for (const header of headers) expect(wordParagraphs(header)).toContain(marking);
    expect(footers.length).toBeGreaterThan(0);
    for (const footer of footers) {
      expect(wordParagraphs(footer)).toContain(marking);
      expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    }
  });
  it('drops control characters Word cannot open', async () => {
    const view = minutesView({ items: [caseItem(1, { title: 'Bell\u0007 and form feed\u000C' })] });
    const { document } = unzipDocx(await renderBuffer(view, 'docx'));
    expect(wordParagraphs(document)).toContain('1. Bell and form feed');
  });
});

describe('pdf', () => {
  it('marks every page and numbers it "Page X of Y"', async () => {
    const pages = await pdfPages(await renderBuffer(longMeeting(12), 'pdf'));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain(marking);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });
  it('reads as house-style minutes', async () => {
    const text = (await pdfPages(await renderBuffer(minutesView(), 'pdf'))).join('\n');
    expect(text).toContain(heading3);
    expect(text).toContain('Decision number: 003/2026');
    expect(text).toContain('Decision number: 012/2026');
    expect(text).toContain('RESOLVED:');
    expect(text).toContain('(b) Action: Refer to tenancy support – Rhys Tal, Housing Options, no due date [Open]');
    expect(text).toContain('Content hash: SHA-256 ab12cd34ef56');
    expect(text).toContain('Next meeting: 8 December 2026 at 10:00');
  });
});

describe('pdf: names and notes in any script', () => {
  // Synthetic names: Welsh, Greek, Serbian Cyrillic, Chinese (not in the font), and emoji with and without joiners.
  const view = minutesView({
    items: [
      caseItem(1, {
        title: 'Gwŷr a ŵyr â’r 😀 then words after',
        background: ['名前 Zoë 👨‍👩‍👧 after the family emoji', 'Ђорђе Σωκράτης ✓ ☺'],
        contributions: [{ agency: 'Heddlu Gogledd Cymru', author: 'Siôn Ŵyn', text: 'Ymweliad 🏠 wedi’i drefnu' }],
      }),
    ],
  });

  it('embeds a font with the glyphs, reads back every character, and substitutes only what the font lacks', async () => {
    const body = await renderBuffer(view, 'pdf');
    const text = (await pdfPages(body)).join('\n');
    for (const words of ['Gwŷr a ŵyr â’r 😀 then words after', 'Zoë', 'Ђорђе Σωκράτης ✓ ☺', 'Siôn Ŵyn', 'Ymweliad', 'wedi’i drefnu']) expect(text).toContain(words);
    // Chinese is not in the font: one clear substitute per character; the joined family emoji: one substitute.
    expect(text).toContain('\uFFFD\uFFFD Zoë \uFFFD after the family emoji');
    expect(text).not.toContain('名');
    expect(body.toString('latin1')).toMatch(/\/FontFile2/); // an embedded TrueType font, not a standard one
    expect(body.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('never draws a word over the one before it (the overprint after an emoji)', async () => {
    const pages = await pdfTextItems(await renderBuffer(view, 'pdf'));
    for (const items of pages) {
      const lines = new Map<number, typeof items>();
      for (const item of items) lines.set(Math.round(item.y), [...(lines.get(Math.round(item.y)) ?? []), item]);
      for (const line of lines.values()) {
        const sorted = [...line].sort((a, b) => a.x - b.x);
        sorted.slice(1).forEach((item, i) => expect(item.x, `${sorted[i].str}|${item.str}`).toBeGreaterThanOrEqual(sorted[i].x + sorted[i].width - 0.5));
      }
    }
    const line = pages[0].filter((i) => Math.round(i.y) === Math.round(pages[0].find((x) => x.str === 'then')!.y)).map((i) => i.str).join('');
    expect(line).toContain('😀 then words after');
  });
});

describe('csv', () => {
  it('opens with the marking and the record status, draft or agreed, above the table', async () => {
    const lines = (csv: string) => parseCsv(csv.slice(1)).slice(0, csvPreamble + 1);
    expect(lines(await renderText(minutesView(), 'csv'))).toEqual([['OFFICIAL-SENSITIVE'], ['Draft – not yet agreed'], [...csvColumns]]);
    const agreed = await renderText(minutesView({ agreement: { agreedAt: '2026-12-08T10:30:00.000Z', agreedBy: 'Dana Chair' } }), 'csv');
    expect(lines(agreed).slice(0, 2)).toEqual([['OFFICIAL-SENSITIVE'], ['Agreed as a correct record on 8 December 2026, Dana Chair']]);
  });
  it('lists every action with item, case ref, owner, agency, due and status', async () => {
    expect(csvRows(await renderText(minutesView(), 'csv'))).toEqual([
      ['item number', 'case ref', 'action', 'owner', 'agency', 'due', 'status'],
      ['3', 'RR-2026-003', 'Book joint home visit', 'Sam Oduya', 'NHS Mental Health', '2026-12-08', 'Open'],
      ['3', 'RR-2026-003', 'Run PNC check', 'Jo Brenner', 'Police', '2026-12-04', 'Done'],
      ['4', 'RR-2026-004', 'Refer to tenancy support', 'Rhys Tal', 'Housing Options', '', 'Open'],
    ]);
  });
  it('quotes commas, quotes and line breaks and neutralises formulas', async () => {
    const what = ['Call GP, then "duty" team', 'Line one\r\nline two', '=HYPERLINK("http://x.test")', '+1', '-2', '@SUM(A1)'];
    const view = minutesView({ items: [caseItem(1, { actions: what.map((w, i) => action({ id: `a${i}`, what: w, owner: null })) })] });
    const csv = await renderText(view, 'csv');
    expect(csv).toContain('"Call GP, then ""duty"" team"');
    expect(csv).toContain('"Line one\r\nline two"');
    expect(csvRows(csv).slice(1).map((row) => [row[2], row[3], row[4]])).toEqual([
      ['Call GP, then "duty" team', '', ''],
      ['Line one\r\nline two', '', ''],
      [`'=HYPERLINK("http://x.test")`, '', ''],
      ["'+1", '', ''],
      ["'-2", '', ''],
      ["'@SUM(A1)", '', ''],
    ]);
  });
  it('keeps any action text in one cell, for a , reader and for Excel in ; locales, with formulas neutralised (property)', async () => {
    const cellText = fc.string({ unit: fc.constantFrom(...'ab;,"\r\n\t=+-@ \'é'.split('')), maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 5 }), async (texts) => {
        const view = minutesView({ items: [caseItem(1, { actions: texts.map((w, i) => action({ id: `a${i}`, what: w, owner: null })) })] });
        const csv = (await renderText(view, 'csv')).slice(1);
        const rows = parseCsv(csv).slice(csvPreamble);
        expect(rows.slice(1).map((r) => r.length)).toEqual(texts.map(() => 7));
        expect(rows.slice(1).map((r) => r[2])).toEqual(texts.map((t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t)));
        // Every ; lies inside a quoted cell, so a ;-separated reader never splits there.
        let inQuotes = false;
        for (const ch of csv) {
          if (ch === '"') inQuotes = !inQuotes;
          else if (ch === ';') expect(inQuotes).toBe(true);
        }
      }),
      { numRuns: 300, seed: 10 },
    );
    expect(await renderText(minutesView({ items: [caseItem(1, { actions: [action({ id: 'a', what: 'Call GP; then duty team', owner: null })] })] }), 'csv')).toContain(
      '"Call GP; then duty team"',
    );
  });
});

describe('html', () => {
  it('escapes user text and carries the marking and page numbers for print', async () => {
    const view = minutesView({ items: [caseItem(1, { title: '<script>alert("x")</script> & co' })] });
    const html = await renderText(view, 'html');
    expect(html).not.toContain('<script');
    expect(html).toContain('1. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html.match(/OFFICIAL-SENSITIVE/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toMatch(/@top-center\s*\{\s*content: "OFFICIAL-SENSITIVE"/);
    expect(html).toContain('"Page " counter(page) " of " counter(pages)');
    expect(html).toContain(`<h2 id="item-1">Meeting: 1 December 2026 – Repeat Removals Triage (Item 1)</h2>`);
    expect(html).toContain('<span class="label">Decision number:</span> 001/2026');
  });
});

describe('markdown', () => {
  it('uses the house-style headings and fields, standing items showing only Background', async () => {
    const md = await renderText(minutesView(), 'md');
    expect(md.startsWith(`**${marking}**`)).toBe(true);
    expect(md).toContain('# Repeat Removals Triage – minutes');
    expect(md).toContain(`## ${heading3}`);
    expect(md).toContain('**Decision number:** 003/2026');
    expect(md).toContain('**RESOLVED:**\n\n(a) Allocate case 3 to the advocacy coordinator.');
    expect(md).toContain('| 4 | RR-2026-004 | Refer to tenancy support | Rhys Tal | Housing Options | – | Open |');
    const standing = md.slice(md.indexOf('(Item 1)'), md.indexOf('(Item 3)'));
    expect(standing).toContain('**Background:**');
    expect(standing).not.toMatch(/Decision|RESOLVED/);
  });
  it('keeps user text from becoming markup', async () => {
    const background = ['# not a heading', '<img src=x onerror=alert(1)>', '[x](http://evil.test)'];
    const view = minutesView({ items: [caseItem(1, { background })] });
    const md = await renderText(view, 'md');
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('\\[x\\](http://evil.test)');
  });
});

describe('json', () => {
  it('is the view model, marking first, then whether the record is agreed and when it was held', async () => {
    const view = minutesView();
    const json = await renderText(view, 'json');
    expect(JSON.parse(json)).toEqual({ ...view, status: 'Draft – not yet agreed', held: '1 December 2026 at 10:00' });
    expect(Object.keys(JSON.parse(json)).slice(0, 3)).toEqual(['marking', 'status', 'held']);
    const agreed = JSON.parse(await renderText(minutesView({ agreement: { agreedAt: '2026-12-08T10:30:00.000Z', agreedBy: 'Dana Chair' } }), 'json'));
    expect(agreed.status).toBe('Agreed as a correct record on 8 December 2026, Dana Chair');
  });
});

describe('agency extract', () => {
  it("keeps only the agency's actions and the items it was party to", async () => {
    const view = minutesView();
    const police = extractForAgency(view, agencies.police);
    expect(police.extractFor).toBe(agencies.police);
    expect(police.items.map((i) => i.number)).toEqual([3]);
    expect(police.items.flatMap((i) => i.actions.map((a) => a.id))).toEqual(['act-3b']);
    expect(police.attendance).toEqual(view.attendance);
    expect(view.items[2]!.actions).toHaveLength(2);
  });
  it('includes an item where the agency only owns an action, and party items even without its actions', () => {
    const housing = extractForAgency(minutesView(), agencies.housing);
    expect(housing.items.map((i) => [i.number, i.actions.map((a) => a.id)])).toEqual([[4, ['act-4']]]);
    const council = extractForAgency(minutesView(), agencies.council);
    expect(council.items.map((i) => [i.number, i.actions.length])).toEqual([[3, 0], [4, 0]]);
  });
  it('exports only its own actions', async () => {
    const rows = csvRows(await renderText(extractForAgency(minutesView(), agencies.health), 'csv'));
    expect(rows.slice(1).map((r) => r[4])).toEqual([agencies.health]);
    const md = await renderText(extractForAgency(minutesView(), agencies.health), 'md');
    expect(md).toContain('**Extract for:** NHS Mental Health');
    expect(md).not.toContain('Run PNC check');
  });
});

describe('a 100-item meeting', () => {
  it('exports to every format', async () => {
    const view = longMeeting(100);
    for (const format of exportFormats) {
      const { body } = await renderMinutes(view, format);
      expect(body.length, format).toBeGreaterThan(1000);
    }
    expect(wordParagraphs(unzipDocx(await renderBuffer(view, 'docx')).document)).toContain('Decision number: 100/2026');
    expect(csvRows(await renderText(view, 'csv'))).toHaveLength(101);
  });
});

describe('properties', () => {
  const awkward = fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', ',', '\n', '\r', '<', '>', '&', "'", '=', '+', '-', '@', '\t', ' ', '–', '😀'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    maxLength: 30,
  });
  const neutralised = (cell: string): string => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

  it('csv round-trips any action text exactly (formulas neutralised)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(awkward, awkward, awkward), { minLength: 1, maxLength: 5 }), async (texts) => {
        const actions = texts.map(([what, name, agency], i) => action({ id: `p${i}`, what, owner: { name, agency } }));
        const rows = csvRows(await renderText(minutesView({ items: [caseItem(7, { actions })] }), 'csv'));
        const expected = texts.map(([what, name, agency]) => [neutralised(what), neutralised(name), neutralised(agency)]);
        expect(rows.slice(1)).toEqual(expected.map((cells) => ['7', 'RR-2026-007', ...cells, '2026-12-08', 'Open']));
      }),
    );
  });

  const escapedForTest = (text: string): string =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const ownTagNames = 'html|head|meta|title|style|body|header|main|section|h[1-3]|p|span|ul|li|dl|dt|dd|table|thead|tbody|tr|th|td|br';
  const ownTags = new RegExp(`<!doctype html>|</?(?:${ownTagNames})(?:\\s[^<>]*)?>`, 'g');
  it('html never lets user text open a tag', async () => {
    await fc.assert(
      fc.asyncProperty(awkward, fc.array(awkward, { maxLength: 3 }), awkward, async (title, background, author) => {
        const item = caseItem(1, { title, background, contributions: [{ agency: 'Police', author, text: title }] });
        const html = await renderText(minutesView({ items: [item], distribution: [title] }), 'html');
        expect(html.replace(ownTags, '')).not.toContain('<');
        // Stripping our own tags must not hide a user's `<p>` that slipped through: the text must be there, escaped.
        for (const line of title.split(/\r\n|\r|\n/)) expect(html).toContain(escapedForTest(line));
      }),
    );
  });
});

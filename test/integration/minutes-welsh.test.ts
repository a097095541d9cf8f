/**
 * A series sets the language of its minutes: Welsh minutes and agendas read back in Welsh (the terms councils use,
 * cy-GB dates, no English left), bilingual ones with Welsh and English side by side and what people wrote once.
 * Real server on each engine (SQLite file, PostgreSQL), the seeded demo's ended meeting; the files are read back as Word and PDF readers do.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesView } from '../../shared/api-types.js';
import { formatLongDay } from '../../shared/i18n/format.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { demoActors } from '../support/demo-actors.js';
import { connectRoom } from '../support/room-client.js';
import { connectYClient } from '../support/yjs-client.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { contributionText, joinContribution, type PersonRef } from '../../shared/item-work.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MeetingDetailView } from '../../shared/api-types.js';
import type { MinutesView } from '../../shared/minutes.js';
import '../support/property-seed.js';
import { pdfPages, pdfTextItems, unzipDocx, wordParagraphs } from '../support/read-exports.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRow } from '../support/stored.js';

const seriesId = 'series-repeat-removals';
const ended = 'demo-previous';
const decisionText = 'Allocate tenancy sustainment support and review in four weeks.';
const welshMonths = /\b(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)\b/;
const englishMonths = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/;
// Not "Present" or "Apologies": the demo's agenda has an item its coordinator titled "Apologies", and a note says "at present".
const englishLabels = ['Decision:', 'Reasons:', 'RESOLVED:', 'Status:', 'Acknowledged at', 'Actions', 'OFFICIAL-SENSITIVE', 'Next meeting:', 'Attendance', 'Case reference:', 'Background:'];

/** Each table row of a Word document as its cells' text (a cell's paragraphs and line breaks read as a space). */
const wordRows = (xml: string): string[][] =>
  xml
    .split('</w:tr>')
    .slice(0, -1)
    .map((row) => row.slice(Math.max(row.lastIndexOf('<w:tr>'), row.lastIndexOf('<w:tr '))))
    .map((row) => row.split('</w:tc>').slice(0, -1).map((cell) => wordParagraphs(cell.replace(/<w:br\/>/g, '<w:t> </w:t>')).join(' ')));

describe.each(serverEngines)('minutes in Welsh and bilingual, per series, on $name', ({ engine }) => {
  let server: TestServer;
  const { api, cookie } = demoActors(() => server.url);
  const row = (text: string, ...params: unknown[]) => storedRow(server, text, ...params);
  const stored = async () => ((await row('select minutes_language from series where id = ?', seriesId)) as { minutes_language: string }).minutes_language;
  const setLanguage = async (minutesLanguage: string) =>
    api<{ series: SeriesView }>('coordinator', `/series/${seriesId}`, { method: 'PATCH', body: JSON.stringify({ minutesLanguage }) });
  const file = async (path: string) => {
    const res = await api('coordinator', path);
    expect(res.status, path).toBe(200);
    return Buffer.from(await res.res.arrayBuffer());
  };
  const heldAt = async () => ((await row('select opened_at from meetings where id = ?', ended)) as { opened_at: number }).opened_at;

  beforeAll(async () => {
    server = await startTestServer({ engine });
  });
  afterAll(async () => server.cleanup());

  it('a series starts with English minutes; the coordinator sets Welsh, and it is stored, shown and audited', async () => {
    expect(await stored()).toBe('en');
    expect((await api<{ series: SeriesView }>('coordinator', `/series/${seriesId}`)).body.series.minutesLanguage).toBe('en');
    const res = await setLanguage('cy');
    expect(res.status).toBe(200);
    expect(res.body.series.minutesLanguage).toBe('cy');
    expect(await stored()).toBe('cy');
    const audit = (await row("select detail from audit_log where action = 'series.update' and target_id = ? order by id desc limit 1", seriesId)) as { detail: string };
    expect(audit.detail).toContain('minutesLanguage');
  });

  it('refuses any other value with a message for the field and stores nothing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('EN', 'welsh', 'cy-GB', 'fr', '', ' cy'), fc.integer(), fc.constant(null), fc.array(fc.constant('cy'))).filter((v) => v !== 'en' && v !== 'cy' && v !== 'bilingual'),
        async (value) => {
          const res = await api<{ error: { fields: Record<string, string> } }>('coordinator', `/series/${seriesId}`, { method: 'PATCH', body: JSON.stringify({ minutesLanguage: value }) });
          expect(res.status).toBe(422);
          expect(res.body.error.fields.minutesLanguage).toBeTruthy();
          expect(await stored()).toBe('cy');
        },
      ),
      { numRuns: 40 },
    );
    // A member may read the series but not set its language.
    expect((await api('member', `/series/${seriesId}`, { method: 'PATCH', body: JSON.stringify({ minutesLanguage: 'en' }) })).status).toBe(403);
    expect(await stored()).toBe('cy');
  });

  it('Welsh minutes as Word: the council terms, Welsh dates, the Welsh marking and page numbers, and no English labels', async () => {
    const docx = unzipDocx(await file(`/meetings/${ended}/minutes.docx`));
    const text = wordParagraphs(docx.document).join('\n');
    for (const term of ['Cofnodion: ', 'Yn bresennol', 'Ymddiheuriadau', 'Penderfyniad:', 'Rhesymau:', 'PENDERFYNWYD:', 'Camau gweithredu', 'Rhif y penderfyniad:', 'Cyfeirnod achos:', 'Cyfarfod nesaf:', 'Dyrannu', 'Wedi’i wneud', 'Drafft – heb eu cytuno eto']) {
      expect(text, term).toContain(term);
    }
    // What the room wrote is kept as written.
    expect(text).toContain(decisionText);
    expect(text).toContain(formatLongDay('cy', await heldAt()));
    expect(text).toMatch(welshMonths);
    expect(text).not.toMatch(englishMonths);
    for (const label of englishLabels) expect(text, label).not.toContain(label);
    expect(docx.headers.join('')).toContain('SWYDDOGOL-SENSITIF');
    expect(docx.headers.join('')).not.toContain('OFFICIAL');
    expect(wordParagraphs(docx.footers.join('')).join('\n')).toMatch(/Tudalen .* o /);
  });

  it('Welsh minutes as PDF: every page marked SWYDDOGOL-SENSITIF and numbered "Tudalen X o Y", the terms, no English labels', async () => {
    const pages = await pdfPages(await file(`/meetings/${ended}/minutes.pdf`));
    pages.forEach((page, i) => {
      expect(page).toContain('SWYDDOGOL-SENSITIF');
      expect(page).toContain(`Tudalen ${i + 1} o ${pages.length}`);
    });
    const text = pages.join('\n');
    for (const term of ['Cofnodion: ', 'Penderfyniad:', 'Rhesymau:', 'PENDERFYNWYD:', 'Camau gweithredu', 'Cam gweithredu:', 'erbyn']) expect(text, term).toContain(term);
    expect(text).toContain(formatLongDay('cy', await heldAt()));
    expect(text).not.toMatch(englishMonths);
    for (const label of [...englishLabels, 'Page ']) expect(text, label).not.toContain(label);
  });

  it("an agency's extract and the published agenda follow the series' language", async () => {
    const extract = wordParagraphs(unzipDocx(await file(`/meetings/${ended}/minutes.docx?agency=${encodeURIComponent('Housing Options')}`)).document).join('\n');
    expect(extract).toContain('Detholiad ar gyfer: Housing Options – dim ond ei chamau gweithredu hi');
    expect(extract).toContain('PENDERFYNWYD:');
    expect(extract).not.toContain('Extract for');
    const agenda = unzipDocx(await file(`/meetings/${demoMeetingId}/agenda.docx`));
    const agendaText = wordParagraphs(agenda.document).join('\n');
    for (const term of ['Agenda – ', 'Cyfarfod:', 'Lleoliad:', 'Cyhoeddwyd:', 'Cyfeirnod achos', 'Busnes', 'Mae achosion wedi’u rhestru yn ôl cyfeirnod yn unig']) expect(agendaText, term).toContain(term);
    expect(agendaText).not.toContain('Cases are listed');
    expect(agenda.headers.join('')).toContain('SWYDDOGOL-SENSITIF');
    const agendaPages = await pdfPages(await file(`/meetings/${demoMeetingId}/agenda.pdf`));
    expect(agendaPages.every((p, i) => p.includes('SWYDDOGOL-SENSITIF') && p.includes(`Tudalen ${i + 1} o ${agendaPages.length}`))).toBe(true);
  });

  it('bilingual Word minutes: Welsh left and English right in one table row per block; what people wrote shown once', async () => {
    expect((await setLanguage('en')).status).toBe(200);
    const english = wordParagraphs(unzipDocx(await file(`/meetings/${ended}/minutes.docx`)).document);
    expect((await setLanguage('bilingual')).status).toBe(200);
    const docx = unzipDocx(await file(`/meetings/${ended}/minutes.docx`));
    const rows = wordRows(docx.document);
    const sideBySide = (cy: string, en: string) => rows.some((r) => r.length === 2 && r[0] === cy && r[1] === en);
    expect(sideBySide('Penderfyniad: Dyrannu', 'Decision: Allocate')).toBe(true);
    expect(sideBySide('PENDERFYNWYD:', 'RESOLVED:')).toBe(true);
    expect(sideBySide('Rhesymau:', 'Reasons:')).toBe(true);
    expect(sideBySide('Cefndir:', 'Background:')).toBe(true);
    expect(rows.some((r) => r.length === 2 && r[0]!.startsWith('Cofnodion: ') && r[1]!.endsWith('– minutes'))).toBe(true);
    expect(rows.some((r) => r.length === 2 && r[0]!.startsWith('Statws: Drafft') && r[1]!.startsWith('Status: Draft'))).toBe(true);
    const dated = rows.find((r) => r.length === 2 && r[0]!.startsWith('Dyddiad:'))!;
    expect(dated[0]).toContain(formatLongDay('cy', await heldAt()));
    expect(dated[1]).toContain(formatLongDay('en', await heldAt()));
    // The attendance and actions tables: one table, each heading in Welsh then English.
    expect(rows.some((r) => r[0] === 'Enw Name' && r[1] === 'Asiantaeth Agency')).toBe(true);
    // The decision as the room wrote it appears as often as in the English minutes: once, not once per language.
    const paragraphs = wordParagraphs(docx.document);
    const count = (ps: string[]) => ps.filter((p) => p.includes(decisionText)).length;
    expect(count(paragraphs)).toBe(count(english));
    expect(count(paragraphs)).toBeGreaterThan(0);
    expect(docx.headers.join('')).toContain('SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE');
    const footer = wordParagraphs(docx.footers.join('')).join('\n');
    expect(footer).toContain('Tudalen');
    expect(footer).toContain('Page');
  });

  it('bilingual PDF minutes: the Welsh block drawn on the left of the English one, on the same line', async () => {
    const body = await file(`/meetings/${ended}/minutes.pdf`);
    const items = (await pdfTextItems(body)).flatMap((page, n) => page.map((item) => ({ ...item, page: n })));
    const pairs = [
      ['Penderfyniad:', 'Decision:'],
      ['PENDERFYNWYD:', 'RESOLVED:'],
      ['Rhesymau:', 'Reasons:'],
    ];
    for (const [cy, en] of pairs) {
      const welsh = items.filter((i) => i.str.startsWith(cy!));
      expect(welsh.length, cy).toBeGreaterThan(0);
      for (const w of welsh) {
        const beside = items.find((i) => i.page === w.page && i.str.startsWith(en!) && Math.abs(i.y - w.y) < 2);
        expect(beside, `${en} beside ${cy}`).toBeDefined();
        expect(beside!.x).toBeGreaterThan(w.x + 150);
      }
    }
    const pages = await pdfPages(body);
    pages.forEach((page) => expect(page).toContain('SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE'));
    expect(pages.join('\n').split(decisionText).length - 1).toBeGreaterThan(0);
  });

  it('bilingual HTML sets each block in a Welsh and an English column; Markdown gives both; CSV and JSON both statuses', async () => {
    const html = (await file(`/meetings/${ended}/minutes.html`)).toString('utf8');
    expect(html).toContain('<html lang="cy-GB">');
    expect(html).toMatch(/<div class="pair"><div lang="cy-GB"><p class="label">PENDERFYNWYD:<\/p><\/div><div lang="en-GB"><p class="label">RESOLVED:<\/p><\/div><\/div>/);
    expect(html.split(decisionText).length - 1).toBe(2);
    const md = (await file(`/meetings/${ended}/minutes.md`)).toString('utf8');
    expect(md.indexOf('**PENDERFYNWYD:**')).toBeGreaterThan(-1);
    expect(md.indexOf('**RESOLVED:**')).toBeGreaterThan(md.indexOf('**PENDERFYNWYD:**'));
    const csv = (await file(`/meetings/${ended}/minutes.csv`)).toString('utf8');
    expect(csv).toContain('SWYDDOGOL-SENSITIF / OFFICIAL-SENSITIVE');
    expect(csv).toContain('Drafft – heb eu cytuno eto / Draft – not yet agreed');
    expect(csv).toContain('Wedi’i wneud / Done');
    const json = (await api<{ status: string; language: string }>('coordinator', `/meetings/${ended}/minutes.json`)).body;
    expect(json.status).toBe('Drafft – heb eu cytuno eto / Draft – not yet agreed');
    expect(json.language).toBe('bilingual');
  });

  it('a meeting of a Welsh series ends with the parts of each contribution headed in Welsh in the stored minutes', async () => {
    expect((await setLanguage('cy')).status).toBe(200);
    const police = (await api<{ meeting: MeetingDetailView }>('chair', `/meetings/${demoMeetingId}`)).body.meeting.participants.find((p) => p.name === 'Sam Constable')!;
    const room = await connectRoom(server.url, await cookie('chair'));
    expect((await room.emit(roomEvents.join, { meetingId: demoMeetingId })).ok).toBe(true);
    expect((await room.emit(roomEvents.open, { meetingId: demoMeetingId })).ok).toBe(true);
    const y = connectYClient(server.url, demoMeetingId, { headers: { cookie: await cookie('member2') } });
    await y.synced;
    const item = readAgenda(y.doc).find((i) => i.caseRef)!;
    y.doc.transact(() => {
      joinContribution(y.doc, item.id, police as PersonRef);
      contributionText(y.doc, item.id, police.agencyId, 'knows').insert(0, 'Two call-outs this year.');
      contributionText(y.doc, item.id, police.agencyId, 'view').insert(0, 'Offer a joint visit.');
    });
    await y.saved();
    expect((await room.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    y.destroy();
    room.close();
    const { minutes } = (await api<{ minutes: MinutesView }>('coordinator', `/meetings/${demoMeetingId}/minutes`)).body;
    const contribution = minutes.items.flatMap((i) => i.contributions).find((c) => c.agency === 'Police Public Protection Unit')!;
    expect(contribution.text).toBe('Yr hyn a wyddom: Two call-outs this year.\nEin barn: Offer a joint visit.');
    expect(wordParagraphs(unzipDocx(await file(`/meetings/${demoMeetingId}/minutes.docx`)).document).join('\n')).toContain('Yr hyn a wyddom: Two call-outs this year.');
  });
});

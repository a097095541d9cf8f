/**
 * The outcomes dashboard over HTTP on the seeded demo: each table's CSV holds exactly the JSON (on-screen) table, the
 * quarterly return holds the quarter's figures in its documented layout, a hostile reason cannot become a
 * spreadsheet formula or split a `;` locale's cells, bad dates get a message per field, and every view and
 * download is audited, with the figures read from SQLite or from PostgreSQL alike. Who may call it, route by route,
 * is in access-table.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeTables, type OutcomesView } from '../../shared/outcomes.js';
import { parseCsv } from '../support/read-exports.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const seriesPath = '/series/series-repeat-removals/outcomes';
const bom = '\uFEFF';
/** The body as bytes decode, byte order mark kept (`Response.text()` drops it). */
const bodyText = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());

describe.each(serverEngines)('outcomes over HTTP on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const actors = live.actors;
  const csv = async (path: string): Promise<string[][]> => {
    const res = await fetch(`${live.url()}/api${path}`, { headers: { cookie: await actors.cookie('governance') } });
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"/);
    const text = await bodyText(res);
    expect(text.startsWith(bom)).toBe(true);
    return parseCsv(text.slice(1));
  };
  // A whole year either side of today: the seeded quarter of history and the coming meetings are all inside.
  const year = new Date().getUTCFullYear();
  const range = `from=${year - 1}-01-01&to=${year + 1}-12-31`;


  it('shows the seeded history, and each table’s CSV is exactly its JSON table', async () => {
    const { status, body } = await actors.api<OutcomesView>('governance', `${seriesPath}?${range}`);
    expect(status).toBe(200);
    expect(body.summary.referrals).toBeGreaterThan(5);
    expect(body.summary.meetingsHeld).toBeGreaterThanOrEqual(2);
    expect(body.summary.decisions).toBeGreaterThan(0);
    expect(body.summary.actionsAgreed).toBeGreaterThan(0);
    // The seeded research at last week's meeting, from two agencies.
    expect(body.tables.research.rows).toEqual([
      ['Adult Mental Health (NHS)', 1],
      ['Police Public Protection Unit', 1],
    ]);
    expect(body.tables.attendance.rows.length).toBeGreaterThan(2);
    for (const table of outcomeTables) {
      const rows = await csv(`${seriesPath}/${table}.csv?${range}`);
      expect(rows, table).toEqual([body.tables[table].columns, ...body.tables[table].rows.map((r) => r.map(String))]);
    }
  });

  it('writes a hostile reason as inert text, quoted for `;` locales', async () => {
    const actions = (await actors.api<{ actions: { id: string; owner: { agency: string } | null }[] }>('coordinator', '/series/series-repeat-removals/actions?state=all')).body.actions;
    const target = actions.find((a) => a.owner)!;
    const note = '=HYPERLINK("http://evil.example";"x");-1';
    expect((await actors.post('coordinator', `/actions/${target.id}/status`, { status: 'not-done', note })).status).toBe(200);
    const res = await fetch(`${live.url()}/api${seriesPath}/action-reasons.csv?${range}`, { headers: { cookie: await actors.cookie('coordinator') } });
    const text = await bodyText(res);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"";""x"");-1"`);
    expect(parseCsv(text.slice(1))).toContainEqual([target.owner!.agency, 'Not done', `'${note}`, '1']);
  });

  it('answers bad dates with a message per field, and nothing about a table that does not exist', async () => {
    const bad = await actors.api<{ error: { fields: Record<string, string> } }>('coordinator', `${seriesPath}?from=2026-02-29&to=31/12/2026`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ from: 'The start date must be a real date, written YYYY-MM-DD', to: 'The end date must be a real date, written YYYY-MM-DD' });
    const backwards = await actors.api<{ error: { fields: Record<string, string> } }>('coordinator', `${seriesPath}?from=2026-05-02&to=2026-05-01`);
    expect(backwards.body.error.fields).toEqual({ from: 'The start date must be on or before the end date' });
    const quarter = await actors.api<{ error: { fields: Record<string, string> } }>('coordinator', `${seriesPath}/quarterly-return.csv?year=99&quarter=0`);
    expect(quarter.status).toBe(422);
    expect(Object.keys(quarter.body.error.fields)).toEqual(['year', 'quarter']);
    expect((await actors.api('coordinator', `${seriesPath}/../../../cases.csv`)).status).toBe(404);
    expect((await actors.api('coordinator', `${seriesPath}/referrals.json`)).status).toBe(404);
  });

  it('answers any hostile range or quarter with figures or a 422 per field, never a fault (property)', async () => {
    const cookie = await actors.cookie('coordinator');
    const dateish = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    );
    await fc.assert(
      fc.asyncProperty(dateish, dateish, fc.string({ maxLength: 8 }), fc.string({ maxLength: 4 }), async (from, to, yr, q) => {
        const query = new URLSearchParams({ from, to });
        const figures = await fetch(`${live.url()}/api${seriesPath}?${query}`, { headers: { cookie } });
        expect([200, 422]).toContain(figures.status);
        const body = await figures.json();
        if (figures.status === 422) expect(Object.keys(body.error.fields).every((f) => f === 'from' || f === 'to')).toBe(true);
        else expect(body.from <= body.to).toBe(true);
        const ret = await fetch(`${live.url()}/api${seriesPath}/quarterly-return.csv?${new URLSearchParams({ year: yr, quarter: q })}`, { headers: { cookie } });
        expect([200, 422]).toContain(ret.status);
        await ret.arrayBuffer();
      }),
      { numRuns: 60 },
    );
  });

  it('returns the quarter in the documented layout: one figure a row, the summary first', async () => {
    const now = new Date();
    const q = Math.floor(now.getUTCMonth() / 3) + 1;
    const start = `${now.getUTCFullYear()}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const endDate = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 0)).toISOString().slice(0, 10);
    const [header, ...rows] = await csv(`${seriesPath}/quarterly-return.csv?year=${now.getUTCFullYear()}&quarter=${q}`);
    expect(header).toEqual(['Series', 'Period start', 'Period end', 'Section', 'Breakdown', 'Measure', 'Value']);
    const figures = (await actors.api<OutcomesView>('coordinator', `${seriesPath}?from=${start}&to=${endDate}`)).body;
    expect(rows.every((r) => r[0] === 'Repeat Removals Triage' && r[1] === start && r[2] === endDate)).toBe(true);
    const value = (section: string, measure: string, breakdown = 'All') => rows.find((r) => r[3] === section && r[4] === breakdown && r[5] === measure)?.[6];
    expect(value('summary', 'Referrals')).toBe(String(figures.summary.referrals));
    expect(value('summary', 'Meetings held')).toBe(String(figures.summary.meetingsHeld));
    expect(value('summary', 'Repeat referral rate (%)')).toBe(figures.summary.repeatRatePercent === null ? '' : String(figures.summary.repeatRatePercent));
    for (const [outcome, count] of figures.tables.decisions.rows) expect(value('decisions', 'Decisions', String(outcome))).toBe(String(count));
    for (const [agency, meetings, present, apologies] of figures.tables.attendance.rows) {
      expect([value('attendance', 'Meetings attended', String(agency)), value('attendance', 'People present', String(agency)), value('attendance', 'Apologies', String(agency))]).toEqual([meetings, present, apologies].map(String));
    }
  });

  it('answers in Welsh for a Welsh reader: the same figures, Welsh headings, rows, CSVs and messages', async () => {
    const cookie = `${await actors.cookie('governance')}; triage_lang=cy`;
    const welsh = async (path: string) => fetch(`${live.url()}/api${path}`, { headers: { cookie } });
    const english = (await actors.api<OutcomesView>('governance', `${seriesPath}?${range}`)).body;
    const cy = (await (await welsh(`${seriesPath}?${range}`)).json()) as OutcomesView;
    expect(cy.summary).toEqual(english.summary);
    expect(cy.tables.referrals.columns).toEqual(['Mis', 'Asiantaeth atgyfeirio', 'Atgyfeiriadau', 'Atgyfeiriadau ailadroddus']);
    expect(cy.tables.meetings.rows.map((r) => r[0])).toEqual(['Wedi’i drefnu', 'Yn fyw', 'Wedi’i gynnal', 'Wedi’i ganslo']);
    expect(cy.tables.cases.rows.map((r) => r[0])).toEqual(['Wedi’u hagor yn yr ystod', 'Wedi’u cau yn yr ystod', 'Ar agor ar ddiwedd yr ystod']);
    expect(cy.tables.decisions.rows.map((r) => r[1])).toEqual(english.tables.decisions.rows.map((r) => r[1]));
    // action-reasons now holds the hostile reason above, written formula-safe in the CSV (checked there).
    for (const table of outcomeTables.filter((name) => name !== 'action-reasons')) {
      const res = await welsh(`${seriesPath}/${table}.csv?${range}`);
      expect(res.headers.get('content-disposition')).toContain(` i ${year + 1}-12-31.csv`);
      expect(parseCsv((await bodyText(res)).slice(1)), table).toEqual([cy.tables[table].columns, ...cy.tables[table].rows.map((r) => r.map(String))]);
    }
    const [header, first] = parseCsv((await bodyText(await welsh(`${seriesPath}/quarterly-return.csv?year=${year}&quarter=1`))).slice(1));
    expect(header).toEqual(['Cyfres', 'Dechrau’r cyfnod', 'Diwedd y cyfnod', 'Adran', 'Dadansoddiad', 'Mesur', 'Gwerth']);
    expect(first.slice(3, 6)).toEqual(['summary', 'Y cyfan', 'Atgyfeiriadau']);
    const bad = await welsh(`${seriesPath}?from=2026-05-02&to=2026-05-01`);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ from: 'Rhaid i’r dyddiad dechrau fod ar neu cyn y dyddiad gorffen' });
  });

  it('shows a governance member no case references anywhere: no research notices, no meetings', async () => {
    expect((await actors.api<{ notices: unknown[] }>('member', '/research/notices')).body.notices.length).toBeGreaterThan(0);
    expect((await actors.api<{ notices: unknown[] }>('governance', '/research/notices')).body.notices).toEqual([]);
    expect((await actors.api<{ meetings: unknown[] }>('governance', '/meetings')).body.meetings).toEqual([]);
    const series = (await actors.api<{ series: { id: string; abilities: Record<string, boolean> }[] }>('governance', '/series')).body.series;
    expect(series.map((s) => [s.id, s.abilities])).toEqual([['series-repeat-removals', { edit: false, schedule: false, meetings: false, tracker: false, cases: false, outcomes: true }]]);
  });

  it('audits each view and download with the range, never figures', async () => {
    // The audit rows as stored, on whichever engine holds them (the admin audit page is tested with its own area).
    const entries = await live.server().server.storage.stores.audit.list({ limit: 1000 });
    const views = entries.filter((e) => e.action === 'outcomes.view');
    const downloads = entries.filter((e) => e.action === 'outcomes.download');
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(downloads.map((d) => d.detail?.table)).toEqual(expect.arrayContaining([...outcomeTables, 'quarterly-return']));
    expect(views.some((v) => v.detail?.from === `${year - 1}-01-01` && v.detail?.to === `${year + 1}-12-31`)).toBe(true);
  });
});

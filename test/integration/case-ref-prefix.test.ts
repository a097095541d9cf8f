import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeriesView } from '../../shared/api-types.js';
import { caseLimits } from '../../shared/limits.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { referralBody as referral } from '../support/fixtures.js';

type Refused = { error: { code: string; fields: Record<string, string> } };

const newSeries = (overrides: Record<string, unknown> = {}) => ({
  name: 'Pan-Region Advocacy Triage',
  body: 'Regional Advocacy Triage Panel',
  ownerAgencyId: 'agency-adv',
  members: [{ personId: 'person-chair', role: 'chair' }],
  chairId: 'person-chair',
  venue: 'Council Chamber, Room 2',
  cadence: { kind: 'weekly', weekday: 4, time: '14:00' },
  template: [],
  ...overrides,
});

describe.each(serverEngines)('a series’ case reference prefix: set on create and edit, validated, shown, and used for new references, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api, post } = live;
  const patch = <T>(path: string, body: unknown) => api<T>('coordinator', path, { method: 'PATCH', body: JSON.stringify(body) });
  // What the server stored, on its engine.
  const rows = () => live.rows('select id, case_ref_prefix as prefix from series order by id');
  const audit = async () => ((await live.row("select count(*) as n from audit_log where action like 'series.%'")) as { n: number }).n;
  /** A refused request answers 422 on the caseRefPrefix field and changes no series row and writes no audit row. */
  async function refused(send: () => Promise<{ status: number; body: unknown }>, message: RegExp) {
    const before = { rows: await rows(), audit: await audit() };
    const res = await send();
    expect(res.status).toBe(422);
    expect((res.body as Refused).error.fields.caseRefPrefix).toMatch(message);
    expect({ rows: await rows(), audit: await audit() }).toEqual(before);
  }

  it('stores a prefix given on create, shows it, and issues references with it', async () => {
    const created = await post<{ series: SeriesView }>('coordinator', '/series', newSeries({ caseRefPrefix: 'PANEL' }));
    expect(created.status).toBe(201);
    expect(created.body.series).toMatchObject({ caseRefPrefix: 'PANEL', caseRefPrefixInUse: 'PANEL' });
    const shown = await api<{ series: SeriesView }>('coordinator', `/series/${created.body.series.id}`);
    expect(shown.body.series.caseRefPrefixInUse).toBe('PANEL');
    const referred = await post<{ ref: string }>('coordinator', `/series/${created.body.series.id}/referrals`, referral());
    expect(referred.status).toBe(201);
    expect(referred.body.ref).toMatch(/^PANEL-\d{4}-001$/);
    // The case page answers a six-letter-prefix reference (the reference pattern follows the prefix rule).
    expect((await api('coordinator', `/cases/${referred.body.ref}`)).status).toBe(200);
  });

  it('derives the prefix from the name when none is given, and an edit can set it later or clear it', async () => {
    const created = await post<{ series: SeriesView }>('coordinator', '/series', newSeries({ name: 'North Hub Triage' }));
    expect(created.body.series).toMatchObject({ caseRefPrefix: null, caseRefPrefixInUse: 'NH' });
    const id = created.body.series.id;
    const set = await patch<{ series: SeriesView; changed: string[] }>(`/series/${id}`, { caseRefPrefix: 'NHUB' });
    expect(set.status).toBe(200);
    expect(set.body.changed).toEqual(['caseRefPrefix']);
    expect(set.body.series.caseRefPrefixInUse).toBe('NHUB');
    // Saving the form again with its own prefix is not a clash with itself.
    expect((await patch(`/series/${id}`, { caseRefPrefix: 'NHUB', venue: 'Hub room' })).status).toBe(200);
    const cleared = await patch<{ series: SeriesView }>(`/series/${id}`, { caseRefPrefix: null });
    expect(cleared.body.series).toMatchObject({ caseRefPrefix: null, caseRefPrefixInUse: 'NH' });
  });

  it('refuses lower case, too short, too long, digits and punctuation on create and on edit, storing nothing', async () => {
    for (const bad of ['rr', 'R', 'ABCDEFG', 'R1', 'R-R', '', 'ÄB']) {
      await refused(() => post('coordinator', '/series', newSeries({ caseRefPrefix: bad })), /2 to 6 capital letters/);
      await refused(() => patch('/series/series-repeat-removals', { caseRefPrefix: bad }), /2 to 6 capital letters/);
    }
  });

  it('refuses a prefix another series already has, naming it', async () => {
    // The demo series uses RR.
    await refused(() => post('coordinator', '/series', newSeries({ caseRefPrefix: 'RR' })), /RR is already the case reference prefix of Repeat Removals Triage/);
    const other = await post<{ series: SeriesView }>('coordinator', '/series', newSeries({ name: 'West Panel' }));
    await refused(() => patch(`/series/${other.body.series.id}`, { caseRefPrefix: 'RR' }), /already the case reference prefix/);
  });

  it('accepts exactly the strings the rule allows (property)', async () => {
    const other = await post<{ series: SeriesView }>('coordinator', '/series', newSeries({ name: 'Property Panel' }));
    const id = other.body.series.id;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^[A-Z]{1,7}$/)), async (prefix) => {
        const res = await patch<Refused & { series: SeriesView }>(`/series/${id}`, { caseRefPrefix: prefix });
        const valid = caseLimits.prefixPattern.test(prefix.trim()) && !['RR', 'PANEL', 'NHUB'].includes(prefix.trim());
        expect(res.status).toBe(valid ? 200 : 422);
        if (valid) expect(res.body.series.caseRefPrefix).toBe(prefix.trim());
        else expect(Object.keys(res.body.error.fields)).toEqual(['caseRefPrefix']);
      }),
      { numRuns: 60 },
    );
  });
});

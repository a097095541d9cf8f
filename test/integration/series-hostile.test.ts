import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoFollowingIds } from '../../server/seed/demo.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const validSeries = {
  name: 'Hostile Input Series',
  body: 'Hostile Input Panel',
  ownerAgencyId: 'agency-cs',
  members: [{ personId: 'person-chair', role: 'chair' }],
  chairId: 'person-chair',
  deputyChairId: null,
  venue: 'Online',
  onlineLink: null,
  cadence: { kind: 'weekly', weekday: 2, time: '10:00' },
  template: [{ kind: 'apologies', title: 'Apologies' }],
  decisionPrefix: '',
  decisionScheme: 'NNN/YYYY',
};

/** A valid body with one field (top-level or nested) replaced by anything at all, or dropped. */
const mutated = <T extends Record<string, unknown>>(valid: T, paths: string[][]) =>
  fc.tuple(fc.constantFrom(...paths), fc.option(fc.anything({ maxDepth: 2, withNullPrototype: false }), { nil: undefined })).map(([path, value]) => {
    const body = structuredClone(valid) as Record<string, unknown>;
    let at = body;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
    if (value === undefined) delete at[path.at(-1)!];
    else at[path.at(-1)!] = value;
    return body;
  });

describe.each(serverEngines)('series and meeting writes under hostile input, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api } = live;
  /** One figure that moves whenever a series or meeting is stored, rescheduled or cancelled, read on the server's engine. */
  const count = async () =>
    Number(
      (await live.row("select (select count(*) from series) + (select count(*) from meetings) + (select coalesce(sum(sequence), 0) from meetings) + (select count(*) from meetings where status = 'cancelled') as n"))!.n,
    );

  it('answers any malformed series, schedule, reschedule or cancel body with a 4xx per field and stores nothing; never a 500', async () => {
    const seriesPaths = [...Object.keys(validSeries).map((k) => [k]), ['cadence', 'kind'], ['cadence', 'weekday'], ['cadence', 'time'], ['cadence', 'nth'], ['members', '0'], ['template', '0']];
    const requests = fc.oneof(
      mutated(validSeries, seriesPaths).map((body) => ({ method: 'POST', path: '/series', body })),
      fc.anything({ maxDepth: 2 }).map((body) => ({ method: 'POST', path: '/series/series-repeat-removals/meetings', body })),
      fc.record({ startsAt: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer()), chairId: fc.oneof(fc.string(), fc.constant('person-chair')) }, { requiredKeys: [] }).map((body) => ({
        method: 'PATCH',
        path: `/meetings/${demoFollowingIds[4]}`,
        body,
      })),
      fc.anything({ maxDepth: 1 }).map((reason) => ({ method: 'POST', path: `/meetings/${demoFollowingIds[3]}/cancel`, body: { reason } })),
    );
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, body }) => {
        const before = await count();
        const res = await api('coordinator', path, { method, body: JSON.stringify(body) });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(await count()).toBe(before);
          if (res.status === 422) expect(Object.keys((res.body as { error: { fields?: object } }).error.fields ?? { _: 1 }).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
    // The server is still serving.
    expect((await api('coordinator', '/series')).status).toBe(200);
  });
});

/**
 * Issue 13: the tracker's bulk status change. One command: authorised for those who may amend minutes, every id
 * checked to be this series' action, one transaction, one audit row; "not done" and "not possible" need a reason.
 * Bad or hostile bodies get a clear 4xx and change nothing. The same on SQLite and on PostgreSQL.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../shared/api-types.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const seriesId = 'series-repeat-removals';

describe.each(serverEngines)('bulk action status changes in the tracker on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const actors = live.actors;

  const all = async () => (await actors.api<{ series: { name: string }; actions: ActionView[] }>('coordinator', `/series/${seriesId}/actions?state=all`)).body;
  const bulk = (who: Parameters<typeof actors.post>[0], body: unknown) => actors.post<{ actions?: ActionView[]; error?: { code: string; message: string } }>(who, `/series/${seriesId}/actions/status`, body);
  // The audit rows as stored, on whichever engine holds them (the admin audit page is tested with its own area).
  const audit = () => live.server().server.storage.stores.audit.list({ action: 'actions.status.bulk', limit: 100 });

  it('names the series in the tracker, and sets several actions at once with one audit row and a history row each', async () => {
    const before = await all();
    expect(before.series.name).toBe('Repeat Removals Triage');
    const open = before.actions.filter((a) => a.status === 'open');
    expect(open.length).toBeGreaterThanOrEqual(2);
    const ids = open.slice(0, 2).map((a) => a.id);
    const res = await bulk('coordinator', { actionIds: ids, status: 'done' });
    expect(res.status).toBe(200);
    expect(res.body.actions!.map((a) => a.status)).toEqual(['done', 'done']);
    const after = (await all()).actions;
    for (const id of ids) {
      const a = after.find((x) => x.id === id)!;
      expect(a.status).toBe('done');
      expect(a.history.at(-1)).toMatchObject({ status: 'done', by: 'Casey Coordinator', meetingId: null });
    }
    // Nothing else changed.
    const others = (list: ActionView[]) => list.filter((a) => !ids.includes(a.id)).map((a) => `${a.id}:${a.status}:${a.history.length}`);
    expect(others(after)).toEqual(others(before.actions));
    const rows = await audit();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorName: 'Casey Coordinator', targetId: seriesId, detail: { status: 'done', count: 2 } });

    // "Not possible" with its reason: the reason lands in each action's history.
    const third = open[2] ?? open[0];
    const withReason = await bulk('coordinator', { actionIds: [third.id], status: 'not-possible', note: 'Family moved out of area' });
    expect(withReason.status).toBe(200);
    expect((await all()).actions.find((a) => a.id === third.id)!.history.at(-1)).toMatchObject({ status: 'not-possible', note: 'Family moved out of area' });
  });

  it('refuses "not done" and "not possible" without a reason, and changes nothing', async () => {
    const before = await all();
    const id = before.actions[0].id;
    for (const status of ['not-done', 'not-possible']) {
      for (const note of [undefined, '', '   ']) {
        const res = await bulk('coordinator', { actionIds: [id], status, ...(note === undefined ? {} : { note }) });
        expect(res.status).toBe(422);
        expect(res.body.error!.message).toMatch(/reason/);
      }
    }
    expect(await all()).toEqual(before);
  });

  it('changes nothing when any id is not an action of this series, and answers as if it did not exist', async () => {
    const before = await all();
    const res = await bulk('coordinator', { actionIds: [before.actions[0].id, 'no-such-action'], status: 'done' });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'No such action' });
    // A Welsh reader (the language cookie) is answered in Welsh.
    const welsh = await fetch(`${live.url()}/api/series/${seriesId}/actions/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${await actors.cookie('coordinator')}; triage_lang=cy` },
      body: JSON.stringify({ actionIds: ['no-such-action'], status: 'done' }),
    });
    expect(welsh.status).toBe(404);
    expect(await welsh.json()).toEqual({ error: { code: 'not_found', message: 'Dim cam gweithredu o’r fath' } });
    expect(await all()).toEqual(before);
  });

  it('lets only those who may amend minutes change statuses in bulk', async () => {
    const before = await all();
    const body = { actionIds: [before.actions[0].id], status: 'done' };
    expect((await bulk('member', body)).status).toBe(403);
    expect((await bulk('observer', body)).status).toBe(403);
    const anonymous = await fetch(`${live.url()}/api/series/${seriesId}/actions/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(anonymous.status).toBe(401);
    // An admin holds no series role: the series answers as a missing one.
    expect((await bulk('admin', body)).status).toBe(404);
    expect(await all()).toEqual(before);
  });

  it('answers any hostile body with a 4xx and changes nothing (property)', async () => {
    const before = await all();
    const realIds = before.actions.map((a) => a.id);
    const valid = ['open', 'done', 'not-possible', 'not-done'];
    const someIds = fc.array(fc.constantFrom(...realIds), { minLength: 1, maxLength: 4 });
    const junkId = fc.string({ maxLength: 80 }).filter((id) => !realIds.includes(id));
    const body = fc.oneof(
      // Not an object of the right shape at all.
      fc.anything(),
      // A status that is not one.
      fc.record({ actionIds: someIds, status: fc.string().filter((st) => !valid.includes(st)), note: fc.string({ maxLength: 20 }) }),
      // "Not done" / "not possible" without a reason.
      fc.record({ actionIds: someIds, status: fc.constantFrom('not-done', 'not-possible'), note: fc.constantFrom('', '   ', '\t') }),
      // A reason over the limit.
      fc.record({ actionIds: someIds, status: fc.constantFrom(...valid), note: fc.string({ minLength: 501, maxLength: 600 }).filter((n) => n.trim().length > 500) }),
      // Any id that is not this series' action.
      fc.record({ actionIds: fc.tuple(someIds, junkId).map(([ids, junk]) => [...ids, junk]), status: fc.constant('done') }),
      // No ids, too many ids, or a key the schema does not know.
      fc.constant({ actionIds: [], status: 'done' }),
      fc.constant({ actionIds: Array.from({ length: 501 }, () => realIds[0]), status: 'done' }),
      // (JSON drops a key whose value is undefined, which would leave a valid body: the extra key always has a value.)
      fc.record({ actionIds: someIds, status: fc.constant('done'), extra: fc.anything().filter((v) => v !== undefined) }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await bulk('coordinator', b);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60, seed: 1130 },
    );
    expect(await all()).toEqual(before);
    // The server is still answering.
    expect((await fetch(`${live.url()}/healthz`)).status).toBe(200);
  });
});

/**
 * Nothing a client sends stops the server — the Yjs door: hostile upgrades and frames on both paths, /yjs/<id> and
 * /yjs/<id>/restricted, at a real server process, from fixed seeds. On each engine (SQLite file, PostgreSQL): the same
 * seeds, the same answers, and no record row stored.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import WS from 'ws';
import { demoMeetingId } from '../../server/seed/demo.js';
import { limits } from '../../shared/limits.js';
import { yMessage } from '../../shared/protocol.js';
import { serverEngines } from '../support/server.js';
import { storedRow, storedRows } from '../support/stored.js';
import { fuzzTarget } from '../support/fuzz-target.js';
import { inParallel } from '../support/hostile-http.js';
import { hostileOrigin, hostileParam, junkCookie, yFrame } from '../support/hostile-inputs.js';
import { closeCodeOf, openRawSocket } from '../support/raw-ws.js';

describe.each(serverEngines)('hostile upgrades and frames on both Yjs paths of a real server process, on $name', ({ engine }) => {
  const target = fuzzTarget({ engine });

  it('refuses hostile upgrades and closes on hostile frames, on /yjs/<id> and /yjs/<id>/restricted', async () => {
    const wsBase = target.url.replace(/^http/, 'ws');
    const countsBefore = await target.recordCounts();
    expect(countsBefore.people, "the seeded demo, read from the process's own engine").toBeGreaterThan(0);
    // Upgrades that must be refused: no or junk session, cross-site Origin, unknown or malformed paths, a member on the restricted notes.
    const upgrades = fc.sample(
      fc.record({
        doc: fc.constantFrom('', '/restricted'),
        path: fc.oneof(fc.constant(demoMeetingId), hostileParam.map((p) => p.slice(0, 200))),
        cookie: fc.oneof(junkCookie, fc.constant(target.cookies.member)),
        origin: fc.option(hostileOrigin.filter((o) => o.trim() !== ''), { nil: undefined }),
      }).filter((u) => !(u.path === demoMeetingId && u.cookie === target.cookies.member && u.origin === undefined && u.doc === '')),
      { numRuns: 300, seed: 44 },
    );
    const refusals: number[] = [];
    await inParallel(upgrades, 16, async (u) => {
      const status = await openRawSocket(`${wsBase}/yjs/${u.path}${u.doc}`, { cookie: u.cookie, ...(u.origin ? { origin: u.origin } : {}) }).then(
        (ws) => {
          ws.terminate();
          return 101;
        },
        (err: { status?: number }) => err.status ?? 0,
      );
      refusals.push(status);
    });
    expect(refusals.filter((s) => s < 400 || s >= 500)).toEqual([]);
    // A refused upgrade stores nothing, not even its audit row (only real joins are recorded).
    await target.watcherStillReceives();
    expect(await target.recordCounts()).toEqual(countsBefore);
    const lastAuditId = Number((await storedRow(target.records, 'select coalesce(max(id), 0) as id from audit_log'))!.id);

    // Hostile frames on accepted connections: the member on the shared document, the chair on the restricted notes.
    const known = [yFrame(yMessage.sync, (e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(target.watcher.doc))), yFrame(yMessage.sync, (e) => syncProtocol.writeSyncStep1(e, target.watcher.doc))];
    const frames = fc.sample(
      fc.oneof(
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
        fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((junk) => Uint8Array.from([0, 2, ...junk])),
        fc.uint8Array({ minLength: 0, maxLength: 512 }).map((junk) => Uint8Array.from([1, ...junk])),
        fc.tuple(fc.constantFrom(...known), fc.nat()).map(([f, n]) => f.slice(0, n % f.length)),
        fc.tuple(fc.constantFrom(0, 1, 3), fc.integer({ min: 4, max: 2 ** 31 })).map(([t, len]) => yFrame(t, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, len)))),
        fc.nat(1000).map((t) => yFrame(t + 4, () => undefined)),
      ),
      { numRuns: 400, seed: 20261124 },
    );
    const badCloses: string[] = [];
    for (const [doc, cookie] of [['', target.cookies.member], ['/restricted', target.cookies.chair]] as const) {
      const at = `${wsBase}/yjs/${demoMeetingId}${doc}`;
      await inParallel(frames.slice(doc === '' ? 0 : 200, doc === '' ? 200 : 400), 16, async (bytes) => {
        const ws = await openRawSocket(at, { cookie });
        // After the junk, a query for presence: the reply (type 1) shows the socket lived through it; or it closes.
        const outcome = new Promise<{ code: number } | 'alive'>((resolve) => {
          ws.on('message', (data: Buffer) => {
            if (data.length > 0 && decoding.readVarUint(decoding.createDecoder(new Uint8Array(data))) === yMessage.awareness) resolve('alive');
          });
          ws.once('close', (code) => resolve({ code }));
        });
        ws.send(bytes);
        if (ws.readyState === WS.OPEN) ws.send(Uint8Array.from([yMessage.queryAwareness]));
        const result = await outcome;
        if (result !== 'alive' && !(result.code >= 4400 && result.code < 4500) && ![1002, 1007, 1009].includes(result.code)) badCloses.push(`${doc} closed with ${result.code}`);
        ws.terminate();
      });
      await target.watcherStillReceives();
    }
    expect(badCloses).toEqual([]);
    const big = await openRawSocket(`${wsBase}/yjs/${demoMeetingId}`, { cookie: target.cookies.member });
    const bigClosed = closeCodeOf(big);
    big.send(new Uint8Array(limits.yjsMaxPayload + 1));
    expect((await bigClosed).code).toBe(1009);
    // Junk frames store nothing: each accepted connection (200 + 200 + the oversized one) adds its one audited join,
    // and no other record row is added or removed (the document's own tables take the peer's edits).
    const joins = frames.length + 1;
    await target.watcherStillReceives();
    expect(await target.recordCounts()).toEqual({ ...countsBefore, audit_log: countsBefore.audit_log + joins });
    expect(await storedRows(target.records, 'select action, count(*) as n from audit_log where id > ? group by action', lastAuditId)).toEqual([{ action: 'meeting.join', n: joins }]);
  });

  it('is still the same process: healthy, the watcher connected, nothing logged at error level', async () => {
    await target.expectSurvived();
  });
});

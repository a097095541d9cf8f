/**
 * Ending a meeting against appends to its documents, on SQLite and on PostgreSQL: the end (the command transaction
 * that marks the meeting ended, then reads the document the minutes are written from) and appends racing it (the
 * write path of this or another process) never leave an update stored after the end's read. An append either
 * commits before the end reads, and the end's read holds it, or it is refused (null): nothing of it is stored.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../support/property-seed.js';
import type { AppendResult, StoredDocument } from '../../server/db/stores/meeting-docs.js';
import { contractEngines, seedMeetings, type EngineUnderTest } from './engines.js';

const now = Date.UTC(2026, 10, 30, 10);
const key = (u: Uint8Array) => Buffer.from(u).toString('hex');

describe.each(contractEngines)('ending a meeting while its documents are appended to, on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(() => db?.close());

  it('stores no update after the state the end read: each append is in that state or refused (property)', async () => {
    let refusedSeen = 0;
    let storedSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ doc: fc.constantFrom('shared' as const, 'restricted' as const), updates: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 10 }),
        fc.nat(),
        async (appends, endAtRaw) => {
          const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
          const endAt = endAtRaw % (appends.length + 1);
          let next = 0;
          // Unique bytes per update, so each is found (or not) in what is stored.
          const batches = appends.map((a) => ({ meetingId, doc: a.doc, updates: Array.from({ length: a.updates }, () => Uint8Array.of(1, ++next >> 8, next & 255)) }));
          const running: Promise<AppendResult>[] = [];
          let ending: Promise<{ shared: StoredDocument; restricted: StoredDocument }> | null = null;
          const end = () =>
            db.storage.transaction(async (s) => {
              await s.roomState.setStatus(meetingId, 'ended', now);
              return { shared: await s.meetingDocs.load(meetingId, 'shared'), restricted: await s.meetingDocs.load(meetingId, 'restricted') };
            });
          // Every append through the server's stores (the write path's), all in flight at once with the end among them.
          for (const [i, batch] of batches.entries()) {
            if (i === endAt) ending = end();
            running.push(db.storage.stores.meetingDocs.appendMany([batch], now).then(([r]) => r));
            if (i % 2 === 1) await new Promise(setImmediate);
          }
          ending ??= end();
          const [read, results] = await Promise.all([ending, Promise.all(running)]);
          for (const doc of ['shared', 'restricted'] as const) {
            const final = await db.storage.stores.meetingDocs.load(meetingId, doc);
            // Nothing stored after the end read the document.
            expect(final.updates.map(key)).toEqual(read[doc].updates.map(key));
            const stored = new Set(final.updates.map(key));
            for (const [i, batch] of batches.entries()) {
              if (batch.doc !== doc) continue;
              if (results[i] === null) refusedSeen++;
              else storedSeen++;
              for (const u of batch.updates) expect(stored.has(key(u))).toBe(results[i] !== null);
            }
          }
          // And once ended, an append is refused whatever its timing.
          expect(await db.storage.stores.meetingDocs.appendMany([{ meetingId, doc: 'shared', updates: [Uint8Array.of(9)] }], now)).toEqual([null]);
        },
      ),
      { numRuns: 20 },
    );
    // The cases covered both outcomes (appends before the end stored, after it refused).
    expect(refusedSeen).toBeGreaterThan(0);
    expect(storedSeen).toBeGreaterThan(0);
  }, 60_000);
});

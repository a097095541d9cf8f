/**
 * The meeting document store's promises, the same cases on SQLite and on PostgreSQL: loading, the batch append of
 * many rooms in one transaction (all or nothing), order within a document under concurrent appends, compaction
 * racing appends (nothing lost, never backwards), byte-exact updates, a room shut down mid-compaction still folding
 * its whole log, and PostgreSQL going away (a clear fault, nothing half-written, and writes resume when it is back).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPgDatabase } from '../../server/db/pg/client.js';
import { PgStorageFault } from '../../server/db/pg/faults.js';
import { pgMeetingDocStore } from '../../server/db/pg/meeting-docs-store.js';
import type { AppendResult, DocumentAppend, MeetingDocStore } from '../../server/db/stores/meeting-docs.js';
import { storageFaultOf, toAppError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { DocRoom } from '../../server/realtime/doc-room.js';
import { WriteBatcher } from '../../server/realtime/write-batcher.js';
import { limits } from '../../shared/limits.js';
import { freePort } from '../support/engines.js';
import { contractEngines, openCuttablePostgres, seedMeetings, type EngineUnderTest } from './engines.js';

const now = Date.UTC(2026, 10, 30, 10);
const logger = createLogger('silent');
const bytes = (...values: number[]) => Uint8Array.from(values);
/** A batch's sequence number, for meetings that never end here (null would be a refusal). */
function seqOf(result: AppendResult): number {
  if (result === null) throw new Error('the append was refused as if the meeting had ended');
  return result;
}

/** A Yjs update that inserts `text` at the end of the document's text, made on a private copy of `base`. */
function edit(base: Y.Doc, text: string, clientId: number): Uint8Array {
  const copy = new Y.Doc();
  copy.clientID = clientId;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  let update: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array) => (update = u));
  copy.getText('t').insert(copy.getText('t').length, text);
  return update!;
}

async function rebuild(store: MeetingDocStore, meetingId: string): Promise<Y.Doc> {
  const stored = await store.load(meetingId, 'shared');
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describe.each(contractEngines)('meeting document store on $name', (engine) => {
  let db: EngineUnderTest;
  let store: MeetingDocStore;
  beforeAll(async () => {
    db = await engine.open();
    store = db.meetingDocs;
  });
  afterAll(() => db?.close());

  it('loads a document never written as empty', async () => {
    const { meetingIds } = await seedMeetings(db, 1);
    expect(await store.load(meetingIds[0], 'shared')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
  });

  it('appends many rooms’ updates in one call, returning each batch’s last sequence number, and keeps each update byte for byte', async () => {
    const { meetingIds } = await seedMeetings(db, 60);
    const batches: DocumentAppend[] = meetingIds.flatMap((meetingId, i) => [
      { meetingId, doc: 'shared' as const, updates: Array.from({ length: 1 + (i % 4) }, (_, k) => bytes(i, k, 0, 255, 10, 13)) },
      ...(i % 3 === 0 ? [{ meetingId, doc: 'restricted' as const, updates: [bytes(...Array.from({ length: 256 }, (_, b) => b))] }] : []),
    ]);
    const lastSeqs = await store.appendMany(batches, now);
    expect(lastSeqs).toHaveLength(batches.length);
    expect(new Set(lastSeqs).size).toBe(batches.length);
    for (const [i, batch] of batches.entries()) {
      const stored = await store.load(batch.meetingId, batch.doc);
      expect(stored.snapshot).toBeNull();
      expect(stored.updates).toEqual(batch.updates.map((u) => new Uint8Array(u)));
      expect(stored.lastSeq).toBe(lastSeqs[i]);
    }
    // The shared and restricted documents of one meeting never mix.
    expect((await store.load(meetingIds[0], 'restricted')).updates).toHaveLength(1);
  });

  it('stores nothing of a batch when one room’s append fails (all or nothing)', async () => {
    const { meetingIds } = await seedMeetings(db, 5);
    const batches: DocumentAppend[] = meetingIds.map((meetingId) => ({ meetingId, doc: 'shared', updates: [bytes(1, 2, 3)] }));
    batches.splice(3, 0, { meetingId: 'no-such-meeting', doc: 'shared', updates: [bytes(9)] });
    await expect(store.appendMany(batches, now)).rejects.toThrow();
    for (const meetingId of meetingIds) expect(await db.count('meeting_updates', 'meeting_id', meetingId)).toBe(0);
    // And the store is fine afterwards.
    const [seq] = await store.appendMany([{ meetingId: meetingIds[0], doc: 'shared', updates: [bytes(4)] }], now);
    expect((await store.load(meetingIds[0], 'shared')).lastSeq).toBe(seq);
  });

  it('refuses the batches of a meeting that has ended, storing nothing of them, and stores the others of the same call', async () => {
    const { meetingIds } = await seedMeetings(db, 3);
    const [open, ended, alsoOpen] = meetingIds;
    await db.roomState.setStatus(ended, 'ended', now);
    const batches: DocumentAppend[] = [
      { meetingId: open, doc: 'shared', updates: [bytes(1), bytes(2)] },
      { meetingId: ended, doc: 'shared', updates: [bytes(3)] },
      { meetingId: ended, doc: 'restricted', updates: [bytes(4), bytes(5)] },
      { meetingId: alsoOpen, doc: 'shared', updates: [bytes(6)] },
    ];
    const results = await store.appendMany(batches, now);
    expect(results[1]).toBeNull();
    expect(results[2]).toBeNull();
    expect(await db.count('meeting_updates', 'meeting_id', ended)).toBe(0);
    expect(await store.load(open, 'shared')).toEqual({ snapshot: null, updates: [bytes(1), bytes(2)], lastSeq: seqOf(results[0]) });
    expect(await store.load(alsoOpen, 'shared')).toEqual({ snapshot: null, updates: [bytes(6)], lastSeq: seqOf(results[3]) });
    // Refused alone too, whichever document.
    expect(await store.appendMany([{ meetingId: ended, doc: 'shared', updates: [bytes(7)] }], now)).toEqual([null]);
  });

  it('keeps one document’s updates in commit order when appends run concurrently', async () => {
    const { meetingIds } = await seedMeetings(db, 3);
    const calls = Array.from({ length: 24 }, (_, c) => {
      const meetingId = meetingIds[c % 3];
      return { meetingId, updates: [bytes(c, 0), bytes(c, 1), bytes(c, 2)] };
    });
    const results = await Promise.all(calls.map((call) => store.appendMany([{ meetingId: call.meetingId, doc: 'shared', updates: call.updates }], now)));
    for (const meetingId of meetingIds) {
      const mine = calls.map((call, i) => ({ ...call, last: seqOf(results[i][0]) })).filter((call) => call.meetingId === meetingId);
      mine.sort((a, b) => a.last - b.last);
      // Each call's updates are stored together and in its order, calls in the order of their sequence numbers.
      expect((await store.load(meetingId, 'shared')).updates).toEqual(mine.flatMap((call) => call.updates));
    }
  });

  it('compaction racing appends loses nothing, and an older snapshot never replaces a newer one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('append', 'compact', 'stale'), { minLength: 4, maxLength: 24 }), async (steps) => {
        const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
        const expected = new Y.Doc();
        // The first snapshot made: replayed at the end of a run as a slow compaction finishing last.
        const stale: { first: { snapshot: Uint8Array; seq: number } | null } = { first: null };
        const running: Promise<unknown>[] = [];
        for (const [i, step] of steps.entries()) {
          if (step === 'append') {
            const update = edit(expected, `${i};`, 1000 + i);
            Y.applyUpdate(expected, update);
            running.push(store.appendMany([{ meetingId, doc: 'shared', updates: [update] }], now));
          } else if (step === 'compact') {
            // Snapshot what is stored now while later appends are still in flight, as the room does.
            running.push(
              store.load(meetingId, 'shared').then(async (stored) => {
                const doc = new Y.Doc();
                if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
                for (const u of stored.updates) Y.applyUpdate(doc, u);
                const snapshot = Y.encodeStateAsUpdate(doc);
                stale.first ??= { snapshot, seq: stored.lastSeq };
                await store.compact(meetingId, 'shared', snapshot, stored.lastSeq, now);
              }),
            );
          } else {
            // A slow compaction finishing last: its snapshot is older than what the others stored since.
            await Promise.all(running);
            if (stale.first) await store.compact(meetingId, 'shared', stale.first.snapshot, stale.first.seq, now);
          }
        }
        await Promise.all(running);
        const rebuilt = await rebuild(store, meetingId);
        expect(rebuilt.getText('t').toString()).toBe(expected.getText('t').toString());
      }),
      { numRuns: 25 },
    );
  });

  it('after a compaction, loads the snapshot and only the rows after it', async () => {
    const { meetingIds } = await seedMeetings(db, 1);
    const [meetingId] = meetingIds;
    const doc = new Y.Doc();
    const first = edit(doc, 'agreed ', 1);
    Y.applyUpdate(doc, first);
    const seq = seqOf((await store.appendMany([{ meetingId, doc: 'shared', updates: [first] }], now))[0]);
    await store.compact(meetingId, 'shared', Y.encodeStateAsUpdate(doc), seq, now);
    const later = edit(doc, 'later', 2);
    const [laterSeq] = await store.appendMany([{ meetingId, doc: 'shared', updates: [later] }], now);
    const stored = await store.load(meetingId, 'shared');
    expect(stored.snapshot).toEqual(Y.encodeStateAsUpdate(doc));
    expect(stored.updates).toEqual([later]);
    expect(stored.lastSeq).toBe(laterSeq);
    expect(await db.count('meeting_updates', 'meeting_id', meetingId)).toBe(1);
  });

  it('reads only what a reader holding rows up to N is missing: the rows after N, and the snapshot once it folds in rows after N', async () => {
    const [meetingId, other] = (await seedMeetings(db, 2)).meetingIds;
    expect(await store.readAfter(meetingId, 'shared', 0)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    const doc = new Y.Doc();
    const updates = ['a', 'b', 'c', 'd'].map((t, i) => {
      const u = edit(doc, t, 10 + i);
      Y.applyUpdate(doc, u);
      return u;
    });
    const seqs: number[] = [];
    for (const u of updates) {
      // Another document's rows in between: a document's sequence numbers are not consecutive.
      await store.appendMany([{ meetingId: other, doc: 'shared', updates: [bytes(7)] }], now);
      seqs.push(seqOf((await store.appendMany([{ meetingId, doc: 'shared', updates: [u] }], now))[0]));
    }
    expect(await store.readAfter(meetingId, 'shared', seqs[1])).toEqual({ snapshot: null, updates: updates.slice(2), lastSeq: seqs[3] });
    expect(await store.readAfter(meetingId, 'shared', seqs[3])).toEqual({ snapshot: null, updates: [], lastSeq: seqs[3] });
    // Nothing of the restricted document.
    expect((await store.readAfter(meetingId, 'restricted', 0)).updates).toEqual([]);

    // Compacted up to seqs[2]: a reader at seqs[0] needs the snapshot (rows 1 and 2 are gone) and the row after it;
    // a reader at seqs[2] or later needs no snapshot.
    const upTo2 = new Y.Doc();
    for (const u of updates.slice(0, 3)) Y.applyUpdate(upTo2, u);
    const snapshot = Y.encodeStateAsUpdate(upTo2);
    await store.compact(meetingId, 'shared', snapshot, seqs[2], now);
    expect(await store.readAfter(meetingId, 'shared', seqs[0])).toEqual({ snapshot, updates: [updates[3]], lastSeq: seqs[3] });
    expect(await store.readAfter(meetingId, 'shared', seqs[2])).toEqual({ snapshot: null, updates: [updates[3]], lastSeq: seqs[3] });
    await store.compact(meetingId, 'shared', Y.encodeStateAsUpdate(doc), seqs[3], now);
    expect(await store.readAfter(meetingId, 'shared', seqs[1])).toEqual({ snapshot: Y.encodeStateAsUpdate(doc), updates: [], lastSeq: seqs[3] });
    expect(await store.readAfter(meetingId, 'shared', seqs[3])).toEqual({ snapshot: null, updates: [], lastSeq: seqs[3] });
  });

  it('catching up from any point rebuilds the same document as loading it whole, whatever was compacted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), fc.nat(), async (steps, pick) => {
        const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
        const doc = new Y.Doc();
        const seen: { seq: number; state: Uint8Array }[] = [{ seq: 0, state: Y.encodeStateAsUpdate(new Y.Doc()) }];
        for (const [i, compactNow] of steps.entries()) {
          const u = edit(doc, `${i};`, 100 + i);
          Y.applyUpdate(doc, u);
          const seq = seqOf((await store.appendMany([{ meetingId, doc: 'shared', updates: [u] }], now))[0]);
          seen.push({ seq, state: Y.encodeStateAsUpdate(doc) });
          if (compactNow) await store.compact(meetingId, 'shared', Y.encodeStateAsUpdate(doc), seq, now);
        }
        // A reader that had the document as of some earlier row catches up and ends equal to the whole document.
        const from = seen[pick % seen.length];
        const reader = new Y.Doc();
        Y.applyUpdate(reader, from.state);
        const missing = await store.readAfter(meetingId, 'shared', from.seq);
        if (missing.snapshot) Y.applyUpdate(reader, missing.snapshot);
        for (const u of missing.updates) Y.applyUpdate(reader, u);
        expect(reader.getText('t').toString()).toBe(doc.getText('t').toString());
        expect(missing.lastSeq).toBe(seen.at(-1)!.seq);
      }),
      { numRuns: 20 },
    );
  });

  it('a room shut down while the compaction its last write started is still running folds the whole log into one snapshot', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const room = await DocRoom.load(meetingId, 'shared', store, logger, { writer: new WriteBatcher(store, { logger }) });
    // One batch past the compaction threshold: its commit starts a compaction, which is still reading when the
    // shutdown begins (a restart right after a busy moment).
    for (let i = 0; i <= limits.compactEveryUpdates; i++) room.doc.getText('t').insert(0, 'x');
    expect(await room.flush()).toBe(true);
    expect(await room.shutdown(4503, 'restart')).toBe(true);
    const stored = await store.load(meetingId, 'shared');
    expect(stored.updates).toEqual([]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(doc.getText('t').toString()).toBe('x'.repeat(limits.compactEveryUpdates + 1));
  });
});

describe('meeting document store when PostgreSQL is unreachable', () => {
  it('fails at once with a storage fault that says so in words, and a dead connection mid-commit stores nothing', async () => {
    const pg = await openCuttablePostgres({ connectionTimeoutMs: 2000 });
    const { direct, proxy, throughProxy } = pg;
    try {
      const { meetingIds } = await seedMeetings(direct, 20);
      const store = pgMeetingDocStore(throughProxy.pool);
      const batch: DocumentAppend[] = meetingIds.map((meetingId) => ({ meetingId, doc: 'shared', updates: [bytes(1), bytes(2)] }));

      // PostgreSQL goes away at the moment the batch commits: the caller hears a fault and no row of it is stored.
      proxy.cutOn('commit');
      const midCommit = await store.appendMany(batch, now).catch((err: unknown) => err);
      expect(midCommit).toBeInstanceOf(PgStorageFault);
      expect((midCommit as PgStorageFault).code).toBe('PG_UNAVAILABLE');
      for (const meetingId of meetingIds) expect(await direct.count('meeting_updates', 'meeting_id', meetingId)).toBe(0);

      // Unreachable: refused connections are the same fault, in the words the editors and REST callers get.
      proxy.cut();
      const refused = await store.appendMany(batch, now).catch((err: unknown) => err);
      expect(storageFaultOf(refused)).toBe('PG_UNAVAILABLE');
      expect(toAppError(refused)).toMatchObject({ code: 'unavailable', message: 'The database cannot be reached; nothing was saved. Try again in a moment' });
      await expect(store.load(meetingIds[0], 'shared')).rejects.toBeInstanceOf(PgStorageFault);

      // Back again: the same pool writes the whole batch.
      proxy.open();
      const lastSeqs = await store.appendMany(batch, now);
      expect(lastSeqs).toHaveLength(meetingIds.length);
      for (const meetingId of meetingIds) expect(await direct.count('meeting_updates', 'meeting_id', meetingId)).toBe(2);
    } finally {
      await pg.close();
    }
  });

  it('a server that is not there at all is refused at open with the same fault', async () => {
    const port = await freePort();
    const opened = await openPgDatabase(`postgres://postgres@127.0.0.1:${port}/nothing`, { connectionTimeoutMs: 2000 }).catch((err: unknown) => err);
    expect(storageFaultOf(opened)).toBe('PG_UNAVAILABLE');
  });
});

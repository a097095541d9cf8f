/**
 * Two real server processes behind one address (test/support/two-process-cluster.ts), Redis between them, under
 * faults and concurrency:
 * - Redis unreachable at start: processes start, edits are stored, room events arrive once Redis is back;
 * - random concurrent Yjs edits from clients on both processes converge (fast-check);
 * - `kill -9` of one process while clients edit: every acknowledged edit is present afterwards (in storage, read by
 *   a process started after), and its clients reconnect to the survivor and converge within 10 s;
 * - compaction while both processes write loses nothing;
 * - Redis stopped for 5 s while clients edit, then started (empty): edits keep being stored, nothing is lost, every
 *   client converges.
 *
 * Event-driven: every wait is for a sync, a "saved", a snapshot or a process event, except the Redis outage, which
 * the scenario defines as 5 s long. The load is small on purpose (a shared 2-core machine): each editor writes, waits
 * for "saved", writes again.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import '../support/property-seed.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, appendNotesParagraph, notesPlainText, readAgenda, renameAgendaItem } from '../../shared/meeting-doc.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { connectYClient, type YClient } from '../support/yjs-client.js';
import { connectRoom } from '../support/room-client.js';
import { demoUsers, signIn } from '../support/session.js';
import { limits } from '../../shared/limits.js';
import { twoProcessEngine as engine, twoProcessHarness, type Cluster } from '../support/two-process-cluster.js';

const m = { meetingId: demoMeetingId };

describe(`two server processes behind one address: faults and concurrency (${engine})`, () => {
  const { processes, ownRedis, clients, track, storageEnv, cluster, editor, converged, editLoops, storedDoc } = twoProcessHarness();

  /**
   * Four editors spread over both processes, each writing notes on the second agenda item in its own loop.
   * `counts()` is each editor's acknowledged edits so far; `eachWroteMore(from, n)` waits until every editor has had
   * `n` more acknowledged since `from`.
   */
  async function editingFour(c: Cluster) {
    const editors: { y: YClient; on: number }[] = [];
    for (let i = 0; i < 4; i++) editors.push(await editor(c));
    const itemId = readAgenda(editors[0].y.doc)[1].id;
    const load = editLoops(editors.map((e) => e.y), itemId);
    const counts = () => editors.map((_, i) => load.countOf(i));
    const eachWroteMore = (from: number[], n: number) => load.until(() => from.every((count, i) => load.countOf(i) >= count + n));
    return { editors, itemId, load, counts, eachWroteMore };
  }

  /** Every acknowledged note is one of `paragraphs` (a client's copy, or what a process started afterwards reads). */
  function expectEveryAcked(paragraphs: string[], acked: Iterable<string>) {
    for (const note of acked) expect(paragraphs).toContain(note);
  }

  it('Redis unreachable at start: the process starts and is ready, edits are stored, room events wait for Redis and arrive when it is back', async () => {
    const redis = await ownRedis();
    await redis.stop();
    const storage = await storageEnv();
    try {
      const env = { PORT: '0', HOST: '127.0.0.1', TRIAGE_REDIS_URL: redis.url, TRIAGE_SEED_DEMO: 'true', ...storage.env };
      const p = processes.start(env);
      const url = await p.ready;
      // Readiness is about the database: Redis only relays, so a balancer must keep sending this process work.
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const cookie = await signIn(url, demoUsers.chair);
      const y = track(connectYClient(url, demoMeetingId, { headers: { cookie } }));
      await y.synced;
      const itemId = readAgenda(y.doc)[1].id;
      appendNotesParagraph(y.doc, itemId, 'Stored while Redis is away');
      await y.saved();

      const chair = await connectRoom(url, cookie);
      clients.push({ destroy: () => chair.close() });
      let answered = false;
      const joined = chair.emit(roomEvents.join, m).then((ack) => ((answered = true), ack));
      await redis.start();
      expect(answered).toBe(false);
      expect((await joined).ok).toBe(true);
      // Every failed reconnect was handled (logged, throttled), none printed raw by the Redis client.
      expect(p.output()).not.toContain('Unhandled error event');
      // Shutdown does not wait on Redis: with it gone again, SIGTERM still stores, closes and exits cleanly.
      await redis.stop();
      appendNotesParagraph(y.doc, itemId, 'Typed just before shutdown');
      await y.saved();
      p.child.kill('SIGTERM');
      expect(await p.exited).toEqual({ code: 0, signal: null });
    } finally {
      for (const cl of clients.splice(0)) cl.destroy();
      await storage.drop().catch(() => undefined);
    }
  }, 60_000);

  it('random concurrent edits from clients on both processes converge', async () => {
    const c = await cluster();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ who: fc.nat({ max: 3 }), kind: fc.constantFrom('note', 'rename', 'add'), n: fc.nat({ max: 1000 }) }), { minLength: 1, maxLength: 25 }),
          async (ops) => {
            const editors: { y: YClient; on: number }[] = [];
            for (let i = 0; i < 4; i++) editors.push(await editor(c));
            // Spread over both processes.
            expect(new Set(editors.map((e) => e.on))).toEqual(new Set([0, 1]));
            const docs = editors.map((e) => e.y.doc);
            const items = readAgenda(docs[0]);
            // All at once, before anyone hears anyone: concurrent edits from both sides.
            for (const { who, kind, n } of ops) {
              const doc = docs[who];
              const item = items[n % items.length];
              if (kind === 'note') appendNotesParagraph(doc, item.id, `note ${n}`);
              else if (kind === 'rename') renameAgendaItem(doc, item.id, `Renamed ${n}`);
              else addAgendaItem(doc, { kind: 'case-review', title: `Added ${n}`, caseRef: `RR-2026-${100 + (n % 800)}` });
            }
            await Promise.all(editors.map((e) => e.y.saved()));
            await converged(docs);
            for (const e of editors) e.y.destroy();
          },
        ),
        { numRuns: 6 },
      );
    } finally {
      await c.close();
    }
  }, 120_000);

  it('kill -9 of one process while clients edit: every acknowledged edit survives, and its clients reconnect to the survivor and converge within 10 s', async () => {
    const c = await cluster();
    try {
      const { editors, itemId, load, counts, eachWroteMore } = await editingFour(c);
      expect(editors.map((e) => e.on)).toEqual([0, 1, 0, 1]);
      await load.until(() => load.acked.size >= 24);
      const victim = c.procs[1];
      const reconnected = Promise.all(editors.filter((e) => e.on === 1).map((e) => e.y.nextSync()));
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      const killedAt = Date.now();
      // Its editors come back through the same address (to the survivor) and go on editing there.
      await reconnected;
      await eachWroteMore(counts(), 5);
      await load.stop();
      await converged(
        editors.map((e) => e.y.doc),
        Math.max(1, 10_000 - (Date.now() - killedAt)),
      );
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      expectEveryAcked(notesPlainText(editors[0].y.doc, itemId), load.acked);
      // And in storage, as a process started afterwards reads it.
      expectEveryAcked(notesPlainText(await storedDoc(c), itemId), load.acked);
    } finally {
      await c.close();
    }
  }, 90_000);

  it('compaction while both processes write: each folds the log when due, and no acknowledged edit from either is lost', async () => {
    const c = await cluster();
    try {
      const { editors, itemId, load } = await editingFour(c);
      // Well past the point where each process's copy is due to be folded into a snapshot.
      await load.until(() => load.acked.size >= limits.compactEveryUpdates * 1.5);
      await load.stop();
      await converged(editors.map((e) => e.y.doc));
      expect(await c.count("select count(*) as n from meeting_documents where meeting_id = ? and doc = 'shared'", demoMeetingId)).toBe(1);
      expect(await c.count("select count(*) as n from meeting_updates where meeting_id = ? and doc = 'shared'", demoMeetingId)).toBeLessThan(load.acked.size);
      expectEveryAcked(notesPlainText(await storedDoc(c), itemId), load.acked);
    } finally {
      await c.close();
    }
  }, 120_000);

  it('Redis stopped for 5 s while clients edit, then started again: edits keep being stored, nothing is lost, every client converges', async () => {
    const c = await cluster();
    try {
      const { editors, itemId, load, counts, eachWroteMore } = await editingFour(c);
      expect(editors.map((e) => e.on)).toEqual([0, 1, 0, 1]);
      await load.until(() => load.acked.size >= 12);
      await c.redis.stop();
      const atStop = counts();
      // The outage the scenario asks for, while the editors keep writing.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      // Edits were stored and acknowledged on both processes while Redis was away.
      await eachWroteMore(atStop, 3);
      await c.redis.start();
      await eachWroteMore(counts(), 3);
      await load.stop();
      await converged(editors.map((e) => e.y.doc));
      expectEveryAcked(notesPlainText(editors[1].y.doc, itemId), load.acked);
      expectEveryAcked(notesPlainText(await storedDoc(c), itemId), load.acked);
    } finally {
      await c.close();
    }
  }, 90_000);
});

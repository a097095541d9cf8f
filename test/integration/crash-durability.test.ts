/**
 * Issue 5(a): kill -9 at random points. A server process under edits from three real y-websocket clients is killed
 * with SIGKILL and restarted on the same database, again and again: the SQLite file, and (issue 17) a PostgreSQL
 * database of the run's throwaway cluster (TRIAGE_DATABASE_URL), where the asynchronous commit must also keep the
 * promise. "Saved" is a promise: every edit a client saw acknowledged must be there after every restart, and the
 * clients must reconnect and converge. The process is the compiled server `npm start` runs (the global setup rebuilds
 * it when older than the source): its starts take a third of the time they take through tsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/engines.js';
import { storedRow } from '../support/stored.js';
import { serverEngines, tempDir, type ServerEngine } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';
// Seeded mulberry32 shared with the benchmark: a failing run is replayed with the seed it prints.
import { rng as prng } from '../bench/stats.js';

// Fewer on PostgreSQL: each restart there also connects a pool and checks the migrations, so a round costs more.
const roundsOn: Record<ServerEngine, number> = { sqlite: 10, postgres: 6 };



interface Writer {
  client: YClient;
  /** Every key this client wrote, with its own clock just after the write. */
  written: { key: string; clock: number }[];
}

const crashMap = (doc: Y.Doc) => doc.getMap<number>('crash-test');

describe.each(serverEngines)('durability under kill -9 on $name', ({ engine }) => {
  const rounds = roundsOn[engine];
  const dir = tempDir();
  let server: ServerProcess | null = null;
  let database: TestDatabase | null = null;
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it(`keeps every acknowledged edit across ${rounds} SIGKILLs at random points, and the clients converge`, { timeout: 120_000 }, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const label = `${engine}, seed ${seed} (replay with CRASH_SEED=${seed})`;
    const port = await freePort();
    // PostgreSQL: a fresh database the first start migrates and seeds, as a new deployment's would be. SQLite:
    // checkpoints in the worker thread whatever the machine (the default on two CPUs or more), so a kill may land
    // mid-checkpoint.
    const records: Record<string, string> =
      engine === 'postgres'
        ? { TRIAGE_DATABASE_URL: (database = await createTestDatabase()).url }
        : { TRIAGE_DB_FILE: path.join(dir, 'triage.db'), TRIAGE_SQLITE_CHECKPOINT: 'background' };
    const env = { PORT: String(port), HOST: '127.0.0.1', ...records };
    server = spawnServer(env, { compiled: true });
    const url = await server.ready;
    const writers: Writer[] = [];
    for (const who of ['chair', 'member', 'member2'] as const) {
      // Sessions live in the database, so these cookies stay valid across restarts.
      const cookie = await signIn(url, demoUsers[who]);
      writers.push({ client: connectYClient(url, demoMeetingId, { headers: { cookie }, maxBackoffTime: 100 }), written: [] });
    }
    await Promise.all(writers.map((w) => w.client.synced));

    const acknowledged = (w: Writer) => w.written.filter((x) => x.clock <= w.client.savedClock());
    const checkerCookie = await signIn(url, demoUsers.coordinator);
    const fresh = async () => {
      const cookie = checkerCookie;
      const client = connectYClient(url, demoMeetingId, { headers: { cookie } });
      await client.synced;
      return client;
    };

    let acknowledgedAtKills = 0;
    let unacknowledgedAtKills = 0;
    for (let round = 0; round < rounds; round++) {
      // Each writer edits every few ms until the kill; nothing waits for "saved", as a person typing would not.
      let editing = true;
      const loops = writers.map((w, i) => {
        let n = 0;
        return new Promise<void>((resolve) => {
          const edit = () => {
            if (!editing) return resolve();
            const key = `r${round}-w${i}-${n++}`;
            crashMap(w.client.doc).set(key, n);
            w.written.push({ key, clock: w.client.ownClock() });
            setTimeout(edit, Math.floor(random() * 6));
          };
          edit();
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 250))); // the random kill point
      server.child.kill('SIGKILL');
      await server.exited;
      editing = false;
      await Promise.all(loops);
      // Freeze what counts as acknowledged, and keep the clients away until that has been checked on the new server.
      const mustSurvive = writers.flatMap((w) => acknowledged(w).map((x) => x.key));
      acknowledgedAtKills += mustSurvive.length;
      unacknowledgedAtKills += writers.reduce((s, w) => s + w.written.length, 0) - mustSurvive.length;
      for (const w of writers) w.client.provider.disconnect();

      server = spawnServer(env, { compiled: true });
      expect(await server.ready, label).toBe(url);
      const check = await fresh();
      const stored = crashMap(check.doc);
      const lost = mustSurvive.filter((key) => !stored.has(key));
      expect(lost, `round ${round}, ${label}: acknowledged edits lost`).toEqual([]);
      check.destroy();

      // Reconnect: the clients push what the server never stored, and everyone converges.
      const resynced = writers.map((w) => w.client.nextSync());
      for (const w of writers) w.client.provider.connect();
      await Promise.all(resynced);
      await Promise.all(writers.map((w) => w.client.saved()));
      const allKeys = writers.flatMap((w) => w.written.map((x) => x.key));
      const hasAll = (doc: Y.Doc) => allKeys.every((key) => crashMap(doc).has(key));
      await Promise.all(writers.map((w) => waitForDoc(w.client.doc, hasAll)));
      const after = await fresh();
      await waitForDoc(after.doc, hasAll);
      const expected = Y.encodeStateVector(after.doc);
      for (const w of writers) {
        expect(Y.encodeStateVector(w.client.doc), label).toEqual(expected);
        expect(crashMap(w.client.doc).toJSON(), label).toEqual(crashMap(after.doc).toJSON());
      }
      after.destroy();
    }
    // Not vacuous: the kills landed while edits were in flight, after many had been acknowledged.
    expect(acknowledgedAtKills, label).toBeGreaterThan(rounds * writers.length);
    expect(unacknowledgedAtKills, label).toBeGreaterThan(0);
    for (const w of writers) w.client.destroy();
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    // And the engine under test is the one that kept them: its update log or snapshot holds the meeting's document.
    const kept = await storedRow(
      { engine, dbFile: path.join(dir, 'triage.db'), database },
      'select (select count(*) from meeting_updates where meeting_id = ?) + (select count(*) from meeting_documents where meeting_id = ?) as n',
      demoMeetingId,
      demoMeetingId,
    );
    expect(Number(kept?.n), label).toBeGreaterThan(0);
  });
});

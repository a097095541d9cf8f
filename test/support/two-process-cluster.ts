/**
 * Two real server processes behind one TCP port (test/support/balancer.ts sends each new connection to the next
 * process in turn, skipping one that refuses), with TRIAGE_REDIS_URL pointing at a redis-server of the test's own,
 * and the helpers the two-process tests share (test/integration/two-processes-*.test.ts).
 *
 * Storage is one setting (`twoProcessEngine`): PostgreSQL, a database of its own in the run's throwaway cluster
 * (test/support/engines.ts), as a deployment across machines has it. TRIAGE_TWO_PROCESS_ENGINE=sqlite runs the same
 * tests with both processes on ONE SQLite file in WAL mode (SQLite locks per file, across processes): workable on one
 * machine, never across machines.
 */
import path from 'node:path';
import { expect } from 'vitest';
import * as Y from 'yjs';
import './property-seed.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { appendNotesParagraph, readAgenda } from '../../shared/meeting-doc.js';
import { processHarness, type ServerProcess } from './process.js';
import { ownRedisHarness, type OwnRedis } from './own-redis.js';
import { startBalancer, type Balancer } from './balancer.js';
import { connectYClient, type YClient } from './yjs-client.js';
import { connectRoom, type RoomClient } from './room-client.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { demoUsers, signIn } from './session.js';
import { createTestDatabase } from './engines.js';
import { startPgProxy, type PgProxy } from './pg-proxy.js';
import Database from 'better-sqlite3';
import pg from 'pg';
import { conditionWaits } from './condition-waits.js';

export const twoProcessEngine: 'sqlite' | 'postgres' = process.env.TRIAGE_TWO_PROCESS_ENGINE === 'sqlite' ? 'sqlite' : 'postgres';

/** Call inside a describe block: processes, Redis and clients are cleaned up after each test. */
export function twoProcessHarness() {
  const engine = twoProcessEngine;
  const processes = processHarness();
  const ownRedis = ownRedisHarness();
  const clients: { destroy(): void }[] = [];
  const track = <T extends { destroy(): void }>(c: T): T => (clients.push(c), c);

  interface Cluster {
    env: Record<string, string>;
    procs: ServerProcess[];
    urls: string[];
    balancer: Balancer;
    redis: OwnRedis;
    chairCookie: string;
    /** PostgreSQL as the processes reach it (when asked for): cut and open it. */
    pgProxy?: PgProxy;
    /** A count straight from the shared storage (`select count(*) as n …`, `?` parameters). */
    count(sql: string, ...args: string[]): Promise<number>;
    close(): Promise<void>;
  }

  /** Storage both processes share: the one place the engine is chosen. */
  async function storageEnv(
    proxied = false,
  ): Promise<{ env: Record<string, string>; proxy?: PgProxy; count(sql: string, ...args: string[]): Promise<number>; drop(): Promise<void> }> {
    if (engine === 'postgres') {
      const db = await createTestDatabase();
      // Through a proxy the test can cut: PostgreSQL really unreachable for the processes, the cluster left running.
      const proxy = proxied ? await startPgProxy(db.url) : undefined;
      return {
        env: { TRIAGE_DATABASE_URL: proxy?.url ?? db.url },
        proxy,
        async count(sql, ...args) {
          const client = new pg.Client({ connectionString: db.url });
          await client.connect();
          try {
            let n = 0;
            return Number((await client.query(sql.replace(/\?/g, () => `$${++n}`), args)).rows[0].n);
          } finally {
            await client.end();
          }
        },
        drop: async () => {
          await proxy?.close();
          await db.drop();
        },
      };
    }
    const file = path.join(processes.dir(), 'shared.db');
    return {
      env: { TRIAGE_DB_FILE: file },
      async count(sql, ...args) {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          return Number((db.prepare(sql).get(...args) as { n: number }).n);
        } finally {
          db.close();
        }
      },
      drop: async () => undefined,
    };
  }

  async function cluster(options: { proxied?: boolean } = {}): Promise<Cluster> {
    const redis = await ownRedis();
    const storage = await storageEnv(options.proxied);
    const env = { PORT: '0', HOST: '127.0.0.1', TRIAGE_REDIS_URL: redis.url, TRIAGE_SEED_DEMO: 'true', ...storage.env };
    // One after the other: the first applies the migrations and seeds the demo; the second finds them done.
    const first = processes.start(env);
    const urlA = await first.ready;
    const second = processes.start(env);
    const urlB = await second.ready;
    const balancer = await startBalancer([urlA, urlB]);
    // Sessions live in the shared storage: signed in on one process, recognised by both.
    const chairCookie = await signIn(urlA, demoUsers.chair);
    return {
      env,
      procs: [first, second],
      urls: [urlA, urlB],
      balancer,
      redis,
      chairCookie,
      count: storage.count,
      pgProxy: storage.proxy,
      async close() {
        for (const c of clients.splice(0)) c.destroy();
        await balancer.close();
        await storage.drop().catch(() => undefined);
      },
    };
  }

  /** The chair in the demo meeting's room straight on one process (the first by default), joined and the meeting opened. */
  async function chairInRoom(c: Cluster, url = c.urls[0]): Promise<RoomClient> {
    const chair = await connectRoom(url, c.chairCookie);
    clients.push({ destroy: () => chair.close() });
    expect((await chair.emit(roomEvents.join, { meetingId: demoMeetingId })).ok).toBe(true);
    expect((await chair.emit(roomEvents.open, { meetingId: demoMeetingId })).ok).toBe(true);
    return chair;
  }

  /**
   * Resolves once the process has logged that the store refused its updates. Its log reaches this process through a
   * pipe, apart from the WebSocket messages its clients get, so the line may still be on its way when the clients
   * already heard "read-only": wait for it (bounded: a refusal that never comes fails the test with the output).
   */
  const refusalLogged = (proc: ServerProcess, withinMs = 5000): Promise<void> =>
    new Promise((resolve, reject) => {
      const seen = () => proc.output().includes('updates refused');
      if (seen()) return resolve();
      const streams = [proc.child.stdout!, proc.child.stderr!];
      const onData = () => {
        if (!seen()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no "updates refused" logged within ${withinMs} ms:\n${proc.output()}`));
      }, withinMs);
      const done = () => {
        clearTimeout(timer);
        for (const s of streams) s.off('data', onData);
      };
      // After the harness's own listener (registered at spawn), so `output()` already holds the chunk.
      for (const s of streams) s.on('data', onData);
    });

  /** A Yjs client through the shared address; returns it once synced, with the process it reached. */
  async function editor(c: Cluster, cookie = c.chairCookie): Promise<{ y: YClient; on: number }> {
    const before = c.balancer.assigned.length;
    const y = track(connectYClient(c.balancer.url, demoMeetingId, { headers: { cookie }, maxBackoffTime: 200 }));
    await y.synced;
    return { y, on: c.balancer.assigned[before] };
  }

  /** Resolves once every doc holds every editor's own edits (by their clocks), then checks they are identical. */
  async function converged(docs: Y.Doc[], timeoutMs = 10_000): Promise<void> {
    const covered = (doc: Y.Doc) => docs.every((other) => Y.getState(doc.store, other.clientID) >= Y.getState(other.store, other.clientID));
    await Promise.all(
      docs.map(
        (doc) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('documents did not converge in time')), timeoutMs);
            const check = () => {
              if (!covered(doc)) return;
              clearTimeout(timer);
              doc.off('update', check);
              resolve();
            };
            doc.on('update', check);
            check();
          }),
      ),
    );
    const [first, ...rest] = docs;
    for (const doc of rest) expect(Buffer.from(Y.encodeStateVector(doc))).toEqual(Buffer.from(Y.encodeStateVector(first)));
    const agenda = JSON.stringify(readAgenda(first));
    for (const doc of rest) expect(JSON.stringify(readAgenda(doc))).toBe(agenda);
  }

  /**
   * Editors that each write a paragraph, wait for "saved", and write again, until told to stop. `acked` holds
   * every paragraph whose "saved" came back: the edits that must never be lost.
   */
  function editLoops(editors: YClient[], itemId: string) {
    const acked = new Set<string>();
    let stopped = false;
    const progress = conditionWaits();
    const loops = editors.map(async (y, i) => {
      for (let n = 0; !stopped; n++) {
        const text = `editor ${i} line ${n}`;
        appendNotesParagraph(y.doc, itemId, text);
        await y.saved();
        acked.add(text);
        progress.notify();
      }
    });
    return {
      acked,
      /** Resolves once `predicate` holds, checked after each acknowledgement. */
      until: progress.until,
      countOf: (i: number) => Array.from(acked).filter((t) => t.startsWith(`editor ${i} `)).length,
      async stop() {
        stopped = true;
        await Promise.all(loops);
      },
    };
  }

  /** The document as storage holds it, read by a process started now on the same storage (and Redis). */
  async function storedDoc(c: Cluster): Promise<Y.Doc> {
    const fresh = processes.start(c.env);
    const url = await fresh.ready;
    const cookie = await signIn(url, demoUsers.chair);
    const y = track(connectYClient(url, demoMeetingId, { headers: { cookie } }));
    await y.synced;
    return y.doc;
  }


  return { processes, ownRedis, clients, track, storageEnv, cluster, chairInRoom, refusalLogged, editor, converged, editLoops, storedDoc };
}

export type Cluster = Awaited<ReturnType<ReturnType<typeof twoProcessHarness>['cluster']>>;

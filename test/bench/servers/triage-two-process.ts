/**
 * Triage Room scaled out: the compiled server (`node dist/server/main.cjs`, as the single-process row) started twice
 * on one fresh PostgreSQL database (seeded like the SQLite row) with one redis-server between them
 * (TRIAGE_DATABASE_URL + TRIAGE_REDIS_URL, docs/scale-out.md). The n-th connection to a room goes to process n mod 2,
 * so every room has editors on both and each update reaches half its receivers only through the other process
 * (commit to PostgreSQL, XADD, XREAD, apply, send). All four server-side processes share the server CPU.
 */
import path from 'node:path';
import { serveCommand } from '../../support/serve-command.js';
import { freePort, spawnNode } from './spawn.js';
import { managed, type Managed } from './managed.js';
import { buildServer } from './triage.js';
import { seedBenchMeetingsPg, signInBench } from './triage-setup.js';
import { startBenchPostgres, startBenchRedis } from './engines.js';
import type { ServerAdapter, ServerInstance } from './types.js';

export const triageTwoProcessAdapter: ServerAdapter = {
  name: 'triage-room-x2-pg-redis',
  persistence:
    'Triage Room ×2 (PostgreSQL + Redis): two compiled processes on one PostgreSQL database (fsync=off, synchronous_commit=on: ' +
    'each tick\'s commit written to the kernel before broadcast, as SQLite WAL + NORMAL) with one redis-server relaying committed ' +
    'updates; each room\'s clients alternate between the two processes; both servers, PostgreSQL and Redis pinned (taskset) to the one server CPU, ' +
    'the load generator to the other, as for every row',
  skips: {
    scenarios: ['ramp', 'late joiner', 'restart', 'idle', 'ready'],
    why: 'the two-process row measures steady state only (the cost of scaling out at the same load); kill -9 and restarts of two processes are tested in test/integration/two-processes-room.test.ts and two-processes-faults.test.ts',
  },
  async start({ rooms, dataDir, cpu }): Promise<ServerInstance> {
    buildServer();
    const stops: (() => Promise<void>)[] = [];
    const stopAll = async () => {
      // Servers first (they flush to PostgreSQL on SIGTERM), then the engines.
      for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    };
    try {
      const [postgres, redis] = await Promise.all([startBenchPostgres(cpu), startBenchRedis(cpu)]);
      stops.push(postgres.stop, redis.stop);
      await seedBenchMeetingsPg(postgres.url, rooms);
      const ports = [await freePort(), await freePort()];
      const env = (port: number) => ({
        PORT: String(port),
        HOST: '127.0.0.1',
        TRIAGE_DATABASE_URL: postgres.url,
        TRIAGE_REDIS_URL: redis.url,
        // Not the record with TRIAGE_DATABASE_URL; kept in the run's temp dir so nothing is written under data/.
        TRIAGE_DB_FILE: path.join(dataDir, 'unused.db'),
        TRIAGE_SEED_DEMO: 'false',
        TRIAGE_DEV: '0',
        LOG_LEVEL: 'warn',
      });
      const serve = serveCommand();
      const started = await Promise.allSettled(
        ports.map((port) => managed(() => spawnNode(serve.args, { ...serve.env, ...env(port) }, /running at http/, cpu, `http://127.0.0.1:${port}/readyz`))),
      );
      for (const s of started) if (s.status === 'fulfilled') stops.push(() => s.value.stop());
      const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      const procs = started.map((s) => (s as PromiseFulfilledResult<Managed>).value);
      // Sessions live in PostgreSQL: signed in on one process, recognised by both.
      const cookie = await signInBench(`http://127.0.0.1:${ports[0]}`);
      const connections = new Map<string, number>();
      const instance: ServerInstance = {
        get pid() {
          return procs[0].pid;
        },
        framing: 'y-websocket',
        ack: 'saved',
        url(room) {
          const n = connections.get(room) ?? 0;
          connections.set(room, n + 1);
          return `ws://127.0.0.1:${ports[n % 2]}/yjs/${encodeURIComponent(room)}`;
        },
        headers: () => ({ cookie }),
        processes: () => [
          { name: 'server A', pids: [procs[0].pid] },
          { name: 'server B', pids: [procs[1].pid] },
          { name: 'postgres', pids: postgres.pids() },
          { name: 'redis', pids: [redis.pid] },
        ],
        kill9: async () => void (await Promise.all(procs.map((p) => p.kill9()))),
        restart: async () => void (await Promise.all(procs.map((p) => p.restart()))),
        stop: stopAll,
        output: () => procs.map((p, i) => `--- server ${'AB'[i]} ---\n${p.output()}`).join('\n'),
        // Idle is skipped for this row.
        unloadedRooms: async () => null,
      };
      return instance;
    } catch (err) {
      await stopAll();
      throw err;
    }
  },
};


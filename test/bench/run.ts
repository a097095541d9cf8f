/**
 * `npm run bench [-- --quick] [--out <dir>] [--servers a,b] [--reps N]`
 * Runs every scenario against Triage Room (one process on SQLite; steady state of two processes on PostgreSQL + Redis), plain @y/websocket-server and Hocuspocus, each as its own process on
 * 127.0.0.1 with the same seeded load, and writes latest.{json,md,svg} (full: bench/results/, quick: bench/results/tmp/quick/).
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fullConfig, quickConfig, servedBatch, type BenchConfig, type BenchResults, type ServerSummary } from './config.js';
import { triageAdapter } from './servers/triage.js';
import { triageTwoProcessAdapter } from './servers/triage-two-process.js';
import { yLeveldbAdapter, yWebsocketAdapter } from './servers/ywebsocket.js';
import { hocuspocusAdapter } from './servers/hocuspocus.js';
import { droppedServerEnv, pinSelf, rootDir } from './servers/spawn.js';
import { runRep } from './scenarios/suite.js';
import { runPersistence } from './scenarios/persistence.js';
import { journalledCommitDelayMs } from '../../server/realtime/write-batcher.js';
import { runAlternated } from './scenarios/alternated.js';
import { medianRecord } from './stats.js';
import type { ServerAdapter } from './servers/types.js';
import { persistenceLabel, terminalReport, writeReports } from './report.js';

const adapters = [triageAdapter, triageTwoProcessAdapter, yWebsocketAdapter, yLeveldbAdapter, hocuspocusAdapter];

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(name.length + 1) : argv[i + 1];
}

function summarise(name: string, persistence: string, reps: ServerSummary['reps'], config: BenchConfig): ServerSummary {
  const restart = medianRecord(reps.map((r) => r.restart));
  if (restart) {
    // Losses are summed over repetitions, not medianed: one lost update anywhere matters.
    restart.lost = reps.reduce((sum, r) => sum + (r.restart?.lost ?? 0), 0);
    restart.acked = reps.reduce((sum, r) => sum + (r.restart?.acked ?? 0), 0);
  }
  return {
    name,
    persistence,
    reps,
    median: {
      storm: medianRecord(reps.map((r) => r.storm)),
      steady: config.rates.flatMap((rate) => medianRecord(reps.map((r) => r.steady.find((s) => s.rate === rate))) ?? []),
      ramp: reps[0]?.ramp,
      late: medianRecord(reps.map((r) => r.late)),
      restart,
      idle: reps[0]?.idle,
      ready: medianRecord(reps.map((r) => r.ready)),
    },
  };
}

function notes(config: BenchConfig, pinned: boolean, servers: ServerAdapter[]): string[] {
  return [
    'Acknowledged = for Triage Room, covered by a `saved` status (type 100) the server sends after the write; for the peers, relayed by the server (echoed to the sender or received by another client). An acknowledged update is lost if the full state a client receives first after the restart lacks it (each client asks for it before re-sending its own edits). Losses are summed over all repetitions.',
    '@y/websocket-server runs its own bin (src/server.js) with YPERSISTENCE unset: memory only, so a kill -9 loses every document by design, and it never unloads documents without persistence.',
    'y-websocket-leveldb is the same bin with YPERSISTENCE set: y-leveldb stores each update in LevelDB as it arrives, but the relay does not wait for the write, so an update can be relayed (acknowledged) and then lost by a kill -9; it unloads a document (storing its state) once its last connection closes.',
    'Triage Room runs compiled, as `npm start` does (`node dist/server/main.cjs`, built before the run); Hocuspocus runs its bench server (test/bench/servers/hocuspocus-server.ts) through tsx, so its ready time includes the transpiler. "Ready" is /readyz answering 200 for Triage Room (database reachable, migrations applied), the listening line for the peers.',
    'Hocuspocus runs with its defaults (store debounce 2 s, max 10 s; unloads a document once its last connection closes) and extension-database storing the full document state to better-sqlite3 (WAL, synchronous=NORMAL, as ours).',
    'Triage Room: every load client sends the same session cookie (one bench person, a series member), obtained through POST /api/session; each upgrade still runs the full authorisation.',
    'Load clients are raw `ws` sockets speaking y-protocols/sync (no awareness traffic). Each keeps a Y.Doc of its own edits only, decodes the `{sender, seq, t}` stamp from received updates and never applies them.',
    '"Rest of machine" CPU is /proc/stat busy time minus the server and the generator: kernel work for loopback traffic, and other processes (the machine may be shared), which add noise.',
    `The load generator is this one Node process${pinned ? ' pinned to its own CPU' : ''}; its CPU % and event-loop delay are reported. With 3,000 sockets its young-generation GC pauses are ~10–15 ms, a few per second (measured with a GC observer), so p99/p99.9 at 3,000 connections include up to that much generator stall for every server alike; near 100 % CPU its own queueing adds more.`,
    `Idle: RSS is read ${config.idleS} s after every client disconnected; unloaded rooms are observed for Triage Room as snapshot rows written by DocRoom.shutdown (idleUnloadMs ${config.mode === 'quick' ? 'is 30 s, longer than this quick idle period' : '30 s'}) and for Hocuspocus via its document count; the plain server cannot be observed.`,
    'Join storm and restart resync time every client, opened at once, until it has received the full state (SyncStep2). Connections beyond the listen backlog (Node default 511) overflow the accept queue and wait for SYN retransmits (1 s, 3 s, 7 s, 15 s …); the overflow count (machine-wide /proc/net/netstat ListenOverflows) is reported, and explains the large spread between repetitions.',
    ...(config.ramp ? [] : ['Ramp (deliveries/s per core before p99 passes 50 ms) is skipped in --quick.']),
    ...(servers.some((s) => s.name === triageTwoProcessAdapter.name)
      ? [
          `${triageTwoProcessAdapter.name}: two compiled server processes, one PostgreSQL cluster (a fresh database, migrations applied and the bench rows written before the servers start) and one redis-server, all started by the bench; the n-th client of each room connects to process n mod 2, so every room has clients on both and each update reaches the other process's clients through PostgreSQL commit → Redis stream → the other process. ${pinned ? 'All of them share the server CPU (taskset), as the single server does; the load generator keeps the other CPU.' : 'Not pinned.'} Its "server CPU % / RSS MiB" is the sum over those processes; the "per process" row gives each (server A, server B, postgres = the postmaster and all its backends, CPU summed and memory as PSS so shared buffers count once, redis). Join storm and steady state only.`,
        ]
      : []),
    ...servers.filter((s) => s.skips).map((s) => `${s.name}: not run — ${s.skips!.scenarios.join(', ')} (${s.skips!.why}).`),
  ];
}

export async function main(argv: string[] = process.argv.slice(2), log: (line: string) => void = (l) => console.log(l)): Promise<BenchResults> {
  const quick = argv.includes('--quick');
  const config: BenchConfig = { ...(quick ? quickConfig : fullConfig) };
  const reps = Number(argValue(argv, '--reps'));
  if (reps > 0) config.reps = reps;
  const only = argValue(argv, '--servers')?.split(',');
  const outDir = path.resolve(rootDir, argValue(argv, '--out') ?? (quick ? 'bench/results/tmp/quick' : 'bench/results'));
  const cpus = os.cpus();
  const pinned = cpus.length >= 2 && pinSelf(1);
  const serverCpu = pinned ? 0 : null;
  const started = new Date();
  const t0 = performance.now();

  log(`Triage Room realtime benchmark (${config.mode}), seed ${config.seed}, ${config.reps} repetition(s)`);
  log(`  R=${config.rooms} rooms × C=${config.clientsPerRoom} clients; rates ${config.rates.join(', ')}/s/room; warm-up ${config.warmupS} s, measure ${config.measureS} s`);
  log(`  late joiner ${config.lateDocBytes} B × ${config.lateJoiners}; restart under ${config.restartRate}/s/room; idle ${config.idleS} s; ramp ${config.ramp ? config.ramp.join(', ') : 'skipped (--quick)'}`);
  log(`  ${pinned ? 'server on CPU 0, load generator on CPU 1 (taskset)' : 'not pinned'}; results → ${path.relative(rootDir, outDir)}`);

  log(`persistence micro-benchmark (${config.persistenceUpdates} updates)…`);
  const persistence = runPersistence(config.persistenceUpdates, servedBatch(config.rooms, config.rates[0], journalledCommitDelayMs));
  for (const p of persistence) log(`  ${persistenceLabel(p)}: ${p.usPerUpdate.toFixed(1)} µs/update`);

  const chosen = adapters.filter((a) => !only || only.includes(a.name));
  const repsByServer = new Map(chosen.map((a) => [a.name, [] as ServerSummary['reps']]));
  for (let rep = 1; rep <= config.reps; rep++) {
    // Rotate the order each repetition so no server always runs on a machine warmed by the others.
    const order = chosen.map((_, i) => chosen[(i + rep - 1) % chosen.length]);
    for (const adapter of order) {
      log(`[rep ${rep}/${config.reps}] ${adapter.name}`);
      const began = performance.now();
      repsByServer.get(adapter.name)!.push(await runRep(adapter, config, rep, serverCpu, log));
      log(`  (${adapter.name}: ${((performance.now() - began) / 1000).toFixed(1)} s)`);
    }
  }

  // The single-process servers again, one window each per round, alternated (the two-process row is a cost of
  // scaling out, not a peer, and takes its engines' start-up each time).
  const single = chosen.filter((a) => a !== triageTwoProcessAdapter);
  let alternated: BenchResults['alternated'];
  if (single.length >= 2 && config.alternatedRounds > 0) {
    log(`alternated steady windows at ${config.rates[0]}/s/room, ${config.alternatedRounds} rounds (${single.map((a) => a.name).join(' → ')}, then back)`);
    alternated = await runAlternated(single, config, serverCpu, log);
  }

  const results: BenchResults = {
    startedAt: started.toISOString(),
    durationS: (performance.now() - t0) / 1000,
    config,
    environment: { node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model ?? '?', pinned, serverCpu, generatorCpu: pinned ? 1 : null, droppedEnv: droppedServerEnv.filter((k) => process.env[k] !== undefined) },
    servers: chosen.map((a) => summarise(a.name, a.persistence, repsByServer.get(a.name)!, config)),
    persistence,
    ...(alternated ? { alternated } : {}),
    notes: notes(config, pinned, chosen),
  };
  for (const rate of config.rates) {
    const busy = results.servers.filter((s) => (s.median.steady.find((r) => r.rate === rate)?.serverCpuPct ?? 0) >= 90).map((s) => s.name);
    const genBusy = results.servers.filter((s) => (s.median.steady.find((r) => r.rate === rate)?.generatorCpuPct ?? 0) >= 90).map((s) => s.name);
    if (busy.length) results.notes.push(`At ${rate}/s/room the server core was saturated (≥ 90 % CPU) for ${busy.join(', ')}: those latencies are mostly queueing delay.`);
    if (genBusy.length) results.notes.push(`At ${rate}/s/room the load generator was at ≥ 90 % of its core against ${genBusy.join(', ')}: its own queueing is part of those latencies.`);
  }
  const files = writeReports(results, outDir);
  log('');
  log(terminalReport(results));
  log('');
  log(`Wrote ${Object.values(files).map((f) => path.relative(rootDir, f)).join(', ')} in ${results.durationS.toFixed(0)} s`);
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (err: Error) => {
      console.error(err.stack ?? err.message);
      process.exit(1);
    },
  );
}

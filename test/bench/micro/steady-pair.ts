/**
 * Only the bench's alternated steady windows (scenarios/alternated.ts), for A/B figures without the full run:
 * `npx tsx test/bench/micro/steady-pair.ts [rounds=4] [rate=5] [seconds=10] [servers=triage-room,y-websocket-server]`
 * (a full bench run has 6 rounds).
 * Servers by their bench names (triage-room, y-websocket-server, y-websocket-leveldb, hocuspocus); server on CPU 0,
 * generator on CPU 1 when taskset exists. Prints each window, then each server's medians. `triage-room-b` is our
 * server run by the serve script in BENCH_SERVE_B: other node flags than package.json's, or a build kept aside
 * (`cp -r dist/server dist/server-a` before rebuilding, then `… node <flags> dist/server-a/main.cjs`); BENCH_SERVE_C
 * and BENCH_SERVE_D add `triage-room-c` and `-d` the same way (an ablation of several parts in one alternated run). On this
 * machine an A/B under ten rounds is drift, not a result (README, session 19). BENCH_WARMUP_S sets the
 * warm-up between the join storm and the window (the bench's: 2 s). BENCH_PRELOAD=<file> starts every server with
 * `--require <file>` (loop-gaps.cjs: event-loop gaps and collections of each server), as BENCH_CPU_PROF=<dir> writes
 * each server's CPU profile. BENCH_SERVER_OUT=<dir> keeps each server's output, timed (with trace-opt.cjs preloaded:
 * when each server's JIT works).
 */
import os from 'node:os';
import { fullConfig } from '../config.js';
import { triageAdapter, triageVariant } from '../servers/triage.js';
import { yLeveldbAdapter, yWebsocketAdapter } from '../servers/ywebsocket.js';
import { hocuspocusAdapter } from '../servers/hocuspocus.js';
import { pinSelf } from '../servers/spawn.js';
import { runAlternated } from '../scenarios/alternated.js';

const [rounds = 4, rate = 5, seconds = 10] = process.argv.slice(2, 5).map(Number);
const known = [triageAdapter, yWebsocketAdapter, yLeveldbAdapter, hocuspocusAdapter];
for (const v of ['B', 'C', 'D']) {
  const script = process.env[`BENCH_SERVE_${v}`];
  if (script) known.push(triageVariant(`triage-room-${v.toLowerCase()}`, script));
}
const names = (process.argv[5] ?? 'triage-room,y-websocket-server').split(',');
const adapters = names.map((name) => {
  const adapter = known.find((a) => a.name === name);
  if (!adapter) throw new Error(`unknown server ${name}: one of ${known.map((a) => a.name).join(', ')}`);
  return adapter;
});
const warmupS = process.env.BENCH_WARMUP_S === undefined ? fullConfig.warmupS : Number(process.env.BENCH_WARMUP_S);
if (!Number.isFinite(warmupS) || warmupS < 0 || process.env.BENCH_WARMUP_S?.trim() === '') throw new Error(`BENCH_WARMUP_S must be a number of seconds ≥ 0, not "${process.env.BENCH_WARMUP_S}"`);
const pinned = os.cpus().length >= 2 && pinSelf(1);
const r = await runAlternated(adapters, { ...fullConfig, alternatedRounds: rounds, rates: [rate], measureS: seconds, warmupS }, pinned ? 0 : null, (l) => console.log(l));
for (const m of r.medians) {
  console.log(`median ${m.server} (${m.windows} windows): p50 ${m.p50Ms.toFixed(3)} p99 ${m.p99Ms.toFixed(2)} p99.9 ${m.p999Ms.toFixed(2)} ms, CPU ${m.serverCpuPct.toFixed(1)} %`);
}
process.exit(r.errors.length ? 1 : 0);

/**
 * A mid-size load on our server alone, for before/after figures of server-side changes without the 13-minute run:
 * `npx tsx test/bench/micro/server-load.ts [rooms=40] [clients=10] [rate=20] [seconds=6] [runs=3]`.
 * Reports, per run, the join storm (time and server CPU-ms per connection) and the steady fan-out (p50/p99 and
 * server CPU-µs per delivery), then the medians. Server on CPU 0, generator on CPU 1 when taskset exists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadPool } from '../load/pool.js';
import { triageAdapter } from '../servers/triage.js';
import { benchRoomId } from '../servers/triage-setup.js';
import { cpuSeconds, pinSelf } from '../servers/spawn.js';
import { median } from '../stats.js';
import { runSteady } from '../scenarios/steady.js';

const [rooms = 40, clients = 10, rate = 20, seconds = 6, runs = 3] = process.argv.slice(2).map(Number);

async function once() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-micro-'));
  const ids = Array.from({ length: rooms }, (_, i) => benchRoomId(i));
  const pinned = os.cpus().length >= 2 && pinSelf(1);
  const server = await triageAdapter.start({ rooms: ids, dataDir, cpu: pinned ? 0 : null });
  try {
    const pool = new LoadPool(server, ids, clients, 42);
    const c0 = cpuSeconds(server.pid);
    const storm = await pool.connectAll(60_000);
    const stormCpuMsPerConn = ((cpuSeconds(server.pid) - c0) * 1000) / storm.clients;
    const c1 = cpuSeconds(server.pid);
    const steady = await runSteady(pool, server, rate, 1, seconds);
    const cpuUsPerDelivery = ((cpuSeconds(server.pid) - c1) * 1e6) / (steady.deliveriesPerSec * seconds);
    pool.closeAll();
    return { stormMs: storm.ms, failed: storm.failed, stormCpuMsPerConn, p50: steady.p50Ms, p99: steady.p99Ms, cpuPct: steady.serverCpuPct, cpuUsPerDelivery, delivered: steady.deliveredRatio };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Awaited<ReturnType<typeof once>>[] = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  results.push(r);
  console.log(
    `run ${i + 1}: storm ${r.stormMs.toFixed(0)} ms (${r.failed} failed, ${r.stormCpuMsPerConn.toFixed(2)} server CPU-ms/conn); ` +
      `steady ${rooms}×${clients}@${rate}/s: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(1)} ms, server CPU ${r.cpuPct.toFixed(0)} %, ` +
      `${r.cpuUsPerDelivery.toFixed(1)} CPU-µs/delivery, delivered ${(r.delivered * 100).toFixed(1)} %`,
  );
}
const m = (k: keyof (typeof results)[number]) => median(results.map((r) => r[k] as number));
console.log(
  `median of ${runs}: storm ${m('stormMs').toFixed(0)} ms, ${m('stormCpuMsPerConn').toFixed(2)} CPU-ms/conn; p50 ${m('p50').toFixed(2)} ms, p99 ${m('p99').toFixed(1)} ms, ` +
    `server CPU ${m('cpuPct').toFixed(0)} %, ${m('cpuUsPerDelivery').toFixed(1)} CPU-µs/delivery`,
);
process.exit(0);

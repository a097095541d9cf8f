/** One repetition against one server: start it fresh, then every scenario in order, then stop it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadPool } from '../load/pool.js';
import { serverMemoryMiB, tcpCounters } from '../servers/spawn.js';
import { benchRoomId } from '../servers/triage-setup.js';
import type { ServerAdapter, ServerInstance, SkippableScenario } from '../servers/types.js';
import { sleep } from '../stats.js';
import type { BenchConfig, RepResult } from '../config.js';
import { runRamp, runSteady } from './steady.js';
import { lateRoom, runLateJoiner } from './late-joiner.js';
import { runRestart } from './restart.js';
import { runIdle } from './idle.js';
import { runReady } from './ready.js';

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export async function runRep(adapter: ServerAdapter, config: BenchConfig, rep: number, serverCpu: number | null, log: (line: string) => void): Promise<RepResult> {
  const result: RepResult = { rep, steady: [], errors: [] };
  const rooms = Array.from({ length: config.rooms }, (_, i) => benchRoomId(i));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `triage-bench-${adapter.name}-`));
  let server: ServerInstance | null = null;
  let pool: LoadPool | null = null;
  const runs = (scenario: SkippableScenario) => !adapter.skips?.scenarios.includes(scenario);
  const attempt = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (err) {
      result.errors.push(`${name}: ${(err as Error).message}`);
      log(`    ${name} failed: ${(err as Error).message}`);
    }
  };
  try {
    server = await adapter.start({ rooms: [...rooms, lateRoom], dataDir, cpu: serverCpu });
    const s = server;
    const p = (pool = new LoadPool(s, rooms, config.clientsPerRoom, config.seed));

    await attempt('join storm', async () => {
      const overflows = tcpCounters().listenOverflows;
      const c = await p.connectAll(config.connectTimeoutMs);
      const listenOverflows = tcpCounters().listenOverflows - overflows;
      result.storm = { clients: c.clients, failed: c.failed, allSyncedMs: c.ms, clientP50Ms: c.clientP50Ms, listenOverflows, serverRssMiB: serverMemoryMiB(s), error: c.firstError };
      log(
        `  join storm: ${c.clients - c.failed}/${c.clients} synced in ${f(c.ms, 0)} ms (median client ${f(c.clientP50Ms, 0)} ms, ` +
          `${listenOverflows} listen-queue overflows)${c.firstError ? ` (first error: ${c.firstError})` : ''}`,
      );
    });
    for (const rate of config.rates) {
      await attempt(`steady ${rate}/s`, async () => {
        const r = await runSteady(p, s, rate, config.warmupS, config.measureS);
        result.steady.push(r);
        log(
          `  steady ${config.rooms}×${config.clientsPerRoom} @ ${rate}/s/room: p50 ${f(r.p50Ms, 2)} ms, p99 ${f(r.p99Ms)} ms, p99.9 ${f(r.p999Ms)} ms, ` +
            `${f(r.deliveriesPerSec, 0)} deliveries/s (${f(r.deliveredRatio * 100)} % delivered), server CPU ${f(r.serverCpuPct, 0)} %, RSS ${f(r.serverRssMiB, 0)} MiB, generator CPU ${f(r.generatorCpuPct, 0)} % (loop delay p99 ${f(r.generatorLoopDelayP99Ms)} ms, max ${f(r.generatorLoopDelayMaxMs)} ms), other CPU ${f(r.otherCpuPct, 0)} %` +
            (r.processes ? `; per process CPU % / MiB: ${r.processes.map((p) => `${p.name} ${f(p.cpuPct, 0)} / ${f(p.rssMiB, 0)}`).join(', ')}` : ''),
        );
        await sleep(500);
      });
    }
    if (config.ramp && rep === 1 && runs('ramp')) {
      await attempt('ramp', async () => {
        result.ramp = await runRamp(p, s, config, log);
        log(`  ramp: max ${f(result.ramp.maxDeliveriesPerSec, 0)} deliveries/s with p99 ≤ ${config.rampP99LimitMs} ms (${f(result.ramp.deliveriesPerCpuSecond, 0)} per server CPU-second)`);
      });
    }
    if (runs('late joiner')) await attempt('late joiner', async () => {
      const r = await runLateJoiner(s, config.lateDocBytes, config.lateJoiners, config.seed);
      result.late = r;
      log(`  late joiner (${f(r.docBytes / 1048576, 1)} MiB doc): median ${f(r.medianMs)} ms, max ${f(r.maxMs)} ms, content ${r.ok ? 'ok' : 'WRONG'}${r.error ? ` (${r.error})` : ''}`);
    });
    if (runs('restart')) await attempt('restart', async () => {
      const r = await runRestart(p, s, config.restartRate, config.restartLoadS, config.connectTimeoutMs);
      result.restart = r;
      log(
        `  restart (kill -9 under ${r.rate}/s/room): ready ${f(r.readyMs, 0)} ms, ${r.clients - r.failed}/${r.clients} resynced ${f(r.resyncMs, 0)} ms after restart (${r.listenOverflows} listen-queue overflows), ` +
          `lost ${r.lost} of ${r.acked} acknowledged updates${r.error ? ` (${r.error})` : ''}`,
      );
    });
    if (rep === 1 && runs('idle')) {
      await attempt('idle', async () => {
        const r = await runIdle(p, s, config.idleS);
        result.idle = r;
        log(`  idle ${r.idleS} s after everyone left: RSS ${f(r.rssConnectedMiB, 0)} → ${f(r.rssAfterMiB, 0)} MiB, unloaded rooms: ${r.unloadedRooms ?? 'not observable'}/${r.rooms}`);
      });
    }
    pool.closeAll();
    if (adapter.skips) log(`  skipped for this server: ${adapter.skips.scenarios.join(', ')} (${adapter.skips.why})`);
    if (runs('ready')) await attempt('ready', async () => {
      const r = await runReady(s, config.readyRestarts);
      result.ready = r;
      log(`  restart → ready, no clients (${r.runs}×): median ${f(r.medianMs, 0)} ms (min ${f(r.minMs, 0)}, max ${f(r.maxMs, 0)}), CPU by then ${f(r.cpuMedianMs, 0)} ms`);
    });
  } catch (err) {
    result.errors.push(`start: ${(err as Error).message}`);
    log(`  could not run: ${(err as Error).message}`);
  } finally {
    pool?.destroy();
    await server?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

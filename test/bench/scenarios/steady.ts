/** Scenario 1: steady fan-out (and the ramp built from it). Latency is from send to receipt at every other client. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadPool } from '../load/pool.js';
import type { ServerInstance } from '../servers/types.js';
import { cpuMeter, groupCpuMeter, machineBusySeconds, rssMiB } from '../servers/spawn.js';
import { sleep } from '../stats.js';
import type { BenchConfig, RampResult, SteadyResult } from '../config.js';

export async function runSteady(pool: LoadPool, server: ServerInstance, rate: number, warmupS: number, measureS: number): Promise<SteadyResult> {
  pool.startLoad(rate);
  await sleep(warmupS * 1000);
  const window = pool.openWindow();
  // The generator's own stalls (mostly GC) delay every delivery it is reading: reported next to the latencies.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  // Several server-side processes (the two-process row): each metered, the server figures are their sum.
  const groups = server.processes ? groupCpuMeter(() => server.processes!()) : null;
  const server0 = groups ? null : cpuMeter(server.pid);
  const gen0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  const t0 = performance.now();
  await sleep(measureS * 1000);
  pool.closeWindow();
  loop.disable();
  const seconds = (performance.now() - t0) / 1000;
  const processes = groups?.stop();
  const serverCpuPct = processes ? processes.reduce((sum, p) => sum + p.cpuPct, 0) : server0!.stop();
  const gen = process.cpuUsage(gen0);
  const machinePct = ((machineBusySeconds() - machine0) / seconds) * 100;
  const generatorCpuPct = ((gen.user + gen.system) / 1e6 / seconds) * 100;
  const serverRss = processes ? processes.reduce((sum, p) => sum + p.rssMiB, 0) : rssMiB(server.pid);
  pool.stopLoad();
  await pool.drain();
  const expected = window.sent * (pool.clientsPerRoom - 1);
  return {
    rate,
    connections: pool.syncedCount,
    p50Ms: window.percentileMs(50),
    p99Ms: window.percentileMs(99),
    p999Ms: window.percentileMs(99.9),
    maxMs: window.histogram.totalCount ? window.histogram.maxValue / 1000 : NaN,
    deliveriesPerSec: window.deliveries / seconds,
    deliveredRatio: expected > 0 ? window.deliveries / expected : NaN,
    serverCpuPct,
    serverRssMiB: serverRss,
    generatorCpuPct,
    generatorLoopDelayP99Ms: loop.percentile(99) / 1e6,
    generatorLoopDelayMaxMs: loop.max / 1e6,
    otherCpuPct: Math.max(0, machinePct - serverCpuPct - generatorCpuPct),
    ...(processes ? { processes } : {}),
  };
}

/**
 * Raises the rate step by step until p99 passes the limit (or deliveries fall behind) on two steps in a row, so
 * one noisy step does not end it; the result is the highest step that stayed within the limit.
 */
export async function runRamp(pool: LoadPool, server: ServerInstance, config: BenchConfig, log: (line: string) => void): Promise<RampResult> {
  const steps: SteadyResult[] = [];
  let best: SteadyResult | undefined;
  let misses = 0;
  for (const rate of config.ramp ?? []) {
    const step = await runSteady(pool, server, rate, 1, config.rampStepS);
    steps.push(step);
    log(
      `    ramp ${rate}/s/room: ${Math.round(step.deliveriesPerSec)} deliveries/s, p99 ${step.p99Ms.toFixed(1)} ms, ` +
        `server CPU ${step.serverCpuPct.toFixed(0)} %, generator CPU ${step.generatorCpuPct.toFixed(0)} %`,
    );
    const healthy = step.p99Ms <= config.rampP99LimitMs && step.deliveredRatio >= 0.99;
    misses = healthy ? 0 : misses + 1;
    if (misses >= 2) break;
    if (healthy) best = step;
    await sleep(500);
  }
  return {
    steps,
    maxDeliveriesPerSec: best?.deliveriesPerSec ?? NaN,
    deliveriesPerCpuSecond: best ? best.deliveriesPerSec / (best.serverCpuPct / 100) : NaN,
    generatorCpuPct: best?.generatorCpuPct ?? NaN,
  };
}

/**
 * Steady windows of the single-process servers at one rate, alternated: each round starts every server in turn
 * (fresh process, join storm, warm-up, one measured window, stop), in the order A B C D, then D C B A, and so on.
 * The repetitions run each server's whole suite (minutes) before the next one's, so a machine whose speed drifts
 * between them (this one's did, by a third of the CPU an update needs, within an hour) shows as a difference
 * between servers; here every server's windows sit within a minute of the others', each one as often early as late.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadPool } from '../load/pool.js';
import { benchRoomId } from '../servers/triage-setup.js';
import type { ServerAdapter, ServerInstance } from '../servers/types.js';
import { median } from '../stats.js';
import type { AlternatedResult, BenchConfig, SteadyResult } from '../config.js';
import { runSteady } from './steady.js';

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

async function oneWindow(adapter: ServerAdapter, config: BenchConfig, rate: number, serverCpu: number | null): Promise<SteadyResult> {
  const rooms = Array.from({ length: config.rooms }, (_, i) => benchRoomId(i));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `triage-bench-alt-${adapter.name}-`));
  let server: ServerInstance | null = null;
  let pool: LoadPool | null = null;
  try {
    server = await adapter.start({ rooms, dataDir, cpu: serverCpu });
    pool = new LoadPool(server, rooms, config.clientsPerRoom, config.seed);
    const storm = await pool.connectAll(config.connectTimeoutMs);
    if (storm.failed > 0) throw new Error(`${storm.failed} of ${storm.clients} clients did not sync${storm.firstError ? ` (${storm.firstError})` : ''}`);
    return await runSteady(pool, server, rate, config.warmupS, config.measureS);
  } finally {
    pool?.destroy();
    await server?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runAlternated(adapters: readonly ServerAdapter[], config: BenchConfig, serverCpu: number | null, log: (line: string) => void): Promise<AlternatedResult> {
  const rate = config.rates[0];
  const windows: AlternatedResult['windows'] = [];
  const errors: string[] = [];
  for (let round = 1; round <= config.alternatedRounds; round++) {
    const order = round % 2 === 1 ? adapters : [...adapters].reverse();
    for (const adapter of order) {
      try {
        const r = await oneWindow(adapter, config, rate, serverCpu);
        windows.push({ server: adapter.name, round, result: r });
        log(`  [alternated ${round}/${config.alternatedRounds}] ${adapter.name} @ ${rate}/s/room: p50 ${f(r.p50Ms, 2)} ms, p99 ${f(r.p99Ms)} ms, p99.9 ${f(r.p999Ms)} ms, server CPU ${f(r.serverCpuPct, 0)} %, ${f(r.deliveredRatio * 100)} % delivered`);
      } catch (err) {
        errors.push(`${adapter.name} round ${round}: ${(err as Error).message}`);
        log(`  [alternated ${round}/${config.alternatedRounds}] ${adapter.name} failed: ${(err as Error).message}`);
      }
    }
  }
  const medians = adapters.map((a) => {
    const mine = windows.filter((w) => w.server === a.name).map((w) => w.result);
    const m = (pick: (r: SteadyResult) => number) => (mine.length ? median(mine.map(pick)) : NaN);
    return { server: a.name, windows: mine.length, p50Ms: m((r) => r.p50Ms), p99Ms: m((r) => r.p99Ms), p999Ms: m((r) => r.p999Ms), serverCpuPct: m((r) => r.serverCpuPct) };
  });
  return { rate, rounds: config.alternatedRounds, windows, medians, errors };
}

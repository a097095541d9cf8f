/**
 * Restart → ready, on its own: the server is killed (-9) and started again on the same data with no clients, several
 * times; each time is from the spawn to ready (Triage Room: /readyz 200; the peers: their "listening" line), with
 * the CPU the new process used by then (less disturbed by other work on a shared machine than the wall clock).
 */
import type { ServerInstance } from '../servers/types.js';
import { cpuSeconds } from '../servers/spawn.js';
import { median } from '../stats.js';
import type { ReadyResult } from '../config.js';

export async function runReady(server: ServerInstance, runs: number): Promise<ReadyResult> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    await server.kill9();
    const t0 = performance.now();
    await server.restart();
    wall.push(performance.now() - t0);
    cpu.push(cpuSeconds(server.pid) * 1000);
  }
  return { runs, medianMs: median(wall), minMs: Math.min(...wall), maxMs: Math.max(...wall), cpuMedianMs: median(cpu) };
}

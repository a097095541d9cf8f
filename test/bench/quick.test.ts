/**
 * The benchmark harness runs end to end in --quick mode and produces numbers. No speed thresholds here:
 * the targets are reported by the benchmark itself, never enforced.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rootDir } from '../support/process.js';
import { servedBatch, type BenchResults } from './config.js';
import { journalledCommitDelayMs } from '../../server/realtime/write-batcher.js';

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-quick-'));

function runQuick(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', '--quick', '--out', outDir], {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 230_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run bench -- --quick', () => {
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('runs every scenario against Triage Room and the three peers, steady state against two Triage Room processes on PostgreSQL + Redis, and alternated windows of the single-process servers', { timeout: 235_000 }, async () => {
    const { code, output } = await runQuick();
    expect(code, output).toBe(0);
    for (const file of ['latest.json', 'latest.md', 'latest.svg']) expect(fs.existsSync(path.join(outDir, file)), file).toBe(true);
    const results = JSON.parse(fs.readFileSync(path.join(outDir, 'latest.json'), 'utf8')) as BenchResults;

    expect(results.servers.map((s) => s.name)).toEqual(['triage-room', 'triage-room-x2-pg-redis', 'y-websocket-server', 'y-websocket-leveldb', 'hocuspocus']);
    for (const server of results.servers) {
      expect(server.reps.flatMap((r) => r.errors), server.name).toEqual([]);
      expect(server.median.storm?.failed, server.name).toBe(0);
      expect(server.median.steady.map((s) => s.rate), server.name).toEqual(results.config.rates);
      for (const steady of server.median.steady) {
        for (const value of [steady.p50Ms, steady.p99Ms, steady.p999Ms]) {
          expect(Number.isFinite(value) && value > 0, `${server.name} latency at ${steady.rate}/s`).toBe(true);
        }
        expect(steady.deliveriesPerSec, `${server.name} deliveries at ${steady.rate}/s`).toBeGreaterThan(0);
      }
      if (server.name === 'triage-room-x2-pg-redis') continue; // steady state only (below)
      expect(Number.isFinite(server.median.late?.medianMs), `${server.name} late joiner`).toBe(true);
      expect(server.median.restart?.failed, `${server.name} resync`).toBe(0);
      expect(server.median.ready?.runs, `${server.name} restarts to ready`).toBe(results.config.readyRestarts);
      expect(Number.isFinite(server.median.ready?.medianMs), `${server.name} ready time`).toBe(true);
    }

    // Two processes: each room's clients alternate between them, so an update reaches half its receivers only
    // through PostgreSQL and Redis (a relay that did not work shows as deliveries missing); each process is measured.
    const scaled = results.servers[1];
    for (const steady of scaled.median.steady) {
      expect(steady.deliveredRatio, `two processes, delivered at ${steady.rate}/s`).toBeGreaterThan(0.99);
      expect(steady.processes?.map((p) => p.name)).toEqual(['server A', 'server B', 'postgres', 'redis']);
      for (const p of steady.processes ?? []) {
        expect(Number.isFinite(p.cpuPct) && p.cpuPct >= 0, `${p.name} CPU at ${steady.rate}/s`).toBe(true);
        expect(Number.isFinite(p.rssMiB) && p.rssMiB > 0, `${p.name} memory at ${steady.rate}/s`).toBe(true);
      }
    }
    expect(output).toMatch(/CPU % \/ RSS MiB per process/);
    expect(results.notes.some((n) => n.includes('triage-room-x2-pg-redis: not run'))).toBe(true);

    // The single-process servers alternated window by window: A B C D, then D C B A.
    const alt = results.alternated!;
    const single = ['triage-room', 'y-websocket-server', 'y-websocket-leveldb', 'hocuspocus'];
    expect(alt.errors).toEqual([]);
    expect(alt.windows.map((w) => `${w.round}:${w.server}`)).toEqual([...single.map((n) => `1:${n}`), ...[...single].reverse().map((n) => `2:${n}`)]);
    for (const w of alt.windows) expect(Number.isFinite(w.result.p50Ms) && w.result.p50Ms > 0 && w.result.deliveriesPerSec > 0, `${w.server} round ${w.round}`).toBe(true);
    expect(alt.medians.map((m) => m.windows)).toEqual([2, 2, 2, 2]);
    expect(fs.readFileSync(path.join(outDir, 'latest.md'), 'utf8')).toMatch(/alternated windows \(median of 2\)[^\n]*≤ every peer's/);

    const ours = results.servers[0].median.restart!;
    expect(ours.acked).toBeGreaterThan(0);
    expect(ours.lost).toBe(0);
    expect(results.persistence.every((p) => p.usPerUpdate > 0)).toBe(true);
    // The log alone at three batch sizes, then the write path as served (journal + a commit per 50 ms of the load).
    expect(results.persistence.map((p) => [p.path, p.batch])).toEqual([['log', 1], ['log', 10], ['log', 100], ['served', servedBatch(results.config.rooms, results.config.rates[0], journalledCommitDelayMs)]]);
  });
});

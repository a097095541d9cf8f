/** The targets, as ratio/threshold rows: reported as met or missed, never a failure. */
import type { BenchResults, ServerSummary } from './config.js';

export interface TargetRow {
  target: string;
  value: string;
  met: boolean | null;
}

const ours = 'triage-room';
const fmt = (n: number | undefined, digits = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—');
const row = (target: string, value: string, met: boolean | null): TargetRow => ({ target, value, met });
const check = (v: number | undefined, ok: (v: number) => boolean): boolean | null => (v !== undefined && Number.isFinite(v) ? ok(v) : null);

export function targetRows(results: BenchResults): TargetRow[] {
  const { config } = results;
  const find = (name: string): ServerSummary | undefined => results.servers.find((s) => s.name === name);
  const steadyAt = (s: ServerSummary | undefined, rate: number) => s?.median.steady.find((r) => r.rate === rate);
  const us = find(ours);
  const base = steadyAt(us, 5);
  const shape = `${config.rooms}×${config.clientsPerRoom}×5 upd/s`;
  const rows: TargetRow[] = [];
  for (const [peer, factor] of [['y-websocket-server', 1], ['hocuspocus', 0.5]] as const) {
    const other = steadyAt(find(peer), 5);
    const ratio = base && other ? base.p99Ms / other.p99Ms : NaN;
    rows.push(row(`p99 at ${shape} ≤ ${factor}× ${peer}'s`, `${fmt(base?.p99Ms)} / ${fmt(other?.p99Ms)} ms = ${fmt(ratio, 2)}×`, check(ratio, (r) => r <= factor)));
  }
  rows.push(row(`p50 at ${shape} ≤ 2 ms`, `${fmt(base?.p50Ms, 2)} ms`, check(base?.p50Ms, (v) => v <= 2)));
  rows.push(row(`p99.9 at ${shape} ≤ 40 ms`, `${fmt(base?.p999Ms)} ms`, check(base?.p999Ms, (v) => v <= 40)));
  const ramp = us?.median.ramp;
  rows.push(
    ramp
      ? row(
          '≥ 60,000 deliveries/s per server core before p99 passes 50 ms',
          `${fmt(ramp.maxDeliveriesPerSec, 0)}/s on 1 pinned core (${fmt(ramp.deliveriesPerCpuSecond, 0)} per CPU-second; generator CPU ${fmt(ramp.generatorCpuPct, 0)} %)`,
          check(ramp.maxDeliveriesPerSec, (v) => v >= 60_000),
        )
      : row('≥ 60,000 deliveries/s per server core before p99 passes 50 ms', config.mode === 'quick' ? 'skipped in --quick (ramp runs in full mode)' : 'not measured', null),
  );
  const rss = us ? Math.max(...us.median.steady.map((s) => s.serverRssMiB)) : NaN;
  const connections = us?.median.steady[0]?.connections ?? 0;
  rows.push(row(`≤ 250 MiB RSS at 3,000 connections (measured at ${connections})`, `${fmt(rss, 0)} MiB`, check(rss, (v) => v <= 250)));
  const persist = results.persistence.find((p) => p.batch === 1);
  rows.push(row('persistence ≤ 50 µs per update amortised (append, batch of 1 as in steady state)', `${fmt(persist?.usPerUpdate)} µs`, check(persist?.usPerUpdate, (v) => v <= 50)));
  const late = us?.median.late;
  rows.push(row(`late joiner to ${fmt((late?.docBytes ?? 0) / 1048576, 0)} MiB doc ≤ 200 ms`, `${fmt(late?.medianMs)} ms`, check(late?.medianMs, (v) => v <= 200)));
  const restart = us?.median.restart;
  rows.push(row(`${restart?.clients ?? '?'} clients resynced after restart ≤ 10 s`, `${fmt(restart?.resyncMs, 0)} ms`, check(restart?.resyncMs, (v) => v <= 10_000)));
  rows.push(row('0 acknowledged updates lost across kill -9', `${fmt(restart?.lost, 0)} of ${fmt(restart?.acked, 0)}`, check(restart?.lost, (v) => v === 0)));
  return rows;
}

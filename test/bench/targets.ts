/** The targets, as ratio/threshold rows: reported as met or missed, never a failure. */
import type { BenchResults, ServerSummary } from './config.js';

type Latencies = { p50Ms: number; p99Ms: number; p999Ms: number };

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
  // Issue 17: p50, p99 and p99.9 at or below every peer's, while storing each update before broadcast.
  // Peers are the other projects' servers; our own two-process row is a cost of scaling out, not a peer.
  const peers = results.servers.filter((s) => !s.name.startsWith(ours));
  const picks = [['p50', (r: Latencies) => r.p50Ms], ['p99', (r: Latencies) => r.p99Ms], ['p99.9', (r: Latencies) => r.p999Ms]] as const;
  const againstPeers = (label: string, mine: number, theirs: { name: string; v: number }[], where: string) => {
    const known = theirs.filter((p) => Number.isFinite(p.v));
    const best = known.length ? known.reduce((a, b) => (b.v < a.v ? b : a)) : undefined;
    const ratio = best ? mine / best.v : NaN;
    const digits = label === 'p50' ? 2 : 1;
    rows.push(row(`${label} at ${where} ≤ every peer's`, best ? `${fmt(mine, digits)} ms vs best peer ${best.name} ${fmt(best.v, digits)} ms = ${fmt(ratio, 2)}×` : '—', check(ratio, (r) => r <= 1)));
  };
  for (const [label, pick] of picks) {
    const theirs = peers.map((p) => ({ name: p.name, v: steadyAt(p, 5) ? pick(steadyAt(p, 5)!) : NaN }));
    againstPeers(label, base ? pick(base) : NaN, theirs, shape);
  }
  // The same, from the alternated windows (every server measured within a minute of the others, round after round).
  const alt = results.alternated;
  const mineAlt = alt?.medians.find((m) => m.server === ours);
  if (alt && mineAlt) {
    // A failed window shrinks a median's base: then the row is not a verdict.
    const complete = alt.medians.every((m) => m.windows === alt.rounds);
    for (const [label, pick] of picks) {
      const theirs = alt.medians.filter((m) => !m.server.startsWith(ours) && m.windows > 0).map((m) => ({ name: m.server, v: pick(m) }));
      const where = `${config.rooms}×${config.clientsPerRoom}×${alt.rate} upd/s, alternated windows (median of ${alt.rounds})`;
      if (complete) againstPeers(label, pick(mineAlt), theirs, where);
      else rows.push(row(`${label} at ${where} ≤ every peer's`, `windows failed: ${alt.errors.length} (see the notes)`, null));
    }
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
  const plain = find('y-websocket-server');
  const plainRss = plain ? Math.max(...plain.median.steady.map((s) => s.serverRssMiB)) : NaN;
  rows.push(row(`RSS at ${connections} connections ≤ 1.2× memory-only y-websocket-server's`, `${fmt(rss, 0)} / ${fmt(plainRss, 0)} MiB = ${fmt(rss / plainRss, 2)}×`, check(rss / plainRss, (r) => r <= 1.2)));
  const ready = us?.median.ready;
  rows.push(row(`server ready after a restart ≤ 300 ms (median of ${ready?.runs ?? '?'}, /readyz 200)`, `${fmt(ready?.medianMs, 0)} ms (min ${fmt(ready?.minMs, 0)}; CPU ${fmt(ready?.cpuMedianMs, 0)} ms)`, check(ready?.medianMs, (v) => v <= 300)));
  // As served: the journal append before each broadcast and the update's share of the log commit that follows.
  const persist = results.persistence.find((p) => p.path === 'served');
  rows.push(
    row(
      `persistence ≤ 50 µs per update amortised, as served (journal append before broadcast + log commit per ${persist?.batch ?? '?'})`,
      `${fmt(persist?.usPerUpdate)} µs (log alone, batch of 1: ${fmt(results.persistence.find((p) => p.path !== 'served' && p.batch === 1)?.usPerUpdate)} µs)`,
      check(persist?.usPerUpdate, (v) => v <= 50),
    ),
  );
  const late = us?.median.late;
  rows.push(row(`late joiner to ${fmt((late?.docBytes ?? 0) / 1048576, 0)} MiB doc ≤ 200 ms`, `${fmt(late?.medianMs)} ms`, check(late?.medianMs, (v) => v <= 200)));
  const restart = us?.median.restart;
  rows.push(row(`${restart?.clients ?? '?'} clients resynced after restart ≤ 10 s`, `${fmt(restart?.resyncMs, 0)} ms`, check(restart?.resyncMs, (v) => v <= 10_000)));
  rows.push(row('0 acknowledged updates lost across kill -9', `${fmt(restart?.lost, 0)} of ${fmt(restart?.acked, 0)}`, check(restart?.lost, (v) => v === 0)));
  return rows;
}

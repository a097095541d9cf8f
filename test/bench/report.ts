/** Terminal table, JSON, Markdown report and SVG chart of a run. */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults, PersistenceResult, ServerSummary } from './config.js';
import { targetRows } from './targets.js';
import { journalledCommitDelayMs } from '../../server/realtime/write-batcher.js';
import { latencySvg } from './chart.js';

const fmt = (n: number | null | undefined, digits = 1): string => (n !== null && n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—');

/** Rows of [metric, value per server]. */
export function metricRows(results: BenchResults): string[][] {
  const { config } = results;
  const rows: string[][] = [];
  const add = (label: string, value: (s: ServerSummary) => string) => rows.push([label, ...results.servers.map(value)]);
  const shape = `${config.rooms}×${config.clientsPerRoom}`;
  add(`join storm: ${config.rooms * config.clientsPerRoom} clients all synced (ms)`, (s) => fmt(s.median.storm?.allSyncedMs, 0));
  add('join storm: median client synced (ms) / listen-queue overflows', (s) => `${fmt(s.median.storm?.clientP50Ms, 0)} / ${fmt(s.median.storm?.listenOverflows, 0)}`);
  for (const rate of config.rates) {
    const st = (s: ServerSummary) => s.median.steady.find((r) => r.rate === rate);
    add(`${shape} @ ${rate}/s: p50 / p99 / p99.9 (ms)`, (s) => `${fmt(st(s)?.p50Ms, 2)} / ${fmt(st(s)?.p99Ms)} / ${fmt(st(s)?.p999Ms)}`);
    add(`${shape} @ ${rate}/s: deliveries/s (% delivered)`, (s) => `${fmt(st(s)?.deliveriesPerSec, 0)} (${fmt((st(s)?.deliveredRatio ?? NaN) * 100, 1)} %)`);
    add(`${shape} @ ${rate}/s: server CPU % / RSS MiB`, (s) => `${fmt(st(s)?.serverCpuPct, 0)} / ${fmt(st(s)?.serverRssMiB, 0)}`);
    // Only servers of several processes (the two-process row) have these; the single-process rows show "—".
    if (results.servers.some((s) => st(s)?.processes))
      add(`${shape} @ ${rate}/s: CPU % / RSS MiB per process`, (s) => st(s)?.processes?.map((p) => `${p.name} ${fmt(p.cpuPct, 0)} / ${fmt(p.rssMiB, 0)}`).join(' · ') ?? '—');
    add(`${shape} @ ${rate}/s: CPU % load generator / rest of machine`, (s) => `${fmt(st(s)?.generatorCpuPct, 0)} / ${fmt(st(s)?.otherCpuPct, 0)}`);
    add(`${shape} @ ${rate}/s: generator event-loop delay p99 / max (ms)`, (s) => `${fmt(st(s)?.generatorLoopDelayP99Ms)} / ${fmt(st(s)?.generatorLoopDelayMaxMs)}`);
  }
  const alt = results.alternated;
  if (alt) {
    const am = (s: ServerSummary) => alt.medians.find((m) => m.server === s.name);
    const label = `${shape} @ ${alt.rate}/s, alternated windows (median of ${alt.rounds})`;
    // A server with windows missing (failed) says over how many its median is.
    const over = (s: ServerSummary) => ((am(s)?.windows ?? alt.rounds) < alt.rounds ? ` (${am(s)?.windows} windows)` : '');
    add(`${label}: p50 / p99 / p99.9 (ms)`, (s) => (am(s) ? `${fmt(am(s)?.p50Ms, 2)} / ${fmt(am(s)?.p99Ms)} / ${fmt(am(s)?.p999Ms)}${over(s)}` : '—'));
    add(`${label}: server CPU %`, (s) => (am(s) ? fmt(am(s)?.serverCpuPct, 0) : '—'));
  }
  if (config.ramp) {
    add(`ramp: max deliveries/s with p99 ≤ ${config.rampP99LimitMs} ms`, (s) => fmt(s.median.ramp?.maxDeliveriesPerSec, 0));
    add('ramp: deliveries per server CPU-second', (s) => fmt(s.median.ramp?.deliveriesPerCpuSecond, 0));
  }
  add(`late joiner, ${fmt(config.lateDocBytes / 1048576, 0)} MiB doc: to synced (ms)`, (s) => fmt(s.median.late?.medianMs));
  add('restart under load: server ready (ms)', (s) => fmt(s.median.restart?.readyMs, 0));
  add('restart: all clients resynced (ms after restart)', (s) => fmt(s.median.restart?.resyncMs, 0));
  add('restart: listen-queue overflows during resync', (s) => fmt(s.median.restart?.listenOverflows, 0));
  add('restart: acknowledged updates lost (all reps)', (s) => `${fmt(s.median.restart?.lost, 0)} of ${fmt(s.median.restart?.acked, 0)}`);
  add(`restart → ready, no clients: median of ${config.readyRestarts} (min) ms`, (s) => `${fmt(s.median.ready?.medianMs, 0)} (${fmt(s.median.ready?.minMs, 0)})`);
  add('restart → ready: CPU used by the new process by then (ms)', (s) => fmt(s.median.ready?.cpuMedianMs, 0));
  add(`idle ${config.idleS} s after all left: RSS MiB before → after`, (s) => `${fmt(s.median.idle?.rssConnectedMiB, 0)} → ${fmt(s.median.idle?.rssAfterMiB, 0)}`);
  add('idle: rooms unloaded', (s) => (s.median.idle ? `${s.median.idle.unloadedRooms ?? 'n/a'} / ${s.median.idle.rooms}` : '—'));
  return rows;
}

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mdTable = (header: string[], rows: string[][]): string =>
  [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** `log, batch 10` / `served: journal per update + log commit per 25` (results from before the served path have no `path`: the log). */
export function persistenceLabel(p: PersistenceResult): string {
  return p.path === 'served' ? `served: journal per update + log commit per ${p.batch}` : `log, batch ${p.batch}`;
}

export function terminalReport(results: BenchResults): string {
  const header = ['metric (median of reps)', ...results.servers.map((s) => s.name)];
  const targets = targetRows(results).map((t) => [t.target, t.value, t.met === null ? 'n/a' : t.met ? 'met' : 'MISSED']);
  const persistence = results.persistence.map((p) => `${persistenceLabel(p)}: ${fmt(p.usPerUpdate)} µs/update`).join(', ');
  return [
    textTable(header, metricRows(results)),
    '',
    `Persistence micro-benchmark (ours, ${results.persistence[0]?.updates ?? 0} updates of ~${fmt(results.persistence[0]?.updateBytes, 0)} B): ${persistence}`,
    '',
    textTable(['target (Triage Room)', 'value', 'result'], targets),
  ].join('\n');
}

export function markdownReport(results: BenchResults, svgName: string): string {
  const { config, environment: env } = results;
  const header = ['metric (median of reps)', ...results.servers.map((s) => s.name)];
  const targets = targetRows(results).map((t) => [t.target, t.value, t.met === null ? 'n/a' : t.met ? 'met' : '**missed**']);
  const rampRows = results.servers.flatMap((s) =>
    (s.median.ramp?.steps ?? []).map((st) => [s.name, `${st.rate}`, fmt(st.deliveriesPerSec, 0), fmt(st.p99Ms), fmt(st.serverCpuPct, 0), fmt(st.generatorCpuPct, 0)]),
  );
  return [
    `# Realtime benchmark (${config.mode})`,
    '',
    `Run ${results.startedAt}, ${fmt(results.durationS, 0)} s. Node ${env.node}, ${env.cpus} × ${env.cpuModel}. ` +
      (env.pinned ? `Server pinned to CPU ${env.serverCpu}, load generator to CPU ${env.generatorCpu} (taskset).` : 'Not pinned (taskset unavailable or one CPU).') +
      (env.droppedEnv?.length ? ` Every server started without ${env.droppedEnv.join(', ')} (set on this machine; see test/bench/servers/spawn.ts).` : ''),
    '',
    `Parameters: R=${config.rooms} rooms × C=${config.clientsPerRoom} clients, rates ${config.rates.join(', ')} updates/s per room, ` +
      `warm-up ${config.warmupS} s + ${config.measureS} s measured, ${config.reps} repetition(s) (median reported), seed ${config.seed}; ` +
      `late joiner ${fmt(config.lateDocBytes / 1048576, 0)} MiB × ${config.lateJoiners}; restart under ${config.restartRate}/s/room after ${config.restartLoadS} s; idle ${config.idleS} s` +
      (config.ramp ? `; ramp ${config.ramp.join(', ')}/s/room, ${config.rampStepS} s each (first repetition).` : '; no ramp.'),
    '',
    ...results.servers.map((s) => `- **${s.name}** — persistence: ${s.persistence}`),
    '',
    mdTable(header, metricRows(results)),
    '',
    `![p50 and p99 latency per server](${svgName})`,
    '',
    '## Targets (Triage Room)',
    '',
    mdTable(['target', 'value', 'result'], targets),
    '',
    '## Persistence micro-benchmark (ours)',
    '',
    `The SQLite update log alone (\`meetingDocsRepo.append\`, one transaction per batch), and the write path as served: each update appended to the update journal before its broadcast, the log committed once per batch (\`appendMany\`, one update of each of that many rooms: ${config.rooms} rooms × ${config.rates[0]} updates/s, one commit per ${journalledCommitDelayMs} ms) and the journal settled.`,
    '',
    mdTable(['path', 'updates', 'bytes/update', 'µs/update'], results.persistence.map((p) => [persistenceLabel(p), `${p.updates}`, fmt(p.updateBytes, 0), fmt(p.usPerUpdate)])),
    ...(results.alternated
      ? [
          '',
          `## Alternated windows at ${results.alternated.rate}/s/room`,
          '',
          'Each round starts every single-process server in turn (fresh process, join storm, warm-up, one measured window), in the order listed, then reversed.',
          '',
          mdTable(
            ['round', 'server', 'p50 ms', 'p99 ms', 'p99.9 ms', 'server CPU %', 'generator CPU %', '% delivered'],
            results.alternated.windows.map((w) => [`${w.round}`, w.server, fmt(w.result.p50Ms, 2), fmt(w.result.p99Ms), fmt(w.result.p999Ms), fmt(w.result.serverCpuPct, 0), fmt(w.result.generatorCpuPct, 0), fmt(w.result.deliveredRatio * 100)]),
          ),
        ]
      : []),
    ...(rampRows.length ? ['', '## Ramp steps', '', mdTable(['server', 'upd/s/room', 'deliveries/s', 'p99 ms', 'server CPU %', 'generator CPU %'], rampRows)] : []),
    '',
    '## Notes',
    '',
    ...results.notes.map((n) => `- ${n}`),
    ...results.servers.flatMap((s) => s.reps.flatMap((r) => r.errors.map((e) => `- ${s.name} rep ${r.rep}: ${e}`))),
    ...(results.alternated?.errors ?? []).map((e) => `- alternated windows, ${e}`),
    '',
  ].join('\n');
}

export function writeReports(results: BenchResults, outDir: string): { json: string; md: string; svg: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const files = { json: path.join(outDir, 'latest.json'), md: path.join(outDir, 'latest.md'), svg: path.join(outDir, 'latest.svg') };
  fs.writeFileSync(files.json, JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  fs.writeFileSync(files.svg, latencySvg(results));
  fs.writeFileSync(files.md, markdownReport(results, 'latest.svg'));
  return files;
}

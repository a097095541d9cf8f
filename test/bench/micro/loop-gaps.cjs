// A preload for the bench's servers (any server, ours or a peer): `BENCH_PRELOAD=test/bench/micro/loop-gaps.cjs
// BENCH_LOOP_GAPS=<dir> npx tsx test/bench/micro/steady-pair.ts …`. A 1 ms timer notes every event-loop gap over 2 ms
// and a PerformanceObserver every collection (start, duration, kind), in epoch ms, written every 500 ms and at exit
// to <dir>/<pid>.json with the process's command line: whether a server's slow deliveries come from its collector,
// its own work or the machine. The timer costs every server the same (about a point of the core).
const { PerformanceObserver, performance } = require('node:perf_hooks');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.BENCH_LOOP_GAPS;
const t0 = Date.now() - performance.now();
const gaps = [];
const gcs = [];
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - last > 2) gaps.push([Math.round(t0 + now), +(now - last).toFixed(2)]);
  last = now;
}, 1).unref();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push([Math.round(t0 + e.startTime), +e.duration.toFixed(2), e.detail && e.detail.kind]);
}).observe({ entryTypes: ['gc'] });
const file = path.join(dir, `${process.pid}.json`);
const write = () => { try { fs.writeFileSync(file, JSON.stringify({ argv: process.argv.slice(1).join(' ').slice(0, 120), end: Date.now(), gaps, gcs })); } catch {} };
setInterval(write, 500).unref();
process.on('exit', write);

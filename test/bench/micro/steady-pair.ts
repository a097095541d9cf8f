/**
 * Alternated steady-state windows of two or more servers at the bench's load, for A/B figures without the full run:
 * `npx tsx test/bench/micro/steady-pair.ts [rounds=4] [rate=5] [seconds=10] [servers=triage-room,y-websocket-server]`.
 * Each round starts each server in turn (pinned to CPU 0, generator on CPU 1), connects 100 rooms × 30 clients,
 * warms up 2 s and measures one window; prints each window and each server's medians (p50 / p99 / p99.9, CPU %).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadPool } from '../load/pool.js';
import { triageAdapter } from '../servers/triage.js';
import { yWebsocketAdapter } from '../servers/ywebsocket.js';
import { benchRoomId } from '../servers/triage-setup.js';
import { pinSelf } from '../servers/spawn.js';
import { median } from '../stats.js';
import { runSteady } from '../scenarios/steady.js';
import type { ServerAdapter } from '../servers/types.js';

const [rounds = 4, rate = 5, seconds = 10] = process.argv.slice(2, 5).map(Number);
const adapters: Record<string, ServerAdapter> = { 'triage-room': triageAdapter, 'y-websocket-server': yWebsocketAdapter };
const names = (process.argv[5] ?? 'triage-room,y-websocket-server').split(',');
const rooms = 100;
const clients = 30;

async function once(adapter: ServerAdapter) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-pair-'));
  const ids = Array.from({ length: rooms }, (_, i) => benchRoomId(i));
  const pinned = os.cpus().length >= 2 && pinSelf(1);
  const server = await adapter.start({ rooms: ids, dataDir, cpu: pinned ? 0 : null });
  try {
    const pool = new LoadPool(server, ids, clients, 42);
    await pool.connectAll(60_000);
    const r = await runSteady(pool, server, rate, 2, seconds);
    pool.closeAll();
    return r;
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const all = new Map<string, { p50: number[]; p99: number[]; p999: number[]; cpu: number[] }>();
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? names : [...names].reverse()) {
    const r = await once(adapters[name]);
    const acc = all.get(name) ?? { p50: [], p99: [], p999: [], cpu: [] };
    acc.p50.push(r.p50Ms);
    acc.p99.push(r.p99Ms);
    acc.p999.push(r.p999Ms);
    acc.cpu.push(r.serverCpuPct);
    all.set(name, acc);
    console.log(`${new Date().toISOString().slice(11, 19)} round ${round + 1} ${name}: p50 ${r.p50Ms.toFixed(3)} p99 ${r.p99Ms.toFixed(2)} p99.9 ${r.p999Ms.toFixed(2)} ms, CPU ${r.serverCpuPct.toFixed(1)} %`);
  }
}
for (const [name, a] of all) {
  console.log(`median ${name}: p50 ${median(a.p50).toFixed(3)} p99 ${median(a.p99).toFixed(2)} p99.9 ${median(a.p999).toFixed(2)} ms, CPU ${median(a.cpu).toFixed(1)} %`);
}
process.exit(0);

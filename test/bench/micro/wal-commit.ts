/**
 * Commit latency with SQLite's checkpoints as the server runs them: `npx tsx test/bench/micro/wal-commit.ts`.
 * Commits paced like the server's write path under load (two ticks a millisecond, one ~65-byte update each, spread
 * over 100 meetings, real schema), timed one by one on the event loop. Compares SQLite's automatic checkpoint as it
 * comes (1,000 pages, nothing synced ahead) with the WAL synced ahead on the thread pool and checkpoints at
 * `autocheckpointPages` (server/db/wal-sync-ahead.ts). Pin it (`taskset -c 0`) to see it as the bench's server does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/db/client.js';
import { meetingDocsRepo } from '../../../server/db/meeting-docs-repo.js';
import { autocheckpointPages, WalSyncAhead } from '../../../server/db/wal-sync-ahead.js';
import { benchRoomId, seedBenchMeetings } from '../servers/triage-setup.js';

const commits = Number(process.env.COMMITS ?? 20_000);
const doc = new Y.Doc();
const updates: Uint8Array[] = [];
doc.on('update', (u: Uint8Array) => updates.push(u));
for (let i = 0; i < 1000; i++) doc.getMap('bench').set(String(i % 30), { seq: i, t: Date.now() });
const rooms = Array.from({ length: 100 }, (_, i) => benchRoomId(i));

async function run(label: string, ahead: boolean): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-micro-wal-'));
  const dbFile = path.join(dir, 'bench.db');
  seedBenchMeetings(dbFile, rooms);
  const database = openDatabase(dbFile);
  const repo = meetingDocsRepo(database.db);
  const append = (i: number) => repo.appendMany([{ meetingId: rooms[(i * 37) % rooms.length], doc: 'shared', updates: [updates[i % updates.length]] }], Date.now());
  for (let i = 0; i < 20_000; i++) append(i); // a log like a running meeting's
  const syncAhead = ahead ? new WalSyncAhead(dbFile) : null;
  database.sqlite.pragma(`wal_autocheckpoint = ${ahead ? autocheckpointPages : 1000}`);
  syncAhead?.start();
  const times: number[] = [];
  await new Promise<void>((resolve) => {
    let i = 0;
    const step = () => {
      for (let k = 0; k < 2 && i < commits; k++, i++) {
        const t0 = performance.now();
        append(i);
        times.push(performance.now() - t0);
      }
      if (i < commits) setTimeout(step, 1);
      else resolve();
    };
    step();
  });
  await syncAhead?.stop();
  database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const stalls = times.filter((t) => t > 1);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  console.log(
    `${label.padEnd(44)} p50 ${(at(0.5) * 1000).toFixed(0)} µs  p99 ${(at(0.99) * 1000).toFixed(0)} µs  p99.9 ${at(0.999).toFixed(2)} ms  max ${sorted[sorted.length - 1].toFixed(1)} ms  ` +
      `commits over 1 ms: ${stalls.length} (${stalls.reduce((a, b) => a + b, 0).toFixed(0)} ms)`,
  );
}

for (let round = 0; round < 2; round++) {
  await run('SQLite automatic checkpoint (1,000 pages)', false);
  await run(`WAL synced ahead, checkpoint at ${autocheckpointPages} pages`, true);
}

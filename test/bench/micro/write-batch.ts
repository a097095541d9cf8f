/**
 * (a) One SQLite transaction per tick across all rooms vs one per room: `npx tsx test/bench/micro/write-batch.ts`.
 * A "tick" here is R rooms with one ~65-byte update each (steady state: at 20 updates/s/room over 100 rooms most
 * ticks carry a few rooms' single updates). Reports µs per tick and per update, median of 5 rounds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/db/client.js';
import { meetingDocsRepo } from '../../../server/db/meeting-docs-repo.js';
import { benchRoomId, seedBenchMeetings } from '../servers/triage-setup.js';
import { median } from '../stats.js';

/** CPU time of this process (user + system), in µs: steadier than wall time on a shared machine. */
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const ticks = 400;
const doc = new Y.Doc();
const updates: Uint8Array[] = [];
doc.on('update', (u: Uint8Array) => updates.push(u));
for (let i = 0; i < 1000; i++) doc.getMap('bench').set(String(i % 30), { seq: i, t: Date.now() });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-micro-batch-'));
const dbFile = path.join(dir, 'bench.db');
const rooms = Array.from({ length: 100 }, (_, i) => benchRoomId(i));
seedBenchMeetings(dbFile, rooms);
const database = openDatabase(dbFile);
const repo = meetingDocsRepo(database.db);

function measure(roomCount: number, oneTransaction: boolean): number {
  const t0 = cpuMicros();
  for (let t = 0; t < ticks; t++) {
    const update = updates[t % updates.length];
    if (oneTransaction) {
      repo.appendMany(rooms.slice(0, roomCount).map((meetingId) => ({ meetingId, doc: 'shared' as const, updates: [update] })), Date.now());
    } else {
      for (let r = 0; r < roomCount; r++) repo.append(rooms[r], 'shared', [update], Date.now());
    }
  }
  return (cpuMicros() - t0) / ticks;
}

measure(10, false);
measure(10, true);
for (const roomCount of [1, 4, 10, 40]) {
  const per = [false, true].map((one) => median(Array.from({ length: 5 }, () => measure(roomCount, one))));
  console.log(
    `${String(roomCount).padStart(3)} rooms/tick: per-room transactions ${per[0].toFixed(0)} µs/tick (${(per[0] / roomCount).toFixed(1)} µs/update), ` +
      `one transaction ${per[1].toFixed(0)} µs/tick (${(per[1] / roomCount).toFixed(1)} µs/update): ${(per[0] / per[1]).toFixed(1)}×`,
  );
}
database.close();
fs.rmSync(dir, { recursive: true, force: true });

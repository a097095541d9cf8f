/**
 * Micro-scenario (ours only): the cost of the write that precedes every broadcast, timed in-process by calling
 * `meetingDocsRepo(db).append` with batches of real benchmark updates on a fresh database file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/db/client.js';
import { meetingDocsRepo } from '../../../server/db/meeting-docs-repo.js';
import { seedBenchMeetings } from '../servers/triage-setup.js';
import type { PersistenceResult } from '../config.js';

function benchUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const map = doc.getMap('bench');
  for (let i = 0; i < count; i++) map.set(String(i % 30), { sender: doc.clientID, seq: i, t: performance.timeOrigin + performance.now() });
  doc.destroy();
  return updates;
}

export function runPersistence(count: number, batches: readonly number[] = [1, 10, 100]): PersistenceResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-persist-'));
  try {
    const dbFile = path.join(dir, 'bench.db');
    seedBenchMeetings(dbFile, ['bench-persist']);
    const database = openDatabase(dbFile);
    const repo = meetingDocsRepo(database.db);
    const updates = benchUpdates(count);
    const updateBytes = updates.reduce((s, u) => s + u.length, 0) / updates.length;
    repo.append('bench-persist', 'shared', updates.slice(0, 200), Date.now()); // warm up statement paths
    const out = batches.map((batch) => {
      const t0 = performance.now();
      for (let i = 0; i < updates.length; i += batch) repo.append('bench-persist', 'shared', updates.slice(i, i + batch), Date.now());
      return { batch, updates: updates.length, usPerUpdate: ((performance.now() - t0) * 1000) / updates.length, updateBytes };
    });
    database.close();
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

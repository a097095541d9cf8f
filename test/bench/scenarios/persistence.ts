/**
 * Micro-scenario (ours only): what storing an update costs, timed in-process on a fresh database file with real
 * benchmark updates.
 *  - `log`, batches of 1 / 10 / 100: `meetingDocsRepo(db).append`, one transaction per batch (the SQLite update log
 *    alone; batch 1 was the write before every broadcast until the update journal).
 *  - `served`: the write path as the server runs it with the journal: each update appended to the update journal on
 *    its own (the write before its broadcast), and every `batch` updates (a commit's worth: `journalledCommitDelayMs`
 *    of the steady load, one update of each of `batch` rooms) appended to the log in one transaction (`appendMany`)
 *    and settled with the journal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../../server/db/client.js';
import { meetingDocsRepo } from '../../../server/db/meeting-docs-repo.js';
import { UpdateJournal, type JournalSegment } from '../../../server/db/update-journal.js';
import type { DocumentAppend } from '../../../server/db/stores/meeting-docs.js';
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

export function runPersistence(count: number, servedCommitBatch: number, batches: readonly number[] = [1, 10, 100]): PersistenceResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-persist-'));
  // The served path writes one update of each of `servedCommitBatch` rooms per commit, as the server's batcher does
  // at the steady load (one update per room per 50 ms): one meeting each, one "has it ended" look-up each.
  const rooms = Array.from({ length: servedCommitBatch }, (_, i) => `bench-persist-${i}`);
  let database: ReturnType<typeof openDatabase> | null = null;
  let journal: UpdateJournal | null = null;
  try {
    const dbFile = path.join(dir, 'bench.db');
    seedBenchMeetings(dbFile, ['bench-persist', ...rooms]);
    database = openDatabase(dbFile);
    const repo = meetingDocsRepo(database.db);
    const updates = benchUpdates(count);
    const updateBytes = updates.reduce((s, u) => s + u.length, 0) / updates.length;
    repo.append('bench-persist', 'shared', updates.slice(0, 200), Date.now()); // warm up statement paths
    const out: PersistenceResult[] = batches.map((batch) => {
      const t0 = performance.now();
      for (let i = 0; i < updates.length; i += batch) repo.append('bench-persist', 'shared', updates.slice(i, i + batch), Date.now());
      return { path: 'log', batch, updates: updates.length, usPerUpdate: ((performance.now() - t0) * 1000) / updates.length, updateBytes };
    });
    journal = new UpdateJournal(dbFile);
    const journalled: { journal: JournalSegment }[] = [];
    const commit: DocumentAppend[] = [];
    const t0 = performance.now();
    for (let i = 0; i < updates.length; i++) {
      const meetingId = rooms[i % rooms.length];
      const segment = journal.append(meetingId, 'shared', [updates[i]]);
      if (!segment) throw new Error('the update journal refused an append');
      journalled.push({ journal: segment });
      commit.push({ meetingId, doc: 'shared', updates: [updates[i]] });
      if (commit.length === servedCommitBatch || i === updates.length - 1) {
        repo.appendMany(commit, Date.now());
        journal.settleAll(journalled);
        journalled.length = 0;
        commit.length = 0;
      }
    }
    out.push({ path: 'served', batch: servedCommitBatch, updates: updates.length, usPerUpdate: ((performance.now() - t0) * 1000) / updates.length, updateBytes });
    return out;
  } finally {
    journal?.close();
    database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

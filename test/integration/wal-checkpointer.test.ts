/**
 * SQLite's WAL checkpoints in a worker thread (server/db/wal-checkpointer.ts), on a real database file with the
 * project's schema and a real worker: the serving connection's commits never run a checkpoint while the worker
 * answers, the WAL stays bounded (it restarts from its start), nothing written is lost, and when the worker cannot
 * start or dies the serving connection's own automatic checkpoint comes back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { checkpointsInBackground, WalCheckpointer, type CheckpointReport } from '../../server/db/wal-checkpointer.js';
import { createLogger } from '../../server/logger.js';
import { tempDir } from '../support/server.js';

const pageBytes = 4096;
const walFrameBytes = pageBytes + 24;

interface Opened {
  dir: string;
  file: string;
  database: Database_;
  checkpointer: WalCheckpointer;
  logs: string[];
}

const opened: Opened[] = [];

function open(options: { file?: string; restartPages?: number; tailPages?: number } = {}): Opened {
  const dir = tempDir();
  const file = path.join(dir, 'triage.db');
  const database = openDatabase(file);
  database.sqlite.exec('create table scratch (id integer primary key, body blob not null)');
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const checkpointer = new WalCheckpointer(database.sqlite, options.file ?? file, {
    intervalMs: 10,
    restartPages: options.restartPages ?? 200,
    tailPages: options.tailPages ?? 64,
    logger: createLogger('warn', sink),
  });
  const entry = { dir, file, database, checkpointer, logs };
  opened.push(entry);
  return entry;
}

afterEach(async () => {
  for (const { dir, database, checkpointer } of opened.splice(0)) {
    await checkpointer.stop();
    database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const nextReport = (checkpointer: WalCheckpointer) =>
  new Promise<CheckpointReport>((resolve) => {
    const off = checkpointer.onReport((report) => {
      off();
      resolve(report);
    });
  });

const autoCheckpointPages = (database: Database_) => database.sqlite.pragma('wal_autocheckpoint', { simple: true });
const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

/**
 * Writes `count` rows of ~1 KiB, one commit each, `perTurn` commits per timer turn (a steady load); their bytes go
 * into `hash` (a new one by default) and the digest so far is returned.
 */
async function write(database: Database_, count: number, perTurn = 4, hash = crypto.createHash('sha256')): Promise<string> {
  const insert = database.sqlite.prepare('insert into scratch (body) values (?)');
  for (let i = 0; i < count; i++) {
    const body = crypto.randomBytes(1000);
    hash.update(body);
    insert.run(body);
    if (i % perTurn === perTurn - 1) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return hash.copy().digest('hex');
}

/** Samples the WAL file's size until read: the largest it was. */
function sampleWal(file: string): () => number {
  let largest = walBytes(file);
  const timer = setInterval(() => (largest = Math.max(largest, walBytes(file))), 2);
  return () => {
    clearInterval(timer);
    return Math.max(largest, walBytes(file));
  };
}

function readBack(file: string): { rows: number; hash: string } {
  const database = openDatabase(file);
  try {
    const hash = crypto.createHash('sha256');
    const rows = database.sqlite.prepare('select body from scratch order by id').all() as { body: Buffer }[];
    for (const row of rows) hash.update(row.body);
    return { rows: rows.length, hash: hash.digest('hex') };
  } finally {
    database.close();
  }
}

describe('WAL checkpoints in a worker thread', () => {
  it('takes checkpoints off the serving connection, keeps the WAL bounded and loses nothing', { timeout: 60_000 }, async () => {
    const { file, database, checkpointer } = open();
    expect(autoCheckpointPages(database)).toBe(1000);
    checkpointer.start();
    await nextReport(checkpointer);
    // While the worker answers, a commit never runs a checkpoint itself.
    expect(checkpointer.background).toBe(true);
    expect(autoCheckpointPages(database)).toBe(0);

    // 3,000 commits in rounds of 200, each round followed by a checkpoint report (however slowly a loaded machine
    // runs the worker), so the bound below holds on any machine.
    const rows = 3000;
    const largest = sampleWal(file);
    const hash = crypto.createHash('sha256');
    let written = '';
    for (let round = 0; round < rows / 200; round++) {
      written = await write(database, 200, 4, hash);
      await nextReport(checkpointer);
    }
    // Without checkpoints (or restarts) 3,000 commits of a 1 KiB row leave over 3,000 pages in the WAL.
    expect(checkpointer.counts.background).toBeGreaterThan(5);
    expect(largest()).toBeLessThan(1500 * walFrameBytes);

    await checkpointer.stop();
    // Checkpoints are the serving connection's again, and closing it (the last connection) folds and removes the WAL.
    expect(autoCheckpointPages(database)).toBe(1000);
    database.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(readBack(file)).toEqual({ rows, hash: written });
  });

  it('restarts the WAL under commits that never leave the worker a gap', { timeout: 60_000 }, async () => {
    // A checkpoint running beside the writer never copies the frames appended meanwhile, and the WAL only restarts
    // after a checkpoint that copied every one: so the serving connection copies the worker's short tail itself.
    // Written without pause until that happened and a report shows the WAL started over (however slowly a loaded
    // machine runs the worker: without the tail step this never ends, and the test times out).
    const { file, database, checkpointer } = open();
    checkpointer.start();
    await nextReport(checkpointer);
    let grown = false;
    let restarted = false;
    checkpointer.onReport((report) => {
      if (report.log >= 200) grown = true;
      else if (grown && checkpointer.counts.tails > 0) restarted = true;
    });
    const insert = database.sqlite.prepare('insert into scratch (body) values (?)');
    const hash = crypto.createHash('sha256');
    let rows = 0;
    while (!restarted) {
      for (let i = 0; i < 8; i++, rows++) {
        const body = crypto.randomBytes(1000);
        hash.update(body);
        insert.run(body);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(checkpointer.counts.tails).toBeGreaterThan(0);
    await checkpointer.stop();
    database.close();
    expect(readBack(file)).toEqual({ rows, hash: hash.digest('hex') });
  });

  it('leaves checkpoints on the serving connection when the worker cannot open the database, and says so', async () => {
    const { file, database, checkpointer, logs } = open({ file: path.join(tempDir(), 'missing', 'nothing.db') });
    const exited = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (logs.some((line) => line.includes('WAL checkpoints back on the serving connection'))) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    checkpointer.start();
    await exited;
    expect(checkpointer.background).toBe(false);
    expect(autoCheckpointPages(database)).toBe(1000);
    // The serving connection still writes, and checkpoints itself.
    const written = await write(database, 1500, 100);
    expect(walBytes(file)).toBeLessThan(1200 * walFrameBytes);
    await checkpointer.stop();
    database.close();
    expect(readBack(file)).toEqual({ rows: 1500, hash: written });
  });

  it('gives checkpoints back to the serving connection when the worker dies mid-run', async () => {
    const { file, database, checkpointer, logs } = open();
    checkpointer.start();
    await nextReport(checkpointer);
    expect(autoCheckpointPages(database)).toBe(0);
    const before = await write(database, 300);
    await (checkpointer as unknown as { worker: Worker }).worker.terminate();
    // The exit is reported on the next turns of the event loop.
    while (checkpointer.background) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(autoCheckpointPages(database)).toBe(1000);
    expect(logs.join('')).toContain('checkpoint worker exited');
    const after = await write(database, 300);
    await checkpointer.stop();
    database.close();
    const stored = readBack(file);
    expect(stored.rows).toBe(600);
    expect(stored.hash).not.toBe(before);
    expect(stored.hash).not.toBe(after);
  });

  it("runs in the background by default only where the process may use two CPUs ('auto')", () => {
    expect(checkpointsInBackground('auto', 1)).toBe(false);
    expect(checkpointsInBackground('auto', 2)).toBe(true);
    expect(checkpointsInBackground('auto', 16)).toBe(true);
    expect(checkpointsInBackground('background', 1)).toBe(true);
    expect(checkpointsInBackground('inline', 16)).toBe(false);
  });
});

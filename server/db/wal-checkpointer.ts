/**
 * Moves SQLite's WAL checkpoints off the event loop.
 *
 * With WAL and synchronous=NORMAL a commit writes its pages to the WAL and does not wait for the disk; the wait is
 * in the checkpoint, which copies the WAL back into the database file and syncs both. SQLite runs it automatically
 * inside the commit that takes the WAL past 1,000 pages: on this project's write path (one commit per tick, every
 * update stored before broadcast) that was a 4–12 ms stall of the whole process every few seconds under load, every
 * live meeting frozen meanwhile (measured: commit p99.9 9.6 ms, max 12.4 ms, against 0.16 / 2 ms below).
 *
 * Here a worker thread holds a second connection to the same file and runs PASSIVE checkpoints (never blocking the
 * writer) every `intervalMs`; the serving connection's automatic checkpoint is off while the worker answers. A
 * PASSIVE checkpoint cannot finish while the writer keeps appending, and the WAL restarts from its start only after a
 * checkpoint that copied every page. So when the WAL has grown past `restartPages` and the worker left only a short
 * tail (at most `tailPages`), the serving connection copies that tail itself (a few pages and two syncs, well under
 * the automatic checkpoint's cost) and its next commit starts the WAL over; past four times `restartPages` it does so
 * whatever the tail (a worker starved of CPU, a disk slower than the writes): the file stays bounded.
 *
 * If the worker cannot start, fails or exits, the serving connection's automatic checkpoint comes back: never
 * worse than before. Stopping closes the worker's connection first, so closing the serving connection (the last one)
 * checkpoints and removes the WAL as usual.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../logger.js';
import { sqliteAddonPath } from './client.js';

export interface WalCheckpointerOptions {
  intervalMs?: number;
  /** WAL size (pages) past which the serving connection finishes a checkpoint itself, so the WAL restarts. */
  restartPages?: number;
  /** The most pages the serving connection copies itself. */
  tailPages?: number;
  /** A worker silent this long (starved, stuck on the disk) hands checkpoints back to the serving connection. */
  unansweredMs?: number;
  /** SQLite's automatic checkpoint threshold given back when the worker stops or fails (SQLite's default: 1,000). */
  fallbackPages?: number;
  logger?: Logger;
}

/** What a PASSIVE checkpoint reports: pages in the WAL and pages copied back into the database file. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

/**
 * Whether checkpoints go to the worker. 'auto': only when the process may run on two CPUs or more (its affinity:
 * `taskset -c 0` or a one-CPU container counts one). On one CPU the worker shares the event loop's core, so it can
 * mostly take the idle time (it runs at a low priority): measured there at 100 meetings × 30 clients × 5 updates/s,
 * event-loop stalls over 5 ms fell from 188 to 110 ms per 10 s, but the thread's own V8 heap added 8–9 MiB of RSS.
 */
export function checkpointsInBackground(mode: 'auto' | 'background' | 'inline', cpus = os.availableParallelism()): boolean {
  return mode === 'background' || (mode === 'auto' && cpus >= 2);
}

/** The worker's source (CommonJS, evaluated): one connection, a PASSIVE checkpoint per request. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// A low CPU priority for this thread alone (Linux: a thread id is accepted where a process id is): on a busy core
// the event loop mostly runs first and the checkpoint takes the idle time, yet under full load it still gets about a
// tenth of the CPU (nice 10; at 19 it could starve while holding SQLite's checkpoint lock). Elsewhere: normal.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) require('node:os').setPriority(tid, 10);
} catch {}
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.addon });
  db.pragma('busy_timeout = 0');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('synchronous = NORMAL');
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ error: String(err && err.message) });
  process.exit(1);
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message) });
  }
});
`;

export class WalCheckpointer {
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private asked = false;
  private askedAt = 0;
  private active = false;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly restartPages: number;
  private readonly tailPages: number;
  /** Checkpoints the worker ran, and tails the serving connection copied itself (for tests and the bench). */
  readonly counts = { background: 0, tails: 0, failures: 0 };
  private readonly listeners = new Set<(report: CheckpointReport) => void>();
  private readonly logger: Logger | undefined;
  private readonly unansweredMs: number;
  private readonly fallbackPages: number;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly file: string,
    options: WalCheckpointerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 200;
    this.restartPages = options.restartPages ?? 4096;
    this.tailPages = options.tailPages ?? 256;
    this.unansweredMs = options.unansweredMs ?? 30_000;
    this.fallbackPages = options.fallbackPages ?? 1000;
    this.logger = options.logger;
  }

  /** Starts the worker; until it answers (and if it never does) the serving connection checkpoints as before. */
  start(): void {
    if (this.worker || this.stopped) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerSource, { eval: true, workerData: { driver, addon: sqliteAddonPath(), file: this.file }, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
    this.worker = worker;
    worker.unref();
    worker.on('message', (m: { ready?: true; error?: string } & Partial<CheckpointReport>) => this.onMessage(m));
    worker.on('error', (err) => this.fallBack(`checkpoint worker failed: ${err.message}`));
    worker.on('exit', () => {
      if (!this.stopped) this.fallBack('checkpoint worker exited');
    });
  }

  /** Called after each report (tests wait on it). */
  onReport(listener: (report: CheckpointReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while checkpoints run in the worker (the serving connection's automatic checkpoint is off). */
  get background(): boolean {
    return this.active;
  }

  private onMessage(m: { ready?: true; error?: string } & Partial<CheckpointReport>): void {
    if (this.stopped) return;
    if (m.ready) {
      this.sqlite.pragma('wal_autocheckpoint = 0');
      this.active = true;
      this.timer = setInterval(() => this.ask(), this.intervalMs);
      this.timer.unref();
      return;
    }
    this.asked = false;
    if (m.error !== undefined) {
      // A busy database (another process's checkpoint, a backup) is tried again next time; three in a row: give up.
      this.counts.failures++;
      if (this.counts.failures >= 3) this.fallBack(`checkpoint failed: ${m.error}`);
      return;
    }
    this.counts.failures = 0;
    this.counts.background++;
    const report = { log: m.log ?? 0, checkpointed: m.checkpointed ?? 0 };
    // Past `restartPages` with a short tail: finish it here (cheap). Past four times that, whatever the tail (a worker
    // starved of CPU, or checkpoints slower than the writes): the WAL must not grow without end.
    const tail = report.log - report.checkpointed;
    if (report.log >= this.restartPages && (tail <= this.tailPages || report.log >= 4 * this.restartPages)) this.finishTail();
    for (const listener of this.listeners) listener(report);
  }

  private ask(): void {
    if (!this.worker || !this.active) return;
    if (this.asked) {
      if (Date.now() - this.askedAt > this.unansweredMs) this.fallBack(`checkpoint worker silent for ${this.unansweredMs} ms`);
      return;
    }
    this.asked = true;
    this.askedAt = Date.now();
    this.worker.postMessage('checkpoint');
  }

  /** Copies the short tail the worker left, on the serving connection: its next commit restarts the WAL. */
  private finishTail(): void {
    try {
      this.sqlite.pragma('wal_checkpoint(PASSIVE)');
      this.counts.tails++;
    } catch (err) {
      this.logger?.warn({ err: (err as Error).message }, 'finishing a checkpoint failed; tried again later');
    }
  }

  private fallBack(why: string): void {
    if (this.stopped) return;
    this.logger?.warn({ reason: why }, 'WAL checkpoints back on the serving connection');
    this.stopTimer();
    this.active = false;
    const worker = this.worker;
    this.worker = null;
    this.stopped = true;
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${this.fallbackPages}`);
    void worker?.terminate();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Closes the worker's connection and gives checkpoints back to the serving connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.active = false;
    this.stopTimer();
    const worker = this.worker;
    this.worker = null;
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${this.fallbackPages}`);
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timeout);
  }
}

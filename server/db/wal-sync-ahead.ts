/**
 * Syncs SQLite's WAL to disk ahead of the checkpoint, off the event loop.
 *
 * With WAL and synchronous=NORMAL a commit writes its pages to the WAL without waiting for the disk; the checkpoint
 * then syncs the WAL (every page written since the last checkpoint), copies it back into the database file and syncs
 * that. Inside the commit that fills the WAL, on the event loop, the first sync was the largest part of the stall:
 * measured on this machine (100 meetings' worth of paced commits, `test/bench/micro/wal-commit.ts`), 4–5 ms of a
 * 7–9 ms checkpoint at 1,000 pages, and ~20 ms at 4,000. Here Node's thread pool (no V8 heap, no second connection)
 * syncs the WAL every `intervalMs`, so the checkpoint's own sync finds only the last few milliseconds of writes.
 *
 * With that, SQLite's automatic checkpoint can run four times less often (`autocheckpointPages`): a checkpoint copies
 * each page once however often it changed since the last one (the same hundred-odd hot pages of the update log), so
 * its cost hardly grows with the WAL, and the stalls come a quarter as often.
 *
 * It only adds syncs: SQLite's own order (WAL synced, then copied, then the database file synced) is unchanged, and
 * a sync that fails or finds no WAL is simply tried again next time. Only the WAL is opened here, and read-only:
 * SQLite's POSIX locks live on the database file and its -shm, which closing this descriptor cannot release.
 */
import fs from 'node:fs';

/** SQLite's automatic checkpoint threshold (pages) with the WAL synced ahead; SQLite's default is 1,000. */
export const autocheckpointPages = 4000;

export interface WalSyncReport {
  /** Inode of the WAL that was synced. */
  ino: number;
}

export class WalSyncAhead {
  private timer: NodeJS.Timeout | null = null;
  private fd: number | null = null;
  private ino = 0;
  private inFlight: Promise<void> | null = null;
  private lastIdentityCheck = 0;
  private readonly walFile: string;
  private readonly listeners = new Set<(report: WalSyncReport) => void>();
  /** Syncs done and failed (tests, the bench). */
  readonly counts = { syncs: 0, failures: 0 };

  constructor(
    dbFile: string,
    private readonly intervalMs = 50,
  ) {
    this.walFile = `${dbFile}-wal`;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Called after each sync (tests wait on it). */
  onSync(listener: (report: WalSyncReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.syncOnce().finally(() => {
      this.inFlight = null;
    });
  }

  private async syncOnce(): Promise<void> {
    try {
      const fd = await this.walDescriptor();
      if (fd === null) return;
      await new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
      this.counts.syncs++;
      for (const listener of this.listeners) listener({ ino: this.ino });
    } catch {
      // The WAL removed or replaced under us (a close, a restore): the next tick opens the current one.
      this.counts.failures++;
      this.closeDescriptor();
    }
  }

  /** The open WAL, reopened when the file at its path is no longer the one held (checked about once a second). */
  private async walDescriptor(): Promise<number | null> {
    const now = Date.now();
    if (this.fd !== null && now - this.lastIdentityCheck < 1000) return this.fd;
    this.lastIdentityCheck = now;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(this.walFile);
    } catch {
      this.closeDescriptor();
      return null;
    }
    if (this.fd !== null && stat.ino === this.ino) return this.fd;
    this.closeDescriptor();
    const fd = await new Promise<number>((resolve, reject) => fs.open(this.walFile, 'r', (err, opened) => (err ? reject(err) : resolve(opened))));
    this.fd = fd;
    this.ino = stat.ino;
    return fd;
  }

  private closeDescriptor(): void {
    if (this.fd === null) return;
    try {
      fs.closeSync(this.fd);
    } catch {}
    this.fd = null;
    this.ino = 0;
  }

  /** Stops syncing and closes the WAL descriptor (before the database closes, which may remove the WAL). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
    this.closeDescriptor();
  }
}

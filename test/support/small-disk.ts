/**
 * A real "disk full" for the storage-fault tests: a small tmpfs mounted on a temp directory. The SQLite file lives
 * on it; `fill()` writes a filler file until the filesystem says ENOSPC, so SQLite's next write that needs a new
 * block fails with SQLITE_FULL, and `free()` deletes the filler.
 *
 * Mounting needs root (or CAP_SYS_ADMIN), which the tests have here and in CI (.ci/run runs as root). Where it is
 * refused, this says so and the test fails: SQLite's `PRAGMA max_page_count` was tried as a fallback, but a small
 * update still fits in a page the table already has, so it does not make writes fail the way a full disk does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { tempDir } from './server.js';

export interface SmallDisk {
  dir: string;
  /** Uses up all free space (call after the server opened its database there). */
  fill(sqlite: Database.Database): void;
  free(): void;
  cleanup(): void;
}

export function smallDisk(sizeMb = 24): SmallDisk {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`The disk-full test mounts a small tmpfs and needs root (or CAP_SYS_ADMIN): ${(err as Error).message}`);
  }
  const filler = path.join(dir, 'filler.bin');
  return {
    dir,
    fill(sqlite) {
      // An empty WAL, so the next commit must grow a file rather than reuse space it already has.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const fd = fs.openSync(filler, 'w');
      try {
        for (let chunk = 1 << 20; chunk >= 1; chunk >>= 2) {
          const bytes = Buffer.alloc(chunk, 0x5a);
          for (;;) {
            try {
              fs.writeSync(fd, bytes);
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw err;
            }
          }
        }
      } finally {
        fs.closeSync(fd);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    cleanup() {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

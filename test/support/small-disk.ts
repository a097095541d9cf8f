/**
 * A real "disk full" for the storage-fault tests: a small tmpfs mounted on a temp directory (the tests run as root
 * in CI and here). The SQLite file lives on it; `fill()` writes a filler file until the filesystem says ENOSPC, so
 * SQLite's next write that needs a new block fails with SQLITE_FULL, and `free()` deletes the filler.
 *
 * Where mounting is not permitted (an unprivileged container), it falls back to SQLite's own size cap on the
 * server's connection (`PRAGMA max_page_count` set to the current size): the same SQLITE_FULL from the same write
 * paths, though not from the filesystem. `kind` says which one a run used.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { tempDir } from './server.js';

export interface SmallDisk {
  dir: string;
  kind: 'tmpfs' | 'page-cap';
  /** Uses up all free space (call after the server opened its database there). */
  fill(sqlite: Database.Database): void;
  free(sqlite: Database.Database): void;
  cleanup(): void;
}

export function smallDisk(sizeMb = 24): SmallDisk {
  const dir = tempDir();
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
  const filler = path.join(dir, 'filler.bin');
  if (mounted) {
    return {
      dir,
      kind: 'tmpfs',
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
  let previousCap = 0;
  return {
    dir,
    kind: 'page-cap',
    fill(sqlite) {
      previousCap = sqlite.pragma('max_page_count', { simple: true }) as number;
      sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
    },
    free(sqlite) {
      sqlite.pragma(`max_page_count = ${previousCap}`);
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

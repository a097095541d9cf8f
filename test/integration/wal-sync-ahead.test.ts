/**
 * The WAL synced ahead of SQLite's checkpoints on the thread pool (server/db/wal-sync-ahead.ts), on a real database
 * file with the project's schema: it syncs the WAL the database is writing to, follows it when the file is replaced,
 * lets go of it on stop (so closing the database removes the WAL as usual), and the SQLite engine runs it with
 * SQLite's automatic checkpoint at `autocheckpointPages`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { sqliteEngine } from '../../server/db/engine.js';
import { autocheckpointPages, WalSyncAhead, type WalSyncReport } from '../../server/db/wal-sync-ahead.js';
import { tempDir } from '../support/server.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openScratch(): { file: string; database: Database_; write: () => void } {
  const dir = tempDir();
  const file = path.join(dir, 'triage.db');
  const database = openDatabase(file);
  database.sqlite.exec('create table scratch (id integer primary key, body blob not null)');
  const insert = database.sqlite.prepare('insert into scratch (body) values (?)');
  cleanups.push(() => {
    if (database.sqlite.open) database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { file, database, write: () => insert.run(Buffer.alloc(500, 1)) };
}

/** Descriptors this process holds open on `file` (SQLite's own connection holds one on the WAL). */
function descriptorsOn(file: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === file) n++;
    } catch {}
  }
  return n;
}

/** The next sync whose report passes `test`, writing to the database meanwhile (no timers: each sync is awaited). */
function nextSync(ahead: WalSyncAhead, write: () => void, test: (r: WalSyncReport) => boolean = () => true): Promise<WalSyncReport> {
  return new Promise((resolve) => {
    const off = ahead.onSync((report) => {
      write();
      if (!test(report)) return;
      off();
      resolve(report);
    });
    write();
  });
}

describe('the WAL synced ahead of checkpoints', () => {
  it('syncs the WAL the database writes to, again and again while it writes', async () => {
    const { file, write } = openScratch();
    const ahead = new WalSyncAhead(file, 5);
    cleanups.push(() => ahead.stop());
    ahead.start();
    write();
    const wal = fs.statSync(`${file}-wal`);
    const first = await nextSync(ahead, write);
    expect(first.ino).toBe(wal.ino);
    const before = ahead.counts.syncs;
    await nextSync(ahead, write, () => ahead.counts.syncs >= before + 3);
    expect(ahead.counts.failures).toBe(0);
    expect(descriptorsOn(`${file}-wal`)).toBe(2);
  });

  it('follows the WAL when the file is replaced, and lets go of the old one', async () => {
    const { file, database, write } = openScratch();
    const ahead = new WalSyncAhead(file, 5);
    cleanups.push(() => ahead.stop());
    ahead.start();
    const old = await nextSync(ahead, write);
    // Keep the old file alive under another name, so the new WAL cannot reuse its inode.
    fs.linkSync(`${file}-wal`, `${file}-wal.old`);
    database.sqlite.pragma('journal_mode = DELETE');
    database.sqlite.pragma('journal_mode = WAL');
    write();
    const replaced = fs.statSync(`${file}-wal`).ino;
    expect(replaced).not.toBe(old.ino);
    await nextSync(ahead, write, (r) => r.ino === replaced);
    expect(descriptorsOn(`${file}-wal.old`)).toBe(0);
    expect(descriptorsOn(`${file}-wal`)).toBe(2);
  });

  it('does nothing while there is no WAL, and starts once there is one', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'triage.db');
    const ahead = new WalSyncAhead(file, 5);
    cleanups.push(() => ahead.stop());
    ahead.start();
    // Several ticks with no file at all: no sync reported, none failed.
    await new Promise<void>((resolve) => {
      let ticks = 0;
      const poll = setInterval(() => {
        if (++ticks === 10) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    expect(ahead.counts).toEqual({ syncs: 0, failures: 0 });
    const database = openDatabase(file);
    cleanups.push(() => database.close());
    database.sqlite.exec('create table scratch (id integer primary key)');
    const report = await nextSync(ahead, () => database.sqlite.exec('insert into scratch default values'));
    expect(report.ino).toBe(fs.statSync(`${file}-wal`).ino);
  });

  it('the SQLite engine syncs ahead with checkpoints at autocheckpointPages, and lets go of the WAL when it closes', async () => {
    const { file, database, write } = openScratch();
    const engine = sqliteEngine(database, { file, background: false });
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpointPages);
    write();
    // The engine's syncs hold the WAL open next to SQLite's own descriptor; wait until they do.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        write();
        if (descriptorsOn(`${file}-wal`) === 2) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    await engine.close();
    expect(descriptorsOn(`${file}-wal`)).toBe(1);
    database.close();
    // The last connection closed: SQLite checkpointed and removed the WAL, as without the syncs.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

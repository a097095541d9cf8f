/**
 * SQLite migrations at start (server/db/client.ts): a database made by an older build is brought up to date when it
 * is opened; a current one opens with nothing applied twice (the migrator is skipped when the newest migration is
 * recorded); and the native addon is loaded by its path, without the package's own lookup.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { areMigrationsApplied, openDatabase, sqliteAddonPath } from '../../server/db/client.js';
import { migrationsFolder } from '../../server/paths.js';
import { tempDir } from '../support/server.js';

interface JournalEntry {
  tag: string;
  when: number;
}
const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A database file as a build that shipped only the first `count` migrations left it. */
function olderDatabase(count: number): string {
  const dir = tempDir();
  dirs.push(dir);
  const older = path.join(dir, 'migrations');
  fs.cpSync(migrationsFolder, older, { recursive: true });
  fs.writeFileSync(path.join(older, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  const file = path.join(dir, 'triage.db');
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: older });
  sqlite.close();
  return file;
}

const recorded = (file: string) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare('select created_at as at from __drizzle_migrations order by id').all() as { at: number }[]).map((r) => Number(r.at));
  } finally {
    sqlite.close();
  }
};

describe('SQLite migrations at start', () => {
  it('brings a database from an older build up to date, each migration once', () => {
    expect(journal.entries.length).toBeGreaterThan(2);
    for (const count of [1, journal.entries.length - 1]) {
      const file = olderDatabase(count);
      expect(recorded(file)).toHaveLength(count);
      const opened = openDatabase(file);
      expect(areMigrationsApplied(opened.sqlite)).toBe(true);
      opened.close();
      expect(recorded(file)).toEqual(journal.entries.map((e) => e.when));
    }
  });

  it('opens a current database again without applying anything twice', () => {
    const file = olderDatabase(journal.entries.length);
    for (let i = 0; i < 2; i++) {
      const opened = openDatabase(file);
      expect(areMigrationsApplied(opened.sqlite)).toBe(true);
      opened.close();
    }
    expect(recorded(file)).toEqual(journal.entries.map((e) => e.when));
  });

  it('loads better-sqlite3’s addon by its path where the install put it', () => {
    const addon = sqliteAddonPath();
    expect(addon).toMatch(/[\\/]better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/);
    expect(fs.existsSync(addon as string)).toBe(true);
  });
});

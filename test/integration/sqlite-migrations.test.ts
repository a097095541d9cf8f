/**
 * SQLite migrations at start (server/db/client.ts): a database made by an older build, or one whose migrations table
 * is empty, is brought up to date when it is opened; a current one opens with nothing applied twice. And the native
 * addon: by its path where the install puts it, else where the package's own lookup would find it, and never paired
 * with a bundled JavaScript of another version.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { areMigrationsApplied, openDatabase, sqliteAddonIn, sqliteAddonPath } from '../../server/db/client.js';
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
    return (sqlite.prepare('select created_at as at from __drizzle_migrations order by rowid').all() as { at: number }[]).map((r) => Number(r.at));
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

  it('applies every migration to a database whose migrations table is there but empty', () => {
    const file = olderDatabase(1);
    const sqlite = new Database(file);
    // As if the first migration's record were lost: its tables stay, so applying it again would fail, loudly.
    sqlite.exec('delete from __drizzle_migrations');
    sqlite.close();
    expect(() => openDatabase(file)).toThrow();
    const fresh = path.join(path.dirname(file), 'empty-table.db');
    const empty = new Database(fresh);
    empty.exec('create table __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    empty.close();
    const opened = openDatabase(fresh);
    expect(areMigrationsApplied(opened.sqlite)).toBe(true);
    opened.close();
    expect(recorded(fresh)).toEqual(journal.entries.map((e) => e.when));
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
    expect(fs.existsSync(addon)).toBe(true);
  });

  it('finds a debug build where the package’s own lookup would, and refuses a bundle of another version', () => {
    const root = tempDir();
    dirs.push(root);
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.0.0' }));
    fs.mkdirSync(path.join(root, 'build', 'Debug'), { recursive: true });
    fs.writeFileSync(path.join(root, 'build', 'Debug', 'better_sqlite3.node'), '');
    expect(sqliteAddonIn(root, '12.0.0')).toBe(path.join(root, 'build', 'Debug', 'better_sqlite3.node'));
    expect(sqliteAddonIn(root, undefined)).toBe(path.join(root, 'build', 'Debug', 'better_sqlite3.node'));
    expect(() => sqliteAddonIn(root, '11.9.0')).toThrow('better-sqlite3 12.0.0 is installed but this build was made with 11.9.0: run npm run build');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';
import { migrationsFolder } from '../paths.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export interface Database_ {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}


/** Opens (creating if needed) the SQLite file, turns on WAL and foreign keys, and applies the committed migrations. */
export function openDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Database_ {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL under WAL: a committed transaction survives a process crash; only an OS crash may lose the last ones.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

export function isDatabaseReachable(sqlite: Database.Database): boolean {
  try {
    return sqlite.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}

/** Every committed migration (meta/_journal.json) is recorded as applied in this database. */
export function areMigrationsApplied(sqlite: Database.Database): boolean {
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const row = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    return row.n >= journal.entries.length;
  } catch {
    return false;
  }
}

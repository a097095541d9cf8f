import fs from 'node:fs';
import { createRequire } from 'node:module';
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


let addonPath: string | null | undefined;
/**
 * better-sqlite3's native addon by its path (where its install builds or downloads it), so the package does not look
 * for it: its default lookup (the `bindings` package) walks the caller's stack and tries several folders, ~3 ms of a
 * restart. Elsewhere (a custom build): undefined, and the package finds it as usual.
 */
export function sqliteAddonPath(): string | undefined {
  if (addonPath === undefined) {
    try {
      const root = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
      const file = path.join(root, 'build', 'Release', 'better_sqlite3.node');
      addonPath = fs.existsSync(file) ? file : null;
    } catch {
      addonPath = null;
    }
  }
  return addonPath ?? undefined;
}

const readJournal = () => JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };

/**
 * Whether drizzle's migrator has anything to apply: it applies each migration newer than the newest one recorded, so
 * nothing is pending when that is at least the newest in the journal. A restart then skips the migrator, which reads
 * and hashes every migration file (~6 ms) to find nothing to do.
 */
function migrationsPending(sqlite: Database.Database): boolean {
  try {
    const newest = Math.max(...readJournal().entries.map((e) => e.when));
    const row = sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number | string | null } | undefined;
    return row?.at === null || row?.at === undefined || !(Number(row.at) >= newest);
  } catch {
    return true; // no table yet (a new file), or no journal: the migrator says what is wrong
  }
}

/** Opens (creating if needed) the SQLite file, turns on WAL and foreign keys, and applies the committed migrations. */
export function openDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Database_ {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { nativeBinding: sqliteAddonPath() });
  sqlite.pragma('journal_mode = WAL');
  // NORMAL under WAL: a committed transaction survives a process crash; only an OS crash may lose the last ones.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  const db = drizzle(sqlite, { schema });
  if (migrationsPending(sqlite)) migrate(db, { migrationsFolder });
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
    const row = sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    return row.n >= readJournal().entries.length;
  } catch {
    return false;
  }
}

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


/** The better-sqlite3 version the compiled server bundles (scripts/build-server.mjs defines it); undefined under tsx. */
declare const __TRIAGE_BUNDLED_SQLITE__: string | undefined;

/**
 * better-sqlite3's native addon in the package installed at `root`, by its path, so the package does not look for it:
 * its lookup (the `bindings` package) walks the caller's stack and tries several folders (~3 ms of a restart), and
 * cannot find its way from inside the bundle. Where its install puts it (`build/Release`), else where that lookup
 * would find it from `root` (a debug or custom build). The compiled server bundles the package's JavaScript and loads
 * this addon from node_modules: both must be the same version, so a build older than the installed package (an
 * `npm install` since `npm run build`) refuses to start rather than pair them.
 */
export function sqliteAddonIn(root: string, bundled: string | undefined): string {
  const installed = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (bundled !== undefined && bundled !== installed) {
    throw new Error(`better-sqlite3 ${installed} is installed but this build was made with ${bundled}: run npm run build`);
  }
  const release = path.join(root, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(release)) return release;
  const bindings = createRequire(import.meta.url)('bindings') as (options: object) => string;
  return bindings({ bindings: 'better_sqlite3.node', module_root: root, path: true });
}

let addonPath: string | undefined;
/** The installed better-sqlite3's addon (`sqliteAddonIn`), found once. */
export function sqliteAddonPath(): string {
  addonPath ??= sqliteAddonIn(
    path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
    typeof __TRIAGE_BUNDLED_SQLITE__ === 'string' ? __TRIAGE_BUNDLED_SQLITE__ : undefined,
  );
  return addonPath;
}

let journal: { entries: { when: number }[] } | undefined;
/** The committed migrations' journal, read once (it changes only with a new build). */
const readJournal = () => (journal ??= JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] });

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

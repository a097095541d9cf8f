/**
 * The database engine a server runs on, whichever it is: its storage (every area's store and the command
 * transaction), its tables for whole-table reads and writes (the demo seed), and its health for /healthz and /readyz.
 * SQLite, the embedded default, is built here; PostgreSQL in pg/engine.ts, loaded only when configured.
 */
import { areMigrationsApplied, isDatabaseReachable, type Database_ } from './client.js';
import { sqliteStorage, type Storage } from './stores/storage.js';
import type { EngineDatabase } from './table-rows.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { autocheckpointPages, WalSyncAhead } from './wal-sync-ahead.js';
import type { Logger } from '../logger.js';

export interface ServerEngine {
  storage: Storage;
  records: EngineDatabase;
  reachable(): Promise<boolean>;
  migrationsApplied(): Promise<boolean>;
  /** Ends the engine's connections (the SQLite handle stays its opener's to close). */
  close(): Promise<void>;
}

/**
 * The SQLite engine on an open database. `checkpoints`: the database's file, whose WAL is then synced ahead of each
 * checkpoint on the thread pool (wal-sync-ahead.ts) so SQLite's own checkpoint runs less often and shorter; with
 * `background`, checkpoints run in a worker thread (wal-checkpointer.ts). Without it SQLite checkpoints inside
 * commits, as it does by default.
 */
export function sqliteEngine(database: Database_, checkpoints?: { file: string; background: boolean; logger?: Logger }): ServerEngine {
  const syncAhead = checkpoints ? new WalSyncAhead(checkpoints.file) : null;
  syncAhead?.start();
  if (syncAhead) database.sqlite.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);
  const checkpointer = checkpoints?.background
    ? new WalCheckpointer(database.sqlite, checkpoints.file, { logger: checkpoints.logger, fallbackPages: autocheckpointPages })
    : null;
  checkpointer?.start();
  return {
    storage: sqliteStorage(database),
    records: { engine: 'sqlite', db: database.db },
    reachable: async () => isDatabaseReachable(database.sqlite),
    migrationsApplied: async () => areMigrationsApplied(database.sqlite),
    close: async () => {
      await checkpointer?.stop();
      await syncAhead?.stop();
    },
  };
}

/**
 * The database engine a server runs on, whichever it is: its storage (every area's store and the command
 * transaction), its tables for whole-table reads and writes (the demo seed), and its health for /healthz and /readyz.
 * SQLite, the embedded default, is built here; PostgreSQL in pg/engine.ts, loaded only when configured.
 */
import { areMigrationsApplied, isDatabaseReachable, type Database_ } from './client.js';
import { sqliteStorage, type Storage } from './stores/storage.js';
import type { EngineDatabase } from './table-rows.js';
import { WalCheckpointer } from './wal-checkpointer.js';
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
 * The SQLite engine on an open database. `checkpoints`: the database's file, whose WAL checkpoints then run in a
 * worker thread (wal-checkpointer.ts); without it SQLite checkpoints inside commits, as it does by default.
 */
export function sqliteEngine(database: Database_, checkpoints?: { file: string; logger?: Logger }): ServerEngine {
  const checkpointer = checkpoints ? new WalCheckpointer(database.sqlite, checkpoints.file, { logger: checkpoints.logger }) : null;
  checkpointer?.start();
  return {
    storage: sqliteStorage(database),
    records: { engine: 'sqlite', db: database.db },
    reachable: async () => isDatabaseReachable(database.sqlite),
    migrationsApplied: async () => areMigrationsApplied(database.sqlite),
    close: async () => {
      await checkpointer?.stop();
    },
  };
}

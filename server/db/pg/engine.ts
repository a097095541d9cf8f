/**
 * The server's PostgreSQL engine (TRIAGE_DATABASE_URL): connected and migrated, its storage, and what /healthz and
 * /readyz ask of it. app.ts imports this module only when PostgreSQL is configured, so a server on the embedded SQLite
 * file never loads node-postgres, the PostgreSQL schema or its stores (less to evaluate at start, less memory).
 */
import { pgStorage } from '../stores/pg-storage.js';
import type { ServerEngine } from '../engine.js';
import { openPgDatabase } from './client.js';
import { arePgMigrationsApplied, isPgReachable } from './health.js';

/** Connects and applies the migrations, so an unreachable or unmigratable database stops the start. */
export async function openPgEngine(url: string): Promise<ServerEngine> {
  const pg = await openPgDatabase(url);
  return {
    storage: pgStorage(pg),
    records: { engine: 'postgres', db: pg.db },
    reachable: () => isPgReachable(pg.pool),
    migrationsApplied: () => arePgMigrationsApplied(pg.pool),
    close: () => pg.close(),
  };
}

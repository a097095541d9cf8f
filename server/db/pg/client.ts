import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase as PgDrizzle } from 'drizzle-orm/pg-core';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { pgMigrationsFolder } from '../../paths.js';
import { pgCall, pgFaultCodeOf } from './faults.js';
import { NulSafeClient } from './nul-keys.js';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** What a store runs its queries on: the pool's database, or a transaction of it (server/db/stores/storage.ts). */
export type PgExecutor = PgDrizzle<NodePgQueryResultHKT, typeof schema>;

export interface PgDatabase {
  db: PgDb;
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint columns (milliseconds, sequence numbers) come back as strings by default; ours stay below 2^53, and the
// schema maps them to numbers, but COUNT(*) and other int8 expressions outside the schema would still be strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Connects a pool to PostgreSQL and applies the committed PostgreSQL migrations (`server/db/migrations-pg`).
 * A database that cannot be reached fails here, at start, rather than on the first write (a PgStorageFault).
 */
export async function openPgDatabase(url: string, options: { max?: number; connectionTimeoutMs?: number } = {}): Promise<PgDatabase> {
  // Every client checks its statements for text holding NUL first (nul-keys.ts).
  const pool = new pg.Pool({ Client: NulSafeClient, connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000 });
  // A client whose connection dies (PostgreSQL restarted, the network cut) emits 'error', on the pool when idle and
  // on itself when checked out (a Drizzle transaction, say): unheard, either would stop the process. The query in
  // flight fails with the fault anyway, and the pool replaces the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { schema });
  safeTransactions(db, pool);
  try {
    await pgCall(() => migrateAlone(pool));
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { db, pool, close: () => pool.end() };
}

/** The session lock migrations run under ("trmg"); distinct from the command lock (stores/storage.ts). */
export const migrationLockKey = 0x7472_6d67;

/**
 * Applies the migrations holding a session-level advisory lock, so processes starting at once against a fresh
 * database take turns: the first applies them, the next finds them applied (Drizzle's migrator alone would run both
 * into each other: CREATE SCHEMA racing, a table created twice). Session-level, not in one transaction, because the
 * migrator opens its own; released after, and with the connection if that dies first.
 */
async function migrateAlone(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: pgMigrationsFolder });
    } finally {
      // On a dead connection the unlock fails too: never in place of the migration's own error. The client is then
      // destroyed below, and the lock goes with its session.
      await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch((err: unknown) => {
        broken ??= err instanceof Error ? err : new Error(String(err));
      });
    }
  } catch (err) {
    broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    // A client that failed here may hold the lock or a broken connection: never back into the pool.
    client.release(broken);
  }
}

/**
 * Drizzle's `transaction` on a pool takes a client and, if BEGIN fails (the connection was cut), never gives it
 * back; and a client whose connection died is given back as if healthy. A few outages and the pool would be empty
 * for good, every later command waiting for a client. So a transaction of the pool's database runs on its own
 * client here (Drizzle's transaction on that client: nested ones are still savepoints), always released, and
 * destroyed rather than reused when its connection failed.
 */
function safeTransactions(db: PgDb, pool: pg.Pool): void {
  const onClient = new WeakMap<pg.PoolClient, PgDb>();
  db.transaction = (async (work, config) => {
    const client = await pool.connect();
    let failed: Error | undefined;
    try {
      let clientDb = onClient.get(client);
      if (!clientDb) onClient.set(client, (clientDb = drizzle(client, { schema }) as unknown as PgDb));
      return await clientDb.transaction(work, config);
    } catch (err) {
      if (pgFaultCodeOf(err) === 'PG_UNAVAILABLE') failed = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.release(failed);
    }
  }) as PgDb['transaction'];
}

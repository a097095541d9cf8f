/**
 * What a test server really stored, read past the server on whichever engine it runs: the same SQL (with `?`
 * placeholders) on the SQLite file or on its PostgreSQL database, and the same shapes back as better-sqlite3 gives
 * (JSON as the text stored, flags as 1/0, milliseconds as numbers), so one assertion holds on both engines.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestServer } from './server.js';

export type StoredRow = Record<string, unknown>;

// PostgreSQL type ids whose values better-sqlite3 would give differently (pg_type.oid).
const jsonOid = 114;
const jsonbOid = 3802;
const boolOid = 16;
const int8Oid = 20;
const sqliteShapes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === jsonOid || oid === jsonbOid) return (value: string) => value;
    if (oid === boolOid) return (value: string) => (value === 't' ? 1 : 0);
    if (oid === int8Oid) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** `?` placeholders as PostgreSQL numbers them ($1, $2, …); a `?` inside a quoted string is left alone. */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|\?/g, (token) => (token === '?' ? `$${++n}` : token));
}

/** Every row the query returns, on the server's engine. */
export async function storedRows(server: Pick<TestServer, 'engine' | 'dbFile' | 'database'>, text: string, ...params: unknown[]): Promise<StoredRow[]> {
  if (server.engine === 'sqlite') {
    const db = new Database(server.dbFile, { readonly: true });
    try {
      return db.prepare(text).all(...params) as StoredRow[];
    } finally {
      db.close();
    }
  }
  return pgQuery(server, text, params);
}

/**
 * Changes rows past the server, on its engine, for a fixture the API cannot make (say, a state only another screen
 * sets). The server holds no copy of them, so it reads the change at its next request.
 */
export async function storedWrite(server: Pick<TestServer, 'engine' | 'dbFile' | 'database'>, text: string, ...params: unknown[]): Promise<void> {
  if (server.engine === 'sqlite') {
    const db = new Database(server.dbFile);
    try {
      db.prepare(text).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  await pgQuery(server, text, params);
}

/**
 * One small pool per test database: a property test reads after every run, and a connection each time would cost more
 * than the request under test. Idle connections close themselves within a second, so a database can be dropped (its
 * drop forces any left) and the worker exits.
 */
const pools = new Map<string, pg.Pool>();
function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, types: sqliteShapes, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    // A connection ended by the database's drop: nothing to do, the next query opens another.
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

async function pgQuery(server: Pick<TestServer, 'database'>, text: string, params: unknown[]): Promise<StoredRow[]> {
  return (await poolFor(server.database!.url).query<StoredRow>(numberedPlaceholders(text), params)).rows;
}

/** The first row the query returns (undefined if none), on the server's engine. */
export async function storedRow(server: Pick<TestServer, 'engine' | 'dbFile' | 'database'>, text: string, ...params: unknown[]): Promise<StoredRow | undefined> {
  return (await storedRows(server, text, ...params))[0];
}

/**
 * Whole tables moved from one database to another: read every row of a (scratch) SQLite database, write them into
 * either engine in one transaction. The demo seed builds its rows once on an in-memory SQLite database, with the real
 * services, then writes them here, so the SQLite file and PostgreSQL get the same rows, byte for byte.
 *
 * Both schemas have the same tables and column (property) names (test/unit/schema-parity.test.ts), and each maps
 * the values the same way (milliseconds as numbers, JSON as written, blobs as Buffers, flags as booleans), so a row
 * read through the SQLite schema is written through the PostgreSQL one unchanged.
 */
import { count, inArray, sql } from 'drizzle-orm';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.js';
import type { PgDb } from './pg/client.js';
import * as sqliteSchema from './schema.js';

/** One open database of either engine (the caller opened it, migrated, and closes it). */
export type EngineDatabase = { engine: 'sqlite'; db: Db } | { engine: 'postgres'; db: PgDb };

export type Row = Record<string, unknown>;
/** Tables in an order that satisfies their foreign keys, each with its rows in insertion order. */
export type TableRows = { table: string; rows: Row[] }[];

// Built on first use (a demo seed, a whole-table read), not while every server starts: reading each table's config
// is a few milliseconds of drizzle.
let tableMap: Map<string, SQLiteTable> | undefined;
const sqliteTables = (): Map<string, SQLiteTable> => {
  if (!tableMap) {
    tableMap = new Map();
    for (const value of Object.values(sqliteSchema)) if (value instanceof SQLiteTable) tableMap.set(sqliteTableConfig(value).name, value);
  }
  return tableMap;
};
// The PostgreSQL half (its schema, node-postgres) is loaded only when a PostgreSQL database is used.
const pgRows = () => import('./table-rows-pg.js');

let dependencyOrder: string[] | undefined;
/** Every table name, each after the tables its foreign keys point at (a table's references to itself aside). */
export function tablesInDependencyOrder(): string[] {
  if (dependencyOrder) return dependencyOrder;
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (order.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const fk of sqliteTableConfig(sqliteTables().get(name)!).foreignKeys) {
      const target = sqliteTableConfig(fk.reference().foreignTable).name;
      if (target !== name) visit(target);
    }
    order.push(name);
  };
  for (const name of [...sqliteTables().keys()].sort()) visit(name);
  dependencyOrder = order;
  return order;
}

export function table<T>(tables: Map<string, T>, name: string): T {
  const found = tables.get(name);
  if (!found) throw new Error(`no table ${name} in the schema`);
  return found;
}

/** Every row of every table of a SQLite database (rowid order: the order they were written, so self-references hold). */
export function readAllRows(db: Db): TableRows {
  return tablesInDependencyOrder().map((name) => ({
    table: name,
    rows: db.select().from(table(sqliteTables(), name)).orderBy(sql`rowid`).all() as Row[],
  }));
}

/** Rows per statement: well under both engines' limit on bound parameters (SQLite 32,766; PostgreSQL 65,535). */
export const chunksOf = (rows: Row[]): Row[][] => {
  const columns = Math.max(1, Object.keys(rows[0] ?? {}).length);
  const size = Math.max(1, Math.floor(20_000 / columns));
  const chunks: Row[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
};

/**
 * Writes `rows` in one transaction, only if `guardTable` is still empty when it starts (two servers starting at once
 * on one PostgreSQL database: the second waits on the command lock, then finds the rows there and writes nothing).
 * Returns whether it wrote them.
 */
export async function writeRowsIfEmpty(target: EngineDatabase, rows: TableRows, guardTable: string): Promise<boolean> {
  if (target.engine === 'sqlite') {
    return target.db.transaction((tx) => {
      if (tx.select({ n: count() }).from(table(sqliteTables(), guardTable)).get()!.n > 0) return false;
      for (const { table: name, rows: tableRows } of rows) {
        for (const chunk of chunksOf(tableRows)) tx.insert(table(sqliteTables(), name)).values(chunk as never).run();
      }
      return true;
    }, { behavior: 'immediate' });
  }
  return (await pgRows()).pgWriteRowsIfEmpty(target.db, rows, guardTable);
}

/** Whether a table has any row. */
export async function hasRows(target: EngineDatabase, name: string): Promise<boolean> {
  if (target.engine === 'sqlite') return target.db.select({ n: count() }).from(table(sqliteTables(), name)).get()!.n > 0;
  return (await pgRows()).pgHasRows(target.db, name);
}

/** Whether anyone has one of these email addresses. */
export async function anyPersonWithEmail(target: EngineDatabase, emails: string[]): Promise<boolean> {
  if (target.engine === 'sqlite') {
    const { people } = sqliteSchema;
    return target.db.select({ id: people.id }).from(people).where(inArray(people.email, emails)).limit(1).get() !== undefined;
  }
  return (await pgRows()).pgAnyPersonWithEmail(target.db, emails);
}

/** Every row of a table as stored, by property name (order unspecified: tests compare two engines with it). */
export async function storedRows(target: EngineDatabase, name: string): Promise<Row[]> {
  if (target.engine === 'sqlite') return target.db.select().from(table(sqliteTables(), name)).all() as Row[];
  return (await pgRows()).pgStoredRows(target.db, name);
}

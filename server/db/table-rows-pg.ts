/**
 * table-rows.ts's PostgreSQL half, in its own module so that a server on SQLite never loads the PostgreSQL schema or
 * node-postgres (table-rows.ts imports this only when it is handed a PostgreSQL database).
 */
import { count, inArray, sql } from 'drizzle-orm';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { PgDb } from './pg/client.js';
import { pgCall } from './pg/faults.js';
import * as pgSchema from './pg/schema.js';
import { commandLockKey } from './stores/storage.js';
import { chunksOf, table, type Row, type TableRows } from './table-rows.js';

const pgTables = new Map<string, PgTable>();
for (const value of Object.values(pgSchema)) if (value instanceof PgTable) pgTables.set(pgTableConfig(value).name, value);

/** writeRowsIfEmpty on PostgreSQL: under the command lock, so two servers starting at once write the rows once. */
export function pgWriteRowsIfEmpty(db: PgDb, rows: TableRows, guardTable: string): Promise<boolean> {
  return pgCall(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${commandLockKey})`);
      const [{ n }] = await tx.select({ n: count() }).from(table(pgTables, guardTable));
      if (n > 0) return false;
      for (const { table: name, rows: tableRows } of rows) {
        const pgTable = table(pgTables, name);
        for (const chunk of chunksOf(tableRows)) await tx.insert(pgTable).values(chunk as never);
        // Rows came with their ids: move each id sequence past them, or the next insert would reuse one.
        for (const column of pgTableConfig(pgTable).columns) {
          if (column.columnType !== 'PgBigSerial53' || tableRows.length === 0) continue;
          await tx.execute(
            sql`select setval(pg_get_serial_sequence(${name}, ${column.name}), (select max(${sql.identifier(column.name)}) from ${sql.identifier(name)}))`,
          );
        }
      }
      return true;
    }),
  );
}

export async function pgHasRows(db: PgDb, name: string): Promise<boolean> {
  const [{ n }] = await pgCall(() => db.select({ n: count() }).from(table(pgTables, name)));
  return n > 0;
}

export async function pgAnyPersonWithEmail(db: PgDb, emails: string[]): Promise<boolean> {
  const { people } = pgSchema;
  return (await pgCall(() => db.select({ id: people.id }).from(people).where(inArray(people.email, emails)).limit(1))).length > 0;
}

export async function pgStoredRows(db: PgDb, name: string): Promise<Row[]> {
  return (await pgCall(() => db.select().from(table(pgTables, name)))) as Row[];
}

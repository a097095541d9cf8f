import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../server/db/pg/client.js';
import * as pgSchema from '../../server/db/pg/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';

/** The committed PostgreSQL migrations build exactly the tables and columns the pg schema declares, and rerun cleanly. */
describe('PostgreSQL migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('create every table and column of server/db/pg/schema, and a second start applies nothing twice', async () => {
    const first = await openPgDatabase(database.url);
    await first.close();
    const second = await openPgDatabase(database.url);
    const { rows } = await second.pool.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' order by 1, 2",
    );
    const applied = await second.pool.query<{ n: number }>('select count(*) as n from drizzle.__drizzle_migrations');
    await second.close();
    const actual = new Map<string, string[]>();
    for (const r of rows) actual.set(r.table_name, [...(actual.get(r.table_name) ?? []), r.column_name]);
    const declared = new Map<string, string[]>();
    for (const table of Object.values(pgSchema)) {
      if (!(table instanceof PgTable)) continue;
      const config = getTableConfig(table);
      declared.set(config.name, config.columns.map((c) => c.name).sort());
    }
    expect(new Map([...actual].sort())).toEqual(new Map([...declared].sort()));
    expect(applied.rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

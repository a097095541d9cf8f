import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../server/db/pg/schema.js';
import * as sqliteSchema from '../../server/db/schema.js';

/**
 * The two schemas must describe the same tables: a column added to SQLite (server/db/schema/) and not to PostgreSQL
 * (server/db/pg/schema/), or the other way round, fails here, naming it.
 */
type Shape = Record<string, { columns: Record<string, string>; primaryKey: string[]; indexes: string[]; foreignKeys: string[] }>;

// What a value looks like to the repositories: both engines must hand back the same kind for each column.
const kind = (dataType: string, columnType: string): string => (columnType === 'PgCustomColumn' ? 'buffer' : dataType.split(' ')[0]);

function shapeOf(tables: Record<string, unknown>, engine: 'sqlite' | 'pg'): Shape {
  const shape: Shape = {};
  for (const value of Object.values(tables)) {
    if (engine === 'sqlite' ? !(value instanceof SQLiteTable) : !(value instanceof PgTable)) continue;
    const config = engine === 'sqlite' ? sqliteConfig(value as SQLiteTable) : pgConfig(value as PgTable);
    const columns: Record<string, string> = {};
    const primaryKey = config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name));
    for (const c of config.columns) {
      const enumValues = 'enumValues' in c && Array.isArray(c.enumValues) ? `[${c.enumValues.join('|')}]` : '';
      columns[c.name] = `${kind(c.dataType, c.columnType)}${enumValues}${c.notNull ? ' not null' : ''}${c.hasDefault ? ' default' : ''}${c.isUnique ? ' unique' : ''}`;
      if (c.primary) primaryKey.push(c.name);
    }
    shape[config.name] = {
      columns,
      primaryKey: primaryKey.sort(),
      indexes: config.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}(${i.config.columns.map((c) => ('name' in c ? c.name : '?')).join(',')})`).sort(),
      foreignKeys: config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        const target = engine === 'sqlite' ? sqliteConfig(ref.foreignTable as SQLiteTable).name : pgConfig(ref.foreignTable as PgTable).name;
        return `${ref.columns.map((c) => c.name).join(',')}->${target}(${ref.foreignColumns.map((c) => c.name).join(',')})`;
      }).sort(),
    };
  }
  return shape;
}

describe('SQLite and PostgreSQL schemas', () => {
  const sqlite = shapeOf(sqliteSchema, 'sqlite');
  const postgres = shapeOf(pgSchema, 'pg');

  it('have the same tables', () => {
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
    expect(Object.keys(sqlite).length).toBeGreaterThanOrEqual(30);
  });

  it('keeps every millisecond time in a PostgreSQL bigint (a 32-bit integer cannot hold one)', () => {
    const narrow: string[] = [];
    for (const value of Object.values(pgSchema)) {
      if (!(value instanceof PgTable)) continue;
      const config = pgConfig(value);
      for (const c of config.columns) if (/(^at|_at|_until)$/.test(c.name) && c.dataType.startsWith('number') && c.columnType !== 'PgBigInt53') narrow.push(`${config.name}.${c.name}`);
    }
    expect(narrow).toEqual([]);
  });

  it.each(Object.keys(sqlite).sort())('%s has the same columns, keys and indexes on both engines', (table) => {
    expect(postgres[table], `table ${table} is missing from server/db/pg/schema/`).toBeDefined();
    expect(postgres[table]).toEqual(sqlite[table]);
  });
});

/**
 * The demo seed on both engines: built once, written into a SQLite file and a PostgreSQL database, each holds the
 * same rows, value for value (timestamps, JSON, Yjs blobs, flags), as the rows built; a second seed writes nothing;
 * two servers seeding one PostgreSQL database at once seed it once; ids written with the rows leave the id
 * sequences past them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { openPgDatabase, type PgDatabase } from '../../server/db/pg/client.js';
import { storedRows, tablesInDependencyOrder, writeRowsIfEmpty, type EngineDatabase, type Row, type TableRows } from '../../server/db/table-rows.js';
import { createLogger } from '../../server/logger.js';
import { buildDemoRows, holdsDemoData, seedDemoIfEmpty } from '../../server/seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';

const at = new Date(Date.UTC(2026, 10, 24, 9, 30));
const silent = createLogger('silent');
/** A row as JSON with its keys sorted (Buffers become their bytes), so rows compare whatever order they came in. */
const canonical = (row: Row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));
const sortedRows = (rows: Row[]) => rows.map(canonical).sort();

describe('the demo seed on SQLite and PostgreSQL', () => {
  let dir: string;
  let sqlite: Database_;
  let pgDatabase: TestDatabase;
  let pg: PgDatabase;
  let built: TableRows;
  let targets: EngineDatabase[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-seed-'));
    sqlite = openDatabase(path.join(dir, 'triage.db'));
    pgDatabase = await createTestDatabase();
    pg = await openPgDatabase(pgDatabase.url);
    built = await buildDemoRows(at);
    targets = [
      { engine: 'sqlite', db: sqlite.db },
      { engine: 'postgres', db: pg.db },
    ];
    for (const target of targets) expect(await writeRowsIfEmpty(target, built, 'agencies')).toBe(true);
  });
  afterAll(async () => {
    sqlite.close();
    await pg.close();
    await pgDatabase.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds rows for every table the demo uses, in an order whose foreign keys hold', () => {
    expect(built.map((t) => t.table)).toEqual(tablesInDependencyOrder());
    const filled = built.filter((t) => t.rows.length > 0).map((t) => t.table);
    for (const table of ['agencies', 'people', 'series', 'series_members', 'meetings', 'meeting_documents', 'minutes_versions', 'minutes_decisions', 'cases', 'referrals', 'case_research', 'actions']) {
      expect(filled).toContain(table);
    }
  });

  it('stores the same rows on both engines, equal to the rows built', async () => {
    for (const { table, rows } of built) {
      const [onSqlite, onPg] = await Promise.all(targets.map((t) => storedRows(t, table)));
      expect({ table, rows: sortedRows(onSqlite) }).toEqual({ table, rows: sortedRows(rows) });
      expect({ table, rows: sortedRows(onPg) }).toEqual({ table, rows: sortedRows(rows) });
    }
  });

  it('says the demo is there on both, and a second seed writes nothing', async () => {
    for (const target of targets) {
      expect(await holdsDemoData(target)).toBe(true);
      expect(await seedDemoIfEmpty(target, silent, at)).toBe(false);
    }
    const people = await storedRows(targets[1], 'people');
    expect(people).toHaveLength(built.find((t) => t.table === 'people')!.rows.length);
  });

  it('moves PostgreSQL id sequences past the seeded ids, so the next row stored gets a new id', async () => {
    for (const [table, column] of [['minutes_decisions', 'id'], ['minutes_attendance', 'id']]) {
      const seeded = built.find((t) => t.table === table)!.rows.map((r) => Number(r[column]));
      expect(seeded.length).toBeGreaterThan(0);
      const { rows } = await pg.pool.query<{ next: number }>(`select nextval(pg_get_serial_sequence($1, $2))::int as next`, [table, column]);
      expect({ table, next: rows[0].next }).toEqual({ table, next: Math.max(...seeded) + 1 });
    }
  });
});

describe('seeding an empty PostgreSQL database from two servers at once', () => {
  let database: TestDatabase;
  const pools: PgDatabase[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const pool of pools) await pool.close();
    await database.drop();
  });

  it('seeds it once: one wins, the other finds the demo there and writes nothing', async () => {
    pools.push(await openPgDatabase(database.url), await openPgDatabase(database.url));
    const results = await Promise.all(pools.map((p) => seedDemoIfEmpty({ engine: 'postgres', db: p.db }, silent, at)));
    expect(results.sort()).toEqual([false, true]);
    const target: EngineDatabase = { engine: 'postgres', db: pools[0].db };
    const built = await buildDemoRows(at);
    expect((await storedRows(target, 'agencies')).length).toBe(built.find((t) => t.table === 'agencies')!.rows.length);
    expect(await holdsDemoData(target)).toBe(true);
  });
});

/**
 * The two storage engines a contract suite runs on: a fresh SQLite file and a fresh PostgreSQL database (in the
 * run's throwaway cluster), each migrated, each with the engine-neutral stores over it and a way to put fixture rows
 * in any table. A contract test file `describe.each(contractEngines)` and asserts the same behaviour of both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getTableConfig as pgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { openDatabase } from '../../server/db/client.js';
import { openPgDatabase, type PgDatabase } from '../../server/db/pg/client.js';
import * as pgSchema from '../../server/db/pg/schema.js';
import * as sqliteSchema from '../../server/db/schema.js';
import { sqliteStores, type Stores } from '../../server/db/stores/index.js';
import { pgStorage, pgStores } from '../../server/db/stores/pg-storage.js';
import { sqliteStorage, type Storage } from '../../server/db/stores/storage.js';
import type { EngineDatabase } from '../../server/db/table-rows.js';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from '../support/engines.js';
import { startPgProxy, type PgProxy } from '../support/pg-proxy.js';

export type Row = Record<string, unknown>;

export interface EngineUnderTest extends Stores {
  /** The same database as the server's Storage: its stores and its command transactions. */
  storage: Storage;
  /** The database itself, for what writes whole tables (the demo seed). */
  database: EngineDatabase;
  /** Inserts fixture rows into a table named as in SQL (`meetings`), with the schema's property names. */
  insert(table: string, rows: Row[]): Promise<void>;
  /** Counts rows of a table matching `column = value` (what is really stored, read past the stores). */
  count(table: string, column: string, value: string): Promise<number>;
  /** The stored rows of a table matching `column = value`, as SQL names them (snake_case). */
  rows(table: string, column: string, value: string): Promise<Row[]>;
  close(): Promise<void>;
}

export interface ContractEngine {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<EngineUnderTest>;
}

function tablesByName<T>(schema: Record<string, unknown>, is: (v: unknown) => v is T, nameOf: (t: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const value of Object.values(schema)) if (is(value)) map.set(nameOf(value), value);
  return map;
}
const sqliteTables = tablesByName(sqliteSchema, (v): v is SQLiteTable => v instanceof SQLiteTable, (t) => sqliteTableConfig(t).name);
const pgTables = tablesByName(pgSchema, (v): v is PgTable => v instanceof PgTable, (t) => pgTableConfig(t).name);
function tableNamed<T>(tables: Map<string, T>, name: string): T {
  const table = tables.get(name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
}
const identifier = (name: string) => {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return name;
};

const sqliteEngine: ContractEngine = {
  name: 'SQLite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-contract-'));
    const database = openDatabase(path.join(dir, 'triage.db'));
    const { db, sqlite } = database;
    return {
      ...sqliteStores(database),
      storage: sqliteStorage(database),
      database: { engine: 'sqlite', db },
      async insert(table, rows) {
        db.insert(tableNamed(sqliteTables, table)).values(rows as never).run();
      },
      async count(table, column, value) {
        return (sqlite.prepare(`select count(*) as n from ${identifier(table)} where ${identifier(column)} = ?`).get(value) as { n: number }).n;
      },
      async rows(table, column, value) {
        return sqlite.prepare(`select * from ${identifier(table)} where ${identifier(column)} = ?`).all(value) as Row[];
      },
      async close() {
        database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** The engine over an existing PostgreSQL database (migrated here); `close` ends its pool and leaves the database. */
export async function pgEngineAt(url: string): Promise<EngineUnderTest> {
  const { db, pool, close } = await openPgDatabase(url);
  return {
    ...pgStores({ db, pool }),
    storage: pgStorage({ db, pool }),
    database: { engine: 'postgres', db },
    async insert(table, rows) {
      await db.insert(tableNamed(pgTables, table)).values(rows as never);
    },
    async count(table, column, value) {
      const { rows } = await pool.query<{ n: number }>(`select count(*) as n from ${identifier(table)} where ${identifier(column)} = $1`, [value]);
      return rows[0].n;
    },
    async rows(table, column, value) {
      return (await pool.query<Row>(`select * from ${identifier(table)} where ${identifier(column)} = $1`, [value])).rows;
    },
    close,
  };
}

const postgresEngine: ContractEngine = {
  name: 'PostgreSQL',
  async open() {
    const database = await createTestDatabase();
    const engine = await pgEngineAt(database.url);
    return {
      ...engine,
      async close() {
        await engine.close();
        await database.drop();
      },
    };
  },
};

export const contractEngines: ContractEngine[] = [sqliteEngine, postgresEngine];

/**
 * Opens `engine` before the enclosing block's tests and closes it after them. The object returned is filled in when
 * the block starts, so the tests use it as they would a variable their own `beforeAll` had set.
 */
export function openForBlock(engine: ContractEngine): EngineUnderTest {
  const db = {} as EngineUnderTest;
  beforeAll(async () => {
    Object.assign(db, await engine.open());
  });
  afterAll(() => db.close?.());
  return db;
}

/** A fresh PostgreSQL database that a test can take away from the code under test, and its handles. */
export interface CuttablePostgres {
  /** Straight to the database, never cut: to seed rows and to read what was really stored. */
  direct: EngineUnderTest;
  /** Between `throughProxy` and the database: cuts connections on demand (test/support/pg-proxy.ts). */
  proxy: PgProxy;
  /** The code under test's connection pool, through the proxy. */
  throughProxy: PgDatabase;
  /** The server's storage over `throughProxy`. */
  storage: Storage;
  /** Closes both pools and the proxy, and drops the database. */
  close(): Promise<void>;
}

export async function openCuttablePostgres(poolOptions: { max?: number; connectionTimeoutMs?: number }): Promise<CuttablePostgres> {
  const database = await createTestDatabase();
  const direct = await pgEngineAt(database.url);
  const proxy = await startPgProxy(database.url);
  const throughProxy = await openPgDatabase(proxy.url, poolOptions);
  return {
    direct,
    proxy,
    throughProxy,
    storage: pgStorage(throughProxy),
    async close() {
      await throughProxy.close();
      await direct.close();
      await proxy.close();
      await database.drop();
    },
  };
}

let counter = 0;
/** A unique id for fixture rows, readable in a failure message. */
export const fixtureId = (kind: string) => `${kind}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Agencies and people whose names order differently bytewise (capitals, then lower case, then accents) than by a
 * locale: "Police", "advocacy service", "Éarly Help", and one person in each. Both engines must list them alike.
 */
export const bytewiseAgencies = (at: number) => [
  { id: 'ag-police', name: 'Police', shortName: 'P', createdAt: at },
  { id: 'ag-advocacy', name: 'advocacy service', shortName: 'A', createdAt: at },
  { id: 'ag-eh', name: 'Éarly Help', shortName: 'E', createdAt: at },
];
export const bytewisePeople = (at: number) => [
  personRow('p-zoe', 'Zoe Brenner', 'ag-police', at),
  personRow('p-adam', 'adam Dale', 'ag-advocacy', at),
  personRow('p-emile', 'Émile Oduya', 'ag-eh', at),
];

/** A person fixture row: a member with an email made from the id, unless `extra` says otherwise. */
export const personRow = (id: string, name: string, agencyId: string, at: number, extra: Row = {}) => ({
  id,
  agencyId,
  name,
  email: `${id}@example.test`,
  role: 'member',
  createdAt: at,
  ...extra,
});

/** An action fixture row of a meeting: open, undated, unowned, on item 1, unless `over` says otherwise. */
export const actionRow = (at: number, over: Row & { seriesId: string; meetingId: string }): Row & { id: string } => ({
  id: fixtureId('action'),
  itemId: 'item-1',
  position: 0,
  caseRef: null,
  what: 'Share the safety plan',
  ownerPersonId: null,
  ownerAgencyId: null,
  due: null,
  status: 'open',
  createdAt: at,
  updatedAt: at,
  ...over,
});

/** A meeting as the stores read it back: scheduled, nothing of its life (chair, opening, agreement) set unless `over` says. */
export const storedMeeting = (over: Row & { id: string; seriesId: string; title: string; scheduledAt: number; venue: string; createdAt: number }) => ({
  status: 'scheduled',
  chairId: null,
  minuteTakerId: null,
  endedAt: null,
  openedAt: null,
  cancelledAt: null,
  cancelReason: null,
  cancelledBy: null,
  sequence: 0,
  minutesAgreedAt: null,
  minutesAgreedBy: null,
  minutesAgreedIn: null,
  minutesAgreedVersion: null,
  ...over,
});

/** A series with `count` meetings in it; returns the meeting ids. */
export async function seedMeetings(engine: EngineUnderTest, count: number, at = Date.UTC(2026, 10, 24, 10)): Promise<{ seriesId: string; meetingIds: string[] }> {
  const seriesId = fixtureId('series');
  await engine.insert('series', [{ id: seriesId, name: 'Contract series', createdAt: at }]);
  const meetingIds = Array.from({ length: count }, () => fixtureId('meeting'));
  await engine.insert(
    'meetings',
    meetingIds.map((id, i) => ({ id, seriesId, title: `Meeting ${i + 1}`, scheduledAt: at + i * 7 * 86_400_000, createdAt: at })),
  );
  return { seriesId, meetingIds };
}

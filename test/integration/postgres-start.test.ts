/**
 * Starting on PostgreSQL (issue 17): the server connects, migrates and seeds a fresh PostgreSQL database, serves the
 * demo from it, keeps nothing in a SQLite file, says on /readyz whether PostgreSQL answers and is fully migrated, and
 * closes its pool on shutdown. `npm run backup` on PostgreSQL refuses and names pg_dump.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTriageServer } from '../../server/app.js';
import { areasNotOnPostgres } from '../../server/db/stores/postgres-coverage.js';
import { createLogger } from '../../server/logger.js';
import { demoPeople } from '../../server/seed/demo-data.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { startPgProxy, type PgProxy } from '../support/pg-proxy.js';
import { rootDir } from '../support/process.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { storedRow, storedRows } from '../support/stored.js';

const run = promisify(execFile);

/** What PostgreSQL itself holds, read past the server. */
async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
const connectionsTo = async (database: TestDatabase) =>
  (await query<{ n: number }>(database.url.replace(`/${database.name}`, '/postgres'), 'select count(*)::int as n from pg_stat_activity where datname = $1', [database.name]))[0].n;

describe('a server on PostgreSQL', () => {
  let server: TestServer | undefined;
  let proxy: PgProxy | undefined;
  let spare: TestDatabase | undefined;
  afterEach(async () => {
    await server?.cleanup();
    await proxy?.close();
    await spare?.drop();
    server = proxy = spare = undefined;
  });

  it('seeds and serves the demo from PostgreSQL, is ready, and closes its connections when it stops', async () => {
    server = await startTestServer({ engine: 'postgres' });
    const database = server.database!;
    expect(server.server.storage.engine).toBe('postgres');
    const ready = await fetch(`${server.url}/readyz`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { ready: true, database: true, migrations: true, draining: false } });
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true, database: 'reachable' });
    // The demo's people are in PostgreSQL, and the pages say "Demo data".
    const stored = await query<{ email: string }>(database.url, 'select email from people order by email');
    expect(stored.map((r) => r.email)).toEqual(demoPeople.map((p) => p.email).sort());
    expect(await (await fetch(`${server.url}/api/config`)).json()).toEqual({ demo: true });
    const cookie = await signIn(server.url, demoUsers.coordinator);
    // The action tracker (an area on the Storage) reads PostgreSQL's actions and writes its audit row there.
    const tracker = (await (await fetch(`${server.url}/api/series/series-repeat-removals/actions?state=all`, withCookie(cookie))).json()) as { actions: { what: string }[] };
    const actions = await query<{ what: string }>(database.url, 'select what from actions');
    expect(tracker.actions.map((a) => a.what).sort()).toEqual(actions.map((a) => a.what).sort());
    expect(actions.length).toBeGreaterThan(0);
    expect(await query(database.url, "select target_id from audit_log where action = 'actions.tracker.view'")).toEqual([{ target_id: 'series-repeat-removals' }]);
    expect(await connectionsTo(database)).toBeGreaterThan(0);
    await server.stop();
    expect(await connectionsTo(database)).toBe(0);
  });

  it('starts again on the same database without seeding twice', async () => {
    const first = await startTestServer({ engine: 'postgres' });
    await first.stop();
    const before = await query<{ n: number }>(first.database!.url, 'select count(*)::int as n from agencies');
    server = await startTestServer({ database: first.database!, dir: first.dir });
    expect(server.server.demo).toBe(true);
    expect(await query<{ n: number }>(server.database!.url, 'select count(*)::int as n from agencies')).toEqual(before);
  });

  it('is not ready while PostgreSQL is unreachable (alive all the same), and ready again once it answers', async () => {
    spare = await createTestDatabase();
    proxy = await startPgProxy(spare.url);
    server = await startTestServer({ config: { databaseUrl: proxy.url } });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    proxy.cut();
    const down = await fetch(`${server.url}/readyz`);
    expect({ status: down.status, body: await down.json() }).toEqual({ status: 503, body: { ready: false, database: false, migrations: false, draining: false } });
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true, database: 'unreachable' });
    proxy.open();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('is not ready when a committed PostgreSQL migration is missing from the database', async () => {
    server = await startTestServer({ engine: 'postgres' });
    await query(server.database!.url, 'delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)');
    const res = await fetch(`${server.url}/readyz`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 503, body: { ready: false, database: true, migrations: false, draining: false } });
  });

  it('fails to start, saying why, when PostgreSQL cannot be reached', async () => {
    spare = await createTestDatabase();
    proxy = await startPgProxy(spare.url);
    proxy.cut();
    await expect(startTestServer({ config: { databaseUrl: proxy.url } })).rejects.toThrow(/^PostgreSQL: /);
  });

  it('keeps nothing in SQLite when configured for PostgreSQL: no file is created, the demo and records are in PostgreSQL', async () => {
    expect(areasNotOnPostgres()).toEqual([]);
    spare = await createTestDatabase();
    const dbFile = `${tempDir()}/triage.db`;
    const config = { port: 0, host: '127.0.0.1', dbFile, logLevel: 'silent' as const, seedDemo: true, dev: false, production: false, smtpUrl: null, mailFrom: 'x <x@triage.invalid>', publicUrl: null, databaseUrl: spare.url };
    const started = await createTriageServer(config, createLogger('silent'));
    try {
      expect(started.storage.engine).toBe('postgres');
      expect(started.demo).toBe(true);
      expect(await query<{ n: number }>(spare.url, 'select count(*)::int as n from people')).toEqual([{ n: demoPeople.length }]);
      expect(fs.existsSync(dbFile)).toBe(false);
    } finally {
      await started.close();
    }
  });

  it('tests read what either engine stored with the same SQL and get the same shapes back (JSON text, 1/0 flags, numbers)', async () => {
    server = await startTestServer({ engine: 'postgres' });
    const onSqlite = await startTestServer({ engine: 'sqlite' });
    try {
      const text = "select id, fields, urgent, repeat from referrals where series_id = ? and state <> 'it''s ?' order by id";
      const [pgRows, sqliteRows] = await Promise.all([server, onSqlite].map((s) => storedRows(s, text, 'series-repeat-removals')));
      expect(pgRows.length).toBeGreaterThan(0);
      expect(pgRows).toEqual(sqliteRows);
      expect(typeof pgRows[0].fields).toBe('string');
      expect(new Set(pgRows.map((r) => r.urgent))).toEqual(new Set([0, 1]));
      expect(await storedRow(server, 'select count(*) n from people')).toEqual(await storedRow(onSqlite, 'select count(*) n from people'));
    } finally {
      await onSqlite.cleanup();
    }
  });

  it('npm run backup refuses on PostgreSQL and names pg_dump, copying nothing', async () => {
    const target = `${tempDir()}/copy.db`;
    const attempt = run(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', target], {
      cwd: rootDir,
      env: { ...process.env, TRIAGE_DATABASE_URL: 'postgres://triage:secret@db.example.test:5432/triage' },
    });
    const failed = (await attempt.then(() => null, (err: { code: number; stderr: string }) => err))!;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^triage-room backup: TRIAGE_DATABASE_URL is set: the records are in PostgreSQL, which this command does not copy\. Take an online backup with pg_dump/);
    expect(failed.stderr).not.toContain('secret');
    expect(fs.existsSync(target)).toBe(false);
  });
});

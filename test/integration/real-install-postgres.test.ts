/**
 * A real install on PostgreSQL, the way an operator does it: an empty database, the first administrator from
 * `npm run admin -- create` (which migrates it), then the compiled production server on it, signing that
 * administrator in, no demo, no SQLite file, no password (the admin's or the URL's) in anything printed; SIGTERM
 * exits cleanly and leaves no connection open.
 */
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { areasNotOnPostgres } from '../../server/db/stores/postgres-coverage.js';
import { demoPassword } from '../../server/seed/demo-data.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { processHarness, runAdminCommand } from '../support/process.js';
import { signIn, withCookie } from '../support/session.js';

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('starting for real on PostgreSQL', () => {
  const processes = processHarness();
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });
  /** The database's URL with a password in it (the test cluster trusts local connections, so any will do). */
  const secret = 'not-a-real-secret-7f3a';
  const urlOf = (db: TestDatabase) => {
    const url = new URL(db.url);
    url.password = secret;
    return url.toString();
  };

  it(
    'creates the first administrator in PostgreSQL; a production start on it seeds no demo, that admin signs in, SIGTERM leaves no connection',
    async () => {
      database = await createTestDatabase();
      const dir = processes.dir();
      const env = { TRIAGE_DATABASE_URL: urlOf(database), TRIAGE_DB_FILE: path.join(dir, 'triage.db') };
      const made = await runAdminCommand(['create', '--email', 'Head.Admin@Council.example', '--name', 'Harper Head', '--agency', 'Borough Council'], env);
      const server = processes.start({ ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production' }, { compiled: true });

      expect(areasNotOnPostgres()).toEqual([]);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      const password = /Password \(shown once[^\n]*\n\s+(\S+)/.exec(made.stdout)?.[1];
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(made.stdout).toContain(`in PostgreSQL at 127.0.0.1:${new URL(database.url).port}/${database.name}`);
      const url = await server.ready;
      expect(server.output()).toContain(`Database:     PostgreSQL at 127.0.0.1:${new URL(database.url).port}/${database.name}`);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const cookie = await signIn(url, 'head.admin@council.example', password!);
      const session = (await (await fetch(`${url}/api/session`, withCookie(cookie))).json()) as { user: { role: string; agency: { name: string } } };
      expect(session.user).toMatchObject({ role: 'admin', agency: { name: 'Borough Council' } });
      expect(await (await fetch(`${url}/api/config`)).json()).toEqual({ demo: false });
      expect(await query(database.url, 'select email, role from people')).toEqual([{ email: 'head.admin@council.example', role: 'admin' }]);
      for (const printed of [made.stdout + made.stderr, server.output()]) {
        expect(printed).not.toContain(secret);
        expect(printed).not.toContain(demoPassword);
      }
      expect(server.output()).not.toContain(password!);
      // Every record is in PostgreSQL: neither command made a SQLite file.
      expect(fs.existsSync(env.TRIAGE_DB_FILE)).toBe(false);
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect((await query<{ n: number }>(database.url.replace(`/${database.name}`, '/postgres'), 'select count(*)::int as n from pg_stat_activity where datname = $1', [database.name]))[0].n).toBe(0);
    },
  );
});

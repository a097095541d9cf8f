/**
 * Processes starting at once on a fresh PostgreSQL database (a deployment's replicas coming up together): the
 * migrations run under a session advisory lock (server/db/pg/client.ts), so the processes take turns rather than run
 * them into each other. Two real server processes, started in the same moment, each round on a new empty database.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { pgMigrationsFolder } from '../../server/paths.js';
import { createTestDatabase } from '../support/engines.js';
import { processHarness } from '../support/process.js';

const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

async function appliedMigrations(url: string): Promise<{ hash: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by id')).rows;
  } finally {
    await client.end();
  }
}

describe('processes starting at once on an empty PostgreSQL database', () => {
  const processes = processHarness();

  it('both start and are ready, and every migration is applied exactly once', async () => {
    for (let round = 0; round < 3; round++) {
      const database = await createTestDatabase();
      try {
        const env = { PORT: '0', HOST: '127.0.0.1', TRIAGE_DATABASE_URL: database.url, TRIAGE_SEED_DEMO: 'false' };
        const both = [processes.start(env), processes.start(env)];
        const urls = await Promise.all(both.map((p) => p.ready));
        for (const url of urls) {
          const res = await fetch(`${url}/readyz`);
          expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { ready: true, database: true, migrations: true, draining: false } });
        }
        const applied = await appliedMigrations(database.url);
        expect(applied).toHaveLength(journal.entries.length);
        expect(new Set(applied.map((m) => m.hash)).size).toBe(journal.entries.length);
        for (const p of both) p.child.kill('SIGTERM');
        await Promise.all(both.map((p) => p.exited));
      } finally {
        await database.drop();
      }
    }
  }, 120_000);
});

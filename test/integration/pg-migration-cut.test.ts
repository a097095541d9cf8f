/**
 * Migrations run under a session advisory lock (server/db/pg/client.ts `migrateAlone`). When the connection dies
 * mid-migration the unlock fails too; that failure must not replace the migration's own error (which is what says
 * where it stopped), and the next start must still be able to migrate.
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDatabase } from '../../server/db/pg/client.js';
import { createTestDatabase, type TestDatabase } from '../support/engines.js';
import { startPgProxy, type PgProxy } from '../support/pg-proxy.js';

describe('PostgreSQL migrations when the connection dies mid-way', () => {
  let database: TestDatabase;
  let proxy: PgProxy;
  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startPgProxy(database.url);
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
  });

  it("fails with the migrator's own error, not the unlock's, and the next start migrates", async () => {
    proxy.cutOn('create table "agencies"');
    const err = await openPgDatabase(proxy.url, { max: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'PG_UNAVAILABLE' });
    // The migrator's error (a query of the migration failed), not the unlock's "not queryable" on the dead client.
    expect((err as Error).cause).toBeInstanceOf(DrizzleQueryError);
    const again = await openPgDatabase(proxy.url, { max: 1 });
    const { rows } = await again.pool.query<{ n: number }>('select count(*) as n from drizzle.__drizzle_migrations');
    await again.close();
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

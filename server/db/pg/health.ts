/** What /healthz and /readyz ask of PostgreSQL: does it answer, and are all the committed migrations applied. */
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { pgMigrationsFolder } from '../../paths.js';

/** A check that has not answered by then counts as a "no": a load balancer should not wait on a hung database. */
const checkTimeoutMs = 2000;

async function answer<T>(work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), checkTimeoutMs);
  });
  try {
    return await Promise.race([work.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function isPgReachable(pool: pg.Pool): Promise<boolean> {
  return (await answer(pool.query('select 1 as ok'))) !== null;
}

/** Every committed PostgreSQL migration (meta/_journal.json) is recorded as applied (drizzle.__drizzle_migrations). */
export async function arePgMigrationsApplied(pool: pg.Pool): Promise<boolean> {
  const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const result = await answer(pool.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations'));
  return result !== null && result.rows[0].n >= journal.entries.length;
}

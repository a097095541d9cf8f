import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, installHint, postgresCluster, redisServer, requireBinary } from '../support/engines.js';

/** The real engines the PostgreSQL and Redis tests rely on: this file fails (never skips) when one is missing. */
describe('test engines', () => {
  it('starts a PostgreSQL 15+ cluster once per run and gives each caller a database of its own', async () => {
    const cluster = await postgresCluster();
    expect(await postgresCluster()).toEqual(cluster);
    const [a, b] = [await createTestDatabase(), await createTestDatabase()];
    expect(a.name).not.toBe(b.name);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    const { rows } = await client.query<{ v: string; db: string }>('select current_setting($1) as v, current_database() as db', ['server_version_num']);
    await client.query('create table only_in_a (x int)');
    await client.end();
    expect(Number(rows[0].v)).toBeGreaterThanOrEqual(150000);
    expect(rows[0].db).toBe(a.name);
    const other = new pg.Client({ connectionString: b.url });
    await other.connect();
    const seen = await other.query("select count(*)::int as n from information_schema.tables where table_name = 'only_in_a'");
    await other.end();
    expect(seen.rows[0].n).toBe(0);
    await Promise.all([a.drop(), b.drop()]);
    console.info(`PostgreSQL cluster ready in ${cluster.startMs} ms`);
  });

  it('starts a redis-server on a random port that answers PING', async () => {
    const redis = await redisServer();
    const url = new URL(redis.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString());
      });
      socket.once('error', reject);
    });
    expect(reply).toBe('+PONG\r\n');
    console.info(`redis-server ready in ${redis.startMs} ms`);
  });

  it('a missing engine is an error that says how to install it', () => {
    expect(() => requireBinary('/nonexistent/initdb', 'PostgreSQL')).toThrow(installHint);
    expect(installHint).toContain('apt-get install -y postgresql redis-server');
  });
});

/**
 * The real engines for tests: a throwaway PostgreSQL cluster and a redis-server, each on a random port, started at
 * most once per `vitest run` and only when a test file asks for one, then stopped and their temp dirs removed by the
 * global teardown. A test file takes its own database (`CREATE DATABASE`), so files never see each other's rows.
 *
 * Why started lazily from the test worker rather than in globalSetup: most runs (one file, most files) need no
 * engine, and initdb + postgres cost ~3 s of a small machine's CPU. The engines are daemonised (`pg_ctl start`,
 * `redis-server --daemonize yes`), so they outlive the worker that started them; the run directory that globalSetup
 * provides records them for the teardown. A missing binary throws with the command that installs it: never a skip.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { asClusterOwner, installHint, pgBinDir, run, type EngineRecord, type RedisRecord } from './engine-run.js';


declare module 'vitest' {
  export interface ProvidedContext {
    engineRunDir: string;
  }
}

/** A port the kernel just gave out and took back: free now, and random. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function requireBinary(file: string, what: string): void {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(`${what} is not installed (no ${file}). ${installHint}`);
  }
}

function whichSync(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  return path.join('/usr/bin', name);
}


async function startPostgres(): Promise<EngineRecord> {
  requireBinary(path.join(pgBinDir, 'initdb'), 'PostgreSQL');
  const began = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error(`There is no 'postgres' user to run PostgreSQL as. ${installHint}`);
    });
    const uid = Number(stdout.trim());
    fs.chownSync(dir, uid, Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  }
  const data = path.join(dir, 'data');
  // A linguistic default collation (ICU, British English), as production clusters usually have: text ordered by
  // "C" rules in SQLite must be asked for explicitly on PostgreSQL, and the contract tests then show it.
  await asClusterOwner(path.join(pgBinDir, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=en-GB', '--no-sync']);
  const port = await freePort();
  // fsync off: a throwaway cluster gains nothing from surviving a power cut, and the suite gains time.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await asClusterOwner(path.join(pgBinDir, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', path.join(dir, 'log'), '-o', options]);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, startMs: Math.round(performance.now() - began) };
}

async function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

async function startRedis(): Promise<RedisRecord> {
  const binary = whichSync('redis-server');
  requireBinary(binary, 'Redis');
  const began = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-redis-'));
  const port = await freePort();
  const pidFile = path.join(dir, 'redis.pid');
  // --daemonize yes returns once the server forked; it listens a moment later, so wait for its PONG.
  await run(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', pidFile, '--dir', dir, '--logfile', path.join(dir, 'log')]);
  const deadline = Date.now() + 10_000;
  while (!(await redisPing(port))) {
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}: see ${path.join(dir, 'log')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { url: `redis://127.0.0.1:${port}`, dir, pidFile, startMs: Math.round(performance.now() - began) };
}

/**
 * Starts the engine once for the whole run (the first test file to ask starts it; a lock directory keeps two
 * workers from racing) and returns its record.
 */
async function once<T>(name: 'postgres' | 'redis' | 'pg-template', start: () => Promise<T>): Promise<T> {
  const runDir = inject('engineRunDir');
  const recordFile = path.join(runDir, `${name}.json`);
  const lockDir = path.join(runDir, `${name}.lock`);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (fs.existsSync(recordFile)) return JSON.parse(fs.readFileSync(recordFile, 'utf8')) as T;
    try {
      fs.mkdirSync(lockDir);
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another worker to start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      const record = await start();
      fs.writeFileSync(`${recordFile}.tmp`, JSON.stringify(record));
      fs.renameSync(`${recordFile}.tmp`, recordFile);
      return record;
    } finally {
      fs.rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

export { installHint };

export const postgresCluster = (): Promise<EngineRecord> => once('postgres', startPostgres);
export const redisServer = (): Promise<RedisRecord> => once('redis', startRedis);

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (every connection to it must be closed first). */
  drop(): Promise<void>;
}

/**
 * A database with every committed migration applied and nothing else, made once per run, that `migrated` databases
 * are copied from: CREATE DATABASE … TEMPLATE copies it in about the time an empty one takes, where applying the
 * migrations again costs ~250 ms for every server a test starts on PostgreSQL.
 */
const migratedTemplate = (): Promise<{ name: string }> =>
  once('pg-template', async () => {
    const cluster = await postgresCluster();
    const name = `template_${randomBytes(6).toString('hex')}`;
    await adminQuery(cluster.url, `create database ${name}`);
    const url = new URL(cluster.url);
    url.pathname = `/${name}`;
    // Imported here, not at the top: most test files never start PostgreSQL, and the server's client module is large.
    const { openPgDatabase } = await import('../../server/db/pg/client.js');
    // Applied and closed: a template must have no connections while databases are copied from it.
    await (await openPgDatabase(url.toString(), { max: 1 })).close();
    return { name };
  });

async function adminQuery(clusterUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database of its own in the run's cluster, for one test file (or one test): empty, or with `migrated`, a
 * copy of the run's migrated template (for servers, which would apply the same migrations at start anyway).
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const cluster = await postgresCluster();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? ` template ${(await migratedTemplate()).name}` : '';
  await adminQuery(cluster.url, `create database ${name}${template}`);
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

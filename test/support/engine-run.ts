/**
 * The engine run's records and teardown, kept apart from engines.ts because global setup must not import vitest's
 * test-side API. See engines.ts for how the engines are started.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** Debian's server binaries: the newest installed major version (TRIAGE_PG_BIN overrides). */
export const pgBinDir = process.env.TRIAGE_PG_BIN ?? newestPostgresBin();

function newestPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).map(Number).sort((a, b) => b - a) : [];
  return path.join(root, String(versions[0] ?? 15), 'bin');
}
export const installHint = 'Install the engines the tests start: apt-get install -y postgresql redis-server';

export interface EngineRecord {
  /** postgres://… of the cluster's `postgres` database (trust authentication, 127.0.0.1 only). */
  url: string;
  dir: string;
  /** Milliseconds from "nothing" to "accepting connections", for the README's figures. */
  startMs: number;
}
export interface RedisRecord {
  url: string;
  dir: string;
  pidFile: string;
  startMs: number;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to (and runs as) the `postgres` user. */
export async function asClusterOwner(file: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  if (process.getuid?.() === 0) return run('runuser', ['-u', 'postgres', '--', file, ...args]);
  return run(file, args);
}

/** Stops the engines a run directory records and removes them and it. */
async function stopEngines(dir: string): Promise<void> {
  const read = <T>(name: string): T | null => {
    const file = path.join(dir, `${name}.json`);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : null;
  };
  const postgres = read<EngineRecord>('postgres');
  if (postgres) {
    await asClusterOwner(path.join(pgBinDir, 'pg_ctl'), ['stop', '-m', 'immediate', '-w', '-D', path.join(postgres.dir, 'data')]).catch(() => undefined);
    fs.rmSync(postgres.dir, { recursive: true, force: true });
  }
  const redis = read<RedisRecord>('redis');
  if (redis) {
    const pid = fs.existsSync(redis.pidFile) ? Number(fs.readFileSync(redis.pidFile, 'utf8').trim()) : 0;
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(redis.dir, { recursive: true, force: true });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A run killed before its teardown (a timeout, Ctrl-C twice) leaves its engines running: the next run stops those
 * whose vitest process is gone, so clusters never pile up on a shared machine.
 */
async function stopOrphanedEngines(): Promise<void> {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith('triage-engines-')) continue;
    const dir = path.join(os.tmpdir(), name);
    const ownerFile = path.join(dir, 'owner.pid');
    const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8')) : 0;
    if (owner > 0 && !isAlive(owner)) await stopEngines(dir).catch(() => undefined);
  }
}

/** Global setup's half: a run directory for the records, and a teardown that stops whatever was started. */
export async function engineRunDirectory(): Promise<{ dir: string; teardown(): Promise<void> }> {
  await stopOrphanedEngines();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-engines-'));
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  return { dir, teardown: () => stopEngines(dir) };
}

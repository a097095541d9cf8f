/**
 * The engines of the two-process row, started by the bench itself (no vitest): a throwaway PostgreSQL cluster
 * (Debian's initdb/pg_ctl, as the `postgres` user when run as root, random port, one fresh database) and a
 * redis-server on a random port, both pinned to the server CPU like the servers. Each `stop()` removes everything;
 * a bench process that exits without calling it (an uncaught error, Ctrl-C) still stops them on its way out.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { installHint, pgBinDir, run } from '../../support/engine-run.js';
import { freePort, hasTaskset } from './spawn.js';

const asRoot = process.getuid?.() === 0;

/** `[command, args]` running `file` pinned to `cpu` (taskset) and, as root, as the cluster owner (PostgreSQL refuses root). */
function pinned(cpu: number | null, file: string, args: string[], asOwner: boolean): [string, string[]] {
  const owner = asOwner && asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const argv = [...owner, file, ...args];
  if (cpu !== null && hasTaskset()) return ['taskset', ['-c', String(cpu), ...argv]];
  return [argv[0], argv.slice(1)];
}

/** Stops whatever is still running when the bench process exits (cleanups are synchronous there). */
const atExit = new Set<() => void>();
let hooked = false;
function onExit(cleanup: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => atExit.forEach((c) => c()));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        atExit.forEach((c) => c());
        process.exit(130);
      });
    }
  }
  atExit.add(cleanup);
  return () => atExit.delete(cleanup);
}

export interface BenchPostgres {
  /** postgres://… of the fresh `bench` database. */
  url: string;
  /** The postmaster and every process it started (backends, writers), read now from /proc. */
  pids(): number[];
  stop(): Promise<void>;
}

function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) out.push(Number(name));
    } catch {
      // Exited while listed.
    }
  }
  return out;
}

export async function startBenchPostgres(cpu: number | null): Promise<BenchPostgres> {
  const initdb = path.join(pgBinDir, 'initdb');
  const pgCtl = path.join(pgBinDir, 'pg_ctl');
  if (!fs.existsSync(initdb)) throw new Error(`PostgreSQL is not installed (no ${initdb}). ${installHint}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-pg-'));
  const data = path.join(dir, 'data');
  const stopSync = () => {
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      try {
        execFileSync(...pinned(null, pgCtl, ['stop', '-m', 'immediate', '-w', '-D', data], true), { stdio: 'ignore' });
      } catch {
        // Not running.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExit(stopSync);
  try {
    if (asRoot) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
      fs.chownSync(dir, uid, gid);
    }
    await run(...pinned(cpu, initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], true));
    const port = await freePort();
    // fsync off, synchronous_commit on (the default): a commit's WAL is written to the kernel before it returns, so
    // it survives the server process dying but not a power cut: the same promise as SQLite WAL + synchronous=NORMAL.
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`;
    await run(...pinned(cpu, pgCtl, ['start', '-w', '-t', '60', '-D', data, '-l', path.join(dir, 'log'), '-o', options], true));
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query('create database bench');
    } finally {
      await admin.end();
    }
    const postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/bench`,
      pids: () => [postmaster, ...childrenOf(postmaster)],
      async stop() {
        forget();
        await run(...pinned(null, pgCtl, ['stop', '-m', 'immediate', '-w', '-D', data], true)).catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    forget();
    stopSync();
    throw err;
  }
}

export interface BenchRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchRedis(cpu: number | null): Promise<BenchRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-redis-'));
  // taskset execs redis-server, so the child's pid is Redis's own.
  const [command, args] = pinned(cpu, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], false);
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const forget = onExit(() => {
    if (running()) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const stop = async () => {
    forget();
    if (running()) child.kill('SIGKILL');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('error', (err) => reject(new Error(`redis-server could not start (${err.message}). ${installHint}`)));
      void exited.then(() => reject(new Error(`redis-server exited before it was ready:\n${out.slice(-2000)}`)));
      setTimeout(() => reject(new Error('redis-server not ready after 10 s')), 10_000).unref();
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop };
}

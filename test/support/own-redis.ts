/**
 * A redis-server of one test's own, which the test may stop and start again on the same port (the run's shared one,
 * engines.ts, must stay up for the other files). Not persistent, like the shared one: a restart comes back EMPTY,
 * the harder case for the relay (whatever it had not read is gone). Missing binary: a failing test saying how to
 * install it, never a skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { freePort, installHint } from './engines.js';

export interface OwnRedis {
  url: string;
  port: number;
  /** Kills it (SIGKILL, as a crash) and resolves once its port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port; resolves once it is ready for connections. */
  start(): Promise<void>;
}

/** Still running: neither exited nor killed by a signal (a killed child's exitCode stays null). */
const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

function whichRedis(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, 'redis-server');
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`Redis is not installed (no redis-server on PATH). ${installHint}`);
}

/** A harness for one test file: `ownRedis()` starts one; all are killed after each test. */
export function ownRedisHarness() {
  const running: { child: ChildProcess | null; dir: string }[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      if (r.child && isRunning(r.child)) {
        const exited = new Promise((resolve) => r.child!.once('exit', resolve));
        r.child.kill('SIGKILL');
        await exited;
      }
      fs.rmSync(r.dir, { recursive: true, force: true });
    }
  });
  return async function ownRedis(): Promise<OwnRedis> {
    const binary = whichRedis();
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-own-redis-'));
    const state: { child: ChildProcess | null; dir: string } = { child: null, dir };
    running.push(state);
    const start = () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        state.child = child;
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ready to accept connections')) resolve();
        });
        child.once('exit', () => reject(new Error(`redis-server exited before it was ready:\n${out}`)));
      });
    await start();
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      async stop() {
        const child = state.child;
        if (!child || !isRunning(child)) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      },
      start,
    };
  };
}

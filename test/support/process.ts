import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { fileURLToPath } from 'node:url';
import { serveCommand } from './serve-command.js';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the URL the server printed, or rejects with its output if it exits first. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How to run it: `compiled` (dist/server, plain node) or through tsx; `script`: another compiled entry than the serve script's. */
export interface SpawnOptions {
  compiled?: boolean;
  script?: string;
}

/**
 * Runs the server as its own process: by default `server/main.ts` through tsx (as `npm run dev` does); with
 * `compiled`, the JavaScript `npm start` runs (`dist/server/main.cjs`, plain node, no transpiler), as `npm run serve` runs it.
 */
export function spawnServer(env: Record<string, string>, options: SpawnOptions = {}): ServerProcess {
  // Compiled: with `npm run serve`'s settings (package.json), and TypeScript lines in stack traces.
  const serve = options.compiled ? serveCommand() : { env: {}, args: ['--import', 'tsx', 'server/main.ts'] };
  const args = options.compiled ? ['--enable-source-maps', ...serve.args] : serve.args;
  // Another compiled entry (dist/server/main.js, which earlier versions ran) in place of the serve script's.
  if (options.compiled && options.script) args.splice(-1, 1, options.script);
  const child = spawn(process.execPath, args, {
    cwd: rootDir,
    env: { ...process.env, LOG_LEVEL: 'warn', ...serve.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`server exited before it was ready:\n${out}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => out, ready, exited };
}

/** Runs `npm run admin -- <args>` as its own process (stdin a pipe, so not a terminal); resolves when it exits. */
export function runAdminCommand(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], {
    cwd: rootDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin!.end(stdin);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * For tests that start server processes: `start` spawns one (killed after each test if still running) and `dir`
 * makes a temp directory (deleted after each test).
 */
export function processHarness(defaults: SpawnOptions = {}) {
  const running: ServerProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) {
      if (p.child.exitCode === null) {
        p.child.kill('SIGKILL');
        await p.exited;
      }
    }
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    start(env: Record<string, string>, options: SpawnOptions = defaults): ServerProcess {
      const p = spawnServer(env, options);
      running.push(p);
      return p;
    },
    dir(): string {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-test-'));
      dirs.push(d);
      return d;
    },
  };
}

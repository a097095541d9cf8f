import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { engineRunDirectory } from './engine-run.js';
import { rootDir } from './process.js';

/** The newest modification time of any file under these paths (0 when none exists). */
function newest(paths: string[]): number {
  let latest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const p of paths) visit(path.join(rootDir, p));
  return latest;
}

/** Whether `output` is missing or older than any of its sources. */
const stale = (output: string, sources: string[]) => {
  const built = fs.statSync(path.join(rootDir, output), { throwIfNoEntry: false });
  return !built || built.mtimeMs < newest(sources);
};

/**
 * Browser tests need the built client, and the tests that start server processes the compiled server. `npm test`
 * builds both first; a lone `vitest run file` rebuilds here whichever is missing or older than its sources, so a test
 * never runs yesterday's code. The engines (PostgreSQL, Redis) start only when a test file asks for them
 * (test/support/engines.ts); the returned teardown stops whatever was started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engines = await engineRunDirectory();
  project.provide('engineRunDir', engines.dir);
  if (stale('dist/client/index.html', ['client', 'shared', 'vite.config.ts', 'package-lock.json'])) {
    await build({ configFile: path.join(rootDir, 'vite.config.ts'), logLevel: 'warn' });
  }
  if (stale('dist/server/main.cjs', ['server', 'shared', 'scripts/build-server.mjs', 'package-lock.json'])) {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: rootDir, stdio: 'inherit' });
  }
  return engines.teardown;
}

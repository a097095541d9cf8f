import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { engineRunDirectory } from './engine-run.js';
import { rootDir } from './process.js';

/**
 * Browser tests need the built client and the production-start test the compiled server; `npm test` builds both
 * first, a lone `vitest run file` builds here what is missing. The engines (PostgreSQL, Redis) start only when a test
 * file asks for them (test/support/engines.ts); the returned teardown stops whatever was started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engines = engineRunDirectory();
  project.provide('engineRunDir', engines.dir);
  if (!fs.existsSync(path.join(rootDir, 'dist/client/index.html'))) {
    await build({ configFile: path.join(rootDir, 'vite.config.ts'), logLevel: 'warn' });
  }
  if (!fs.existsSync(path.join(rootDir, 'dist/server/main.js'))) {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: rootDir, stdio: 'inherit' });
  }
  return engines.teardown;
}

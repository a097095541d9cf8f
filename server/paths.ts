/**
 * Where the project's files are, whether this module runs from `server/` under tsx (development, tests) or bundled
 * into `dist/server/` by esbuild (production start): walk up from this file to the folder holding package.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
export const clientDistDir = path.join(projectRoot, 'dist', 'client');
export const migrationsFolder = path.join(projectRoot, 'server', 'db', 'migrations');
export const pgMigrationsFolder = path.join(projectRoot, 'server', 'db', 'migrations-pg');

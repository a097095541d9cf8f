import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { rootDir } from './process.js';

/** Browser tests need the built client; `npm test` builds first, a lone `vitest run file` builds here if missing. */
export default async function setup(): Promise<void> {
  if (fs.existsSync(path.join(rootDir, 'dist/client/index.html'))) return;
  await build({ configFile: path.join(rootDir, 'vite.config.ts'), logLevel: 'warn' });
}

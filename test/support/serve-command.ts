/**
 * How `npm run serve` runs the compiled server (package.json; `npm start` runs the same after building): its
 * environment assignments and node's arguments. Tests and the benchmark start the production server through this, so
 * they run it as an install does, memory settings included.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeCommand {
  env: Record<string, string>;
  /** node's arguments, the script (dist/server/main.cjs) last. */
  args: string[];
}

export function serveCommand(): ServeCommand {
  const scripts = (JSON.parse(fs.readFileSync(path.join(rootDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const serve = parseServeScript(scripts.serve);
  if (serve.args.at(-1) !== 'dist/server/main.cjs') throw new Error(`package.json's serve script does not run dist/server/main.cjs: ${scripts.serve}`);
  return serve;
}

/**
 * `NAME=value … node <args> dist/<build>/main.cjs`: a plain command, no quoting or shell operators (package.json keeps
 * it so). The build is `server` for an install; the bench's A/B may run a copy kept aside (`dist/server-a`).
 */
export function parseServeScript(script: string, source = "package.json's serve script"): ServeCommand {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const word = words.shift()!;
    env[word.slice(0, word.indexOf('='))] = word.slice(word.indexOf('=') + 1);
  }
  if (words.shift() !== 'node' || words.some((w) => /["'`$&|;<>()]/.test(w)) || !/^dist\/[\w-]+\/main\.cjs$/.test(words.at(-1) ?? '')) {
    throw new Error(`${source} is not "NAME=value … node <flags> dist/<build>/main.cjs": ${script}`);
  }
  return { env, args: words };
}

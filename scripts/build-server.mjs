/**
 * Compiles the server to one bundle in dist/server (what `npm start` runs with plain node: `node dist/server/main.cjs`).
 *
 * V8's code cache: compiling the 2.6 MB bundle was a quarter of a restart's CPU. Node 20 keeps no compile cache for
 * ES modules (module.enableCompileCache is Node 22), so the bundle is CommonJS (`bundle.cjs`) and `main.cjs` is a small
 * launcher that compiles it through `vm.Script` with the cached data of the previous start (`bundle.cjs.cache`, written
 * a few seconds after a start that had none or whose cache V8 rejected — a new build or another Node version; it
 * holds the functions the start compiled, not only the top level). If the directory is read-only the server still
 * starts, compiling as before. `import()` inside the bundle (the export and mail libraries) goes through Node's
 * own loader (vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER). The launcher is CommonJS too: an ES module entry brings
 * up Node's ES module loader before anything runs (~40 ms of every start here, sampled). `main.js`, what earlier
 * versions ran, still starts the server (through that loader) for service units that name it.
 *
 * Dependencies are bundled in, not resolved from node_modules at start: a restart spent most of its time in Node's
 * module loader (resolving, reading and wrapping ~900 files). better-sqlite3's JavaScript is bundled too (its ten
 * files cost ~8 ms of loading at every start); its native addon is loaded by path (`sqliteAddonIn` in
 * server/db/client.ts), and a build whose bundled version is not the installed one refuses to start. Left outside
 * the bundle:
 * - native addons (better-sqlite3's addon file, @node-rs/argon2), which cannot be bundled;
 * - what only some requests load, on first use (dynamic import): docx, pdfmake and fontkit (exports),
 *   nodemailer (the first email); and vite, which only `npm run dev` uses;
 * - large data tables that are only read, where JSON.parse at require time is cheaper than compiling them as
 *   JavaScript: mime-db (three copies otherwise) and iconv-lite (required by body parsing, its tables on use).
 * Run without --enable-source-maps (parsing a 2 MB map at every start costs more than the rest of the start): the
 * bundle is not minified, so stack traces name the functions and lines of dist/server/bundle.cjs; the .map is written
 * for `node --enable-source-maps dist/server/main.cjs` when TypeScript lines are wanted.
 * zod: our code writes `import { z } from 'zod'`, which hands esbuild zod's namespace as one object, so all of zod
 * (~740 KiB: every locale, the JSON Schema converters) would be compiled at every start. The plugin below reads it as
 * `import * as z from 'zod'` (the same bindings), and esbuild keeps only what is used (~190 KiB, ~60 ms per start).
 * `BUILD_METAFILE=<file>` writes esbuild's metafile, to see what the bundle holds.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';

/**
 * Loaded on first use, not at start: what the bundle evaluates at load but only some requests (or no request) use.
 * - mime-types (three copies: express's, and those of engine.io's and socket.io's accepts): at load each builds its
 *   extension and type maps from the whole of mime-db; Express's copy is loaded by the first response it sends (it
 *   sets Content-Type through it), the other two only when Socket.IO negotiates a content type.
 * - `https` and `tls` as required by ws: only its WebSocket client (which the server never opens) uses them, and
 *   loading them is most of the cost of Node's TLS stack at start.
 * - @node-rs/argon2 (a native addon, ~9 ms to load): only signing in and setting a password use it.
 * - shared/api-schemas.ts: ~70 zod schemas (each zod object sets up its methods as it is made), ~23 ms of every
 *   start, read only by request handlers.
 * - iconv-lite (outside the bundle, so five files through Node's loader, ~8 ms): body parsing requires it at load
 *   and decodes the first request body with it.
 * Each becomes an object that evaluates the real module the first time it is used (a Proxy: every read, write,
 * definition and deletion goes to the real module). An ES module importer copies the export names first (esbuild's
 * interop): for those modules (`exports: true`) the names are listed at build time — the package's own keys, or the
 * names esbuild finds in our source — and `in`, key listing and descriptors are answered from that list, so the
 * copy evaluates nothing. `NODE_DEBUG=triage` logs each one as it is loaded.
 */
const lazyModules = [
  { name: 'mime-types', importer: /[\\/]node_modules[\\/]/ },
  { name: 'https', importer: /[\\/]node_modules[\\/]ws[\\/]/ },
  { name: 'tls', importer: /[\\/]node_modules[\\/]ws[\\/]/ },
  { name: '@node-rs/argon2', importer: /[\\/]server[\\/]/, exports: true },
  { name: '../../shared/api-schemas.js', importer: /[\\/]server[\\/]http[\\/]/, exports: true },
  { name: 'iconv-lite', importer: /[\\/]node_modules[\\/](raw-body|body-parser)[\\/]/ },
];
const external = ['@node-rs/argon2', 'docx', 'pdfmake', 'fontkit', 'nodemailer', 'vite', 'mime-db', 'iconv-lite'];

/** The export names of a module, without bundling it into anything: our TypeScript as esbuild reads it, a package as Node loads it. */
const exportNamesOf = new Map();
function exportNames(file) {
  if (!exportNamesOf.has(file)) exportNamesOf.set(file, listExports(file));
  return exportNamesOf.get(file);
}
async function listExports(file) {
  if (!file.endsWith('.ts')) return Object.keys(createRequire(import.meta.url)(file));
  // Re-exports are not listed without bundling, and our importers (in Node's mode) would take a default export as
  // the whole namespace: such a module cannot be loaded on first use this way.
  if (/^export\s+(\*|default\b)/m.test(await fs.promises.readFile(file, 'utf8'))) throw new Error(`${file}: "export *" or "export default" cannot be loaded on first use`);
  const r = await build({ entryPoints: [file], write: false, metafile: true, format: 'esm', outdir: 'lazy-exports', logLevel: 'silent' });
  return Object.values(r.metafile.outputs)[0].exports;
}

const lazyOnFirstUse = {
  name: 'lazy-on-first-use',
  setup(b) {
    const byName = new Map(lazyModules.map((m) => [m.name, m]));
    b.onResolve({ filter: new RegExp(`^(${lazyModules.map((m) => m.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`) }, async (args) => {
      const lazy = byName.get(args.path);
      if (args.namespace === 'lazy' || !lazy?.importer.test(args.importer)) return undefined;
      const builtin = isBuiltin(args.path);
      const resolved = builtin || external.includes(args.path) ? null : (await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind })).path;
      const names = lazy.exports ? await exportNames(resolved ?? args.path) : null;
      const real = builtin ? `node:${args.path}` : resolved ? `./${path.relative(process.cwd(), resolved)}` : args.path;
      return { path: real, namespace: 'lazy', pluginData: { names } };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, ({ path: real, pluginData: { names } }) => ({
      resolveDir: process.cwd(),
      contents: `let real;
const load = () => {
  if (real === undefined) {
    require('node:util').debuglog('triage')('loaded on first use: %s', ${JSON.stringify(real)});
    real = require(${JSON.stringify(real)});
  }
  return real;
};
const names = ${names ? `new Set(${JSON.stringify(names)})` : 'null'};
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  set: (_, key, value) => Reflect.set(load(), key, value),
  defineProperty: (_, key, descriptor) => Reflect.defineProperty(load(), key, descriptor),
  deleteProperty: (_, key) => Reflect.deleteProperty(load(), key),
  has: (_, key) => (names ? names.has(key) : key in load()),
  ownKeys: () => (names ? [...names] : Reflect.ownKeys(load())),
  getOwnPropertyDescriptor: (_, key) => {
    if (names) return names.has(key) ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined;
    const d = Reflect.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});
`,
    }));
  },
};

/** `import { z } from 'zod'` read as `import * as z from 'zod'` in our own sources (see above). */
const zodNamespace = {
  name: 'zod-namespace',
  setup(b) {
    b.onLoad({ filter: /[\\/](server|shared)[\\/].*\.ts$/, namespace: 'file' }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return { contents: source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

const result = await build({
  write: false,
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/bundle.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Our sources are ES modules; in the CommonJS bundle import.meta.url is the bundle's own file URL (the launcher
  // passes it in, so the bundle's "use strict" stays its first statement).
  // better-sqlite3's version, checked against the installed addon's at start (sqliteAddonIn in server/db/client.ts).
  define: { 'import.meta.url': '__triageBundleUrl', __TRIAGE_BUNDLED_SQLITE__: JSON.stringify(createRequire(import.meta.url)('better-sqlite3/package.json').version) },
  sourcemap: true,
  // Stack traces need the mappings only; without the sources the map is a third of the size, and parsed faster.
  sourcesContent: false,
  logLevel: 'warning',
  metafile: Boolean(process.env.BUILD_METAFILE),
  plugins: [zodNamespace, lazyOnFirstUse],
  external,
  // engine.io and socket.io-adapter pin their own ws 8.x: one copy (the app's, same major) compiles once. depd: a
  // shim that looks up no call site at load (scripts/shims/depd.cjs).
  alias: { ws: './node_modules/ws', depd: './scripts/shims/depd.cjs' },
});
// esbuild escapes non-ASCII in code (charset ascii) but keeps it in the comments it preserves (socket.io's curly
// quotes). One character above U+00FF makes V8 hold the whole 2.6 MB source as UTF-16: 5 MB of heap instead of 2.6.
// Such characters occur only in those comments; each becomes "?" (one UTF-16 unit for one, so source map columns hold).
for (const file of result.outputFiles) {
  let text = /\.c?js$/.test(file.path) ? file.text.replace(/[^\x00-\xff]/g, '?') : file.text;
  // The CommonJS wrapper is written in, on the first line (line numbers stay the bundle's own): the launcher compiles
  // the file as it reads it, without building a second 3 MB string.
  if (file.path.endsWith('bundle.cjs')) text = `(function (exports, require, module, __filename, __dirname, __triageBundleUrl) {${text}\n})`;
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  // Latin-1 on disk too: one byte per character, read back exactly by the launcher.
  fs.writeFileSync(file.path, text, file.path.endsWith('.cjs') ? 'latin1' : 'utf8');
}
fs.writeFileSync('dist/server/main.cjs', launcher());
fs.writeFileSync('dist/server/main.js', "// Written by scripts/build-server.mjs: what earlier versions ran; main.cjs starts sooner.\nimport './main.cjs';\n");
if (process.env.BUILD_METAFILE) fs.writeFileSync(process.env.BUILD_METAFILE, JSON.stringify(result.metafile));

/** dist/server/main.cjs: compiles bundle.cjs with the code cache of the previous start, then runs it as CommonJS. */
function launcher() {
  return `// Written by scripts/build-server.mjs: loads bundle.cjs with V8's code cache (see there).
'use strict';
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { debuglog } = require('node:util');
const vm = require('node:vm');

// NODE_DEBUG=triage says whether the cache was used.
const debug = debuglog('triage');
const dir = __dirname;
const bundle = path.join(dir, 'bundle.cjs');
const cacheFile = bundle + '.cache';
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// bundle.cjs is the bundle inside its CommonJS wrapper function (written so by the build), in Latin-1 (the build
// leaves no character above U+00FF), so V8 keeps the 3 MB source one byte per character.
const script = new vm.Script(fs.readFileSync(bundle, 'latin1'), { filename: bundle, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const cacheState = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
cachedData = undefined;
debug('code cache %s', cacheState);
if (cacheState !== 'accepted') {
  // After the start has compiled what it runs; never keeps the process alive, never stops it.
  setTimeout(() => {
    try {
      fs.writeFileSync(cacheFile + '.' + process.pid, script.createCachedData());
      fs.renameSync(cacheFile + '.' + process.pid, cacheFile);
      debug('code cache written');
    } catch {
      // A read-only install compiles at every start, as without a cache.
    }
  }, 3000).unref();
}
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dir, pathToFileURL(bundle).href);
`;
}

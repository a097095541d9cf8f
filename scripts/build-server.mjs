/**
 * Compiles the server to one ES module bundle in dist/server (what `npm start` runs with plain node).
 *
 * Dependencies are bundled in, not resolved from node_modules at start: a restart spent most of its time in Node's
 * module loader (resolving, reading and wrapping ~900 files). Left outside the bundle:
 * - native addons (better-sqlite3, @node-rs/argon2), which cannot be bundled;
 * - what only some requests load, on first use (dynamic import): docx, pdfmake and fontkit (exports),
 *   nodemailer (the first email); and vite, which only `npm run dev` uses;
 * - large data tables that are only read, where JSON.parse at require time is cheaper than compiling them as
 *   JavaScript: mime-db (three copies otherwise) and iconv-lite (required by body parsing, its tables on use).
 * Run without --enable-source-maps (parsing a 2 MB map at every start costs more than the rest of the start): the
 * bundle is not minified, so stack traces name the functions and lines of dist/server/main.js; the .map is written for
 * `node --enable-source-maps dist/server/main.js` when TypeScript lines are wanted.
 * zod: our code writes `import { z } from 'zod'`, which hands esbuild zod's namespace as one object, so all of zod
 * (~740 KiB: every locale, the JSON Schema converters) would be compiled at every start. The plugin below reads it as
 * `import * as z from 'zod'` (the same bindings), and esbuild keeps only what is used (~190 KiB, ~60 ms per start).
 * `BUILD_METAFILE=<file>` writes esbuild's metafile, to see what the bundle holds.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

/** `import { z } from 'zod'` read as `import * as z from 'zod'` in our own sources (see above). */
const zodNamespace = {
  name: 'zod-namespace',
  setup(b) {
    b.onLoad({ filter: /[\\/](server|shared)[\\/].*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return { contents: source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

const result = await build({
  write: false,
  entryPoints: ['server/main.ts'],
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Stack traces need the mappings only; without the sources the map is a third of the size, and parsed faster.
  sourcesContent: false,
  logLevel: 'warning',
  metafile: Boolean(process.env.BUILD_METAFILE),
  plugins: [zodNamespace],
  external: ['better-sqlite3', '@node-rs/argon2', 'docx', 'pdfmake', 'fontkit', 'nodemailer', 'vite', 'mime-db', 'iconv-lite'],
  // engine.io and socket.io-adapter pin their own ws 8.x: one copy (the app's, same major) compiles once.
  alias: { ws: './node_modules/ws' },
  // Bundled CommonJS packages call require() for Node's own modules; an ES module has none of its own.
  banner: { js: "import { createRequire as __triageCreateRequire } from 'node:module'; const require = __triageCreateRequire(import.meta.url);" },
});
// esbuild escapes non-ASCII in code (charset ascii) but keeps it in the comments it preserves (socket.io's curly
// quotes). One character above U+00FF makes V8 hold the whole 2.6 MB source as UTF-16: 5 MB of heap instead of 2.6.
// Such characters occur only in those comments; each becomes "?" (one UTF-16 unit for one, so source map columns hold).
for (const file of result.outputFiles) {
  const text = file.path.endsWith('.js') ? file.text.replace(/[^\x00-\xff]/g, '?') : file.text;
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  fs.writeFileSync(file.path, text);
}
if (process.env.BUILD_METAFILE) fs.writeFileSync(process.env.BUILD_METAFILE, JSON.stringify(result.metafile));

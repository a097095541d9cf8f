// Preloaded (NODE_OPTIONS=--require) into a server process by test/integration/production.test.ts: records every
// package the process requires (not files), and writes them to TRIAGE_RECORD_PACKAGES on exit, with the Node modules
// it loaded (process.moduleLoadList).
const Module = require('node:module');
const fs = require('node:fs');
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  // A native addon required by its path is recorded by its file name (`addon:better_sqlite3.node`).
  if (request.endsWith('.node')) seen.add(`addon:${request.split(/[\\/]/).pop()}`);
  else if (!request.startsWith('node:') && !request.startsWith('.') && !request.startsWith('/') && !Module.isBuiltin(request)) {
    seen.add(request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0]);
  }
  return load.call(this, request, ...rest);
};
process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  fs.writeFileSync(process.env.TRIAGE_RECORD_PACKAGES, JSON.stringify({ packages: [...seen].sort(), builtins }));
});

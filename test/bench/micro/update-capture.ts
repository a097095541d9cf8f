/**
 * What Yjs's encoding of each transaction for 'update' listeners costs: the bench's updates (30 clients, each setting
 * its own key of one map, each update building on the last) applied to a fresh document with an 'update' listener,
 * with none, and with only an 'afterTransactionCleanup' listener (room-update-capture.ts's way).
 * `npx tsx test/bench/micro/update-capture.ts [updates=20000]`: µs per update, 5 rounds.
 */
import * as Y from 'yjs';
import { benchUpdates } from './bench-updates.js';

const total = Number(process.argv[2] ?? 20_000);
const updates = benchUpdates(total, 30);

function run(listen: 'update' | 'none' | 'cleanup'): number {
  const doc = new Y.Doc({ gc: true });
  let n = 0;
  if (listen === 'update') doc.on('update', (u: Uint8Array) => (n += u.length));
  if (listen === 'cleanup') doc.on('afterTransactionCleanup', (tr: Y.Transaction) => (n += tr.deleteSet.clients.size));
  const t0 = process.hrtime.bigint();
  for (const u of updates) Y.applyUpdate(doc, u);
  return Number(process.hrtime.bigint() - t0) / 1e3 / updates.length;
}

for (let r = 0; r < 5; r++) {
  console.log(`'update' listener ${run('update').toFixed(2)} µs, none ${run('none').toFixed(2)} µs, 'afterTransactionCleanup' only ${run('cleanup').toFixed(2)} µs`);
}

/**
 * Scenario 4: kill -9 the server under load, start it again on the same port and data, reconnect everyone.
 * Each client's first message after reconnecting asks for the full state (empty state vector) before it sends
 * its own edits back, so an acknowledged update missing from that state was lost by the server.
 */
import type { LoadPool } from '../load/pool.js';
import type { ServerInstance } from '../servers/types.js';
import { sleep } from '../stats.js';
import { tcpCounters } from '../servers/spawn.js';
import type { RestartResult } from '../config.js';

export async function runRestart(pool: LoadPool, server: ServerInstance, rate: number, loadS: number, timeoutMs: number): Promise<RestartResult> {
  const clients = pool.clients.length;
  pool.startLoad(rate);
  await sleep(loadS * 1000);
  await server.kill9();
  const until = performance.now() + 10_000;
  while (pool.clients.some((c) => c.open) && performance.now() < until) await sleep(10);
  pool.stopLoad();
  pool.closeAll();
  // ws still hands over frames that were already buffered when the socket closed: let them land before counting.
  await sleep(300);
  // Frozen now: after the restart, relays of re-sent edits can reach other clients before their sender's own check.
  const ackedAtKill = pool.clients.map((c) => c.acked);
  const acked = ackedAtKill.reduce((sum, n) => sum + n, 0);
  const t0 = performance.now();
  try {
    await server.restart();
  } catch (err) {
    return { rate, clients, acked, lost: NaN, readyMs: NaN, resyncMs: NaN, listenOverflows: NaN, failed: clients, error: (err as Error).message };
  }
  const readyMs = performance.now() - t0;
  const overflows = tcpCounters().listenOverflows;
  const connect = await pool.connectAll(timeoutMs);
  const resyncMs = performance.now() - t0;
  const listenOverflows = tcpCounters().listenOverflows - overflows;
  const lost = pool.clients.reduce((sum, c, i) => sum + (c.synced ? Math.max(0, ackedAtKill[i] - c.serverHadAtLastSync) : 0), 0);
  return { rate, clients, acked, lost, readyMs, resyncMs, listenOverflows, failed: connect.failed, error: connect.firstError };
}

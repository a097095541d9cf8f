/**
 * The load balancer's probes: `/healthz` (alive) and `/readyz` (send me connections). A balancer asks every few
 * seconds for as long as the process runs, so they are answered plainly: a small JSON body written straight to the
 * response (no ETag to hash, no Content-Type through mime-types: Express's `res.json` loads mime-db's tables at its
 * first response, ~20 ms a restart spent before it could say "ready"), never cached, and not in the request log (two
 * balancers at one probe every 5 s would be 35,000 lines a day). What a balancer acts on is logged instead: each
 * change of readiness, and a check that failed (as not ready, not as an error at every probe).
 */
import type express from 'express';
import type { Logger } from '../logger.js';

export interface ProbeChecks {
  /** The database answers a query. */
  reachable(): Promise<boolean>;
  /** Every migration this build ships is applied. */
  migrationsApplied(): Promise<boolean>;
  /** Shutting down: stop sending connections. */
  draining(): boolean;
}

function answer(res: express.Response, status: number, body: object): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

/** Mounts GET (and HEAD) /healthz and /readyz on `app`; put it before the request log. */
export function mountProbes(app: express.Express, checks: ProbeChecks, logger: Logger): void {
  // A check that throws (PostgreSQL gone mid-query) answers "no"; what it threw goes into the log line, if any.
  const check = (run: () => Promise<boolean>, failures: string[] = []) =>
    run().catch((err: Error) => {
      failures.push(err.message);
      return false;
    });
  // Liveness: the process answers. It also says whether the database answers, but stays 200 either way, so a load
  // balancer does not restart a process that only waits for its disk.
  app.get('/healthz', async (_req, res) => {
    const reachable = await check(checks.reachable);
    answer(res, 200, { ok: true, database: reachable ? 'reachable' : 'unreachable' });
  });
  // Readiness: send this process new connections only while the database answers, its migrations are applied and
  // it is not draining for shutdown.
  let wasReady: boolean | undefined;
  let asked = 0;
  let newestAnswered = 0;
  app.get('/readyz', async (_req, res) => {
    const probe = ++asked;
    const failures: string[] = [];
    const state = { database: await check(checks.reachable, failures), migrations: await check(checks.migrationsApplied, failures), draining: checks.draining() };
    const ready = state.database && state.migrations && !state.draining;
    // Probes in flight together (PostgreSQL answers asynchronously) may finish out of order: an older one's answer
    // does not move the logged state back.
    if (probe > newestAnswered) {
      newestAnswered = probe;
      // The first answer is logged only if it is "not ready"; after that every change either way.
      if (ready !== wasReady && !ready) logger[state.draining ? 'info' : 'warn']({ ...state, ...(failures.length ? { err: failures.join('; ') } : {}) }, 'readiness probe: not ready');
      else if (ready !== wasReady && wasReady === false) logger.info('readiness probe: ready again');
      wasReady = ready;
    }
    answer(res, ready ? 200 : 503, { ready, ...state });
  });
}

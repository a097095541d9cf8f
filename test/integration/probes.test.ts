/**
 * The load balancer's probes (server/http/probes.ts) on a real Express app and HTTP server, with checks this test
 * controls: a check that throws answers "not ready" (logged once, with what it threw; no error per probe), and probes
 * that finish out of order (PostgreSQL answers asynchronously) do not log an older state over a newer one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { mountProbes, type ProbeChecks } from '../../server/http/probes.js';
import { errorHandler } from '../../server/http/errors.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});

async function probed(checks: ProbeChecks) {
  const lines: { msg: string; err?: string; database?: boolean }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().trim().split('\n')) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const app = express();
  mountProbes(app, checks, logger);
  app.use(errorHandler(logger));
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, lines };
}

describe('probes', () => {
  it('a check that throws answers not ready, logged once with what it threw, and no error per probe', async () => {
    let failing = true;
    const { url, lines } = await probed({
      reachable: async () => {
        if (failing) throw new Error('connection terminated unexpectedly');
        return true;
      },
      migrationsApplied: async () => true,
      draining: () => false,
    });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/readyz`);
      expect([res.status, await res.json()]).toEqual([503, { ready: false, database: false, migrations: true, draining: false }]);
    }
    const health = await fetch(`${url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true, database: 'unreachable' }]);
    failing = false;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(lines.map((l) => [l.msg, l.err])).toEqual([
      ['readiness probe: not ready', 'connection terminated unexpectedly'],
      ['readiness probe: ready again', undefined],
    ]);
  });

  it('an older probe that finishes last does not log its state over a newer one’s', async () => {
    const pending: ((value: boolean) => void)[] = [];
    const { url, lines } = await probed({
      reachable: () => new Promise<boolean>((resolve) => pending.push(resolve)),
      migrationsApplied: async () => true,
      draining: () => false,
    });
    const older = fetch(`${url}/readyz`);
    const newer = fetch(`${url}/readyz`);
    await expect.poll(() => pending.length).toBe(2);
    pending[1](true);
    expect((await newer).status).toBe(200);
    pending[0](false);
    expect((await older).status).toBe(503);
    // Not "not ready": the newer probe had already answered ready.
    expect(lines).toEqual([]);
  });
});

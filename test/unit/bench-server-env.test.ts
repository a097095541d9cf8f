/**
 * The bench starts every server without NODE_EXTRA_CA_CERTS (test/bench/servers/spawn.ts): set, it costs each Node
 * process its root store parsed at start, which would be measured as the server's restart time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnNode } from '../bench/servers/spawn.js';

const saved = process.env.NODE_EXTRA_CA_CERTS;
afterEach(() => {
  if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = saved;
});

const printEnv = 'console.log("extra-ca:" + (process.env.NODE_EXTRA_CA_CERTS ?? "unset") + ":" + (process.env.BENCH_OTHER ?? "unset"))';

describe('bench server environment', () => {
  it('leaves NODE_EXTRA_CA_CERTS out of a server process, and passes the rest of the environment on', async () => {
    process.env.NODE_EXTRA_CA_CERTS = '/etc/ssl/certs/ca-certificates.crt';
    const server = spawnNode(['-e', printEnv], { BENCH_OTHER: 'kept' }, /extra-ca:\S+/, null);
    await server.ready;
    await server.exited;
    expect(server.output()).toContain('extra-ca:unset:kept');
  });

  it('still passes it when a server is given it explicitly', async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    const server = spawnNode(['-e', printEnv], { NODE_EXTRA_CA_CERTS: '/dev/null' }, /extra-ca:\S+/, null);
    await server.ready;
    await server.exited;
    expect(server.output()).toContain('extra-ca:/dev/null:unset');
  });
});

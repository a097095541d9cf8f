/**
 * After a gap in the access relay every live connection is re-asked (server/realtime/live-connections.ts):
 * - a few at a time (`limits.accessRecheckConcurrency`), counted as concurrent session reads against the store, so
 *   3,000 connections never queue 3,000 reads on the database pool the Yjs write path shares;
 * - overlapping "everything may have changed" requests merge: gaps while a pass runs give ONE more pass;
 * - fail safe: a connection whose re-check cannot read storage is not trusted on its old verdict: it is asked again
 *   and, if storage stays unreadable past the bound, closed to reconnect (the retry close code); once storage reads
 *   again within the bound, it is re-checked and stays.
 * The registry is the real one with the real access events; the session store is a stand-in the test can count and
 * break (the re-check only calls `sessionByHash`). Event-driven: each wait is for a close or a re-check.
 */
import { describe, expect, it } from 'vitest';
import { LiveConnections, type LiveConnection } from '../../server/realtime/live-connections.js';
import { createAccessEvents } from '../../server/services/access-events.js';
import type { LiveSession } from '../../server/services/auth-service.js';
import type { Actor } from '../../server/policies/index.js';
import { createLogger } from '../../server/logger.js';
import { limits } from '../../shared/limits.js';

const logger = createLogger('silent');
const hour = 60 * 60 * 1000;
const sessionOf = (i: number): LiveSession => ({ actor: { id: `person-${i}` } as Actor, tokenHash: `hash-${i}`, deadline: Date.now() + hour });

/** A session store whose reads are counted (total, in flight, most at once) and can be made to fail. */
function countingStore() {
  const store = {
    reads: 0,
    inFlight: 0,
    mostAtOnce: 0,
    failing: false,
    async sessionByHash(tokenHash: string): Promise<LiveSession | null> {
      store.reads += 1;
      store.inFlight += 1;
      store.mostAtOnce = Math.max(store.mostAtOnce, store.inFlight);
      try {
        // A read takes a turn of the event loop, as a database round trip does.
        await new Promise((resolve) => setImmediate(resolve));
        if (store.failing) throw new Error('connection terminated');
        return sessionOf(Number(tokenHash.slice('hash-'.length)));
      } finally {
        store.inFlight -= 1;
      }
    },
    async expire() {
      return null;
    },
  };
  return store;
}

/** A connection recording what happened to it; its policy read fails as storage does while `policy.failing`. */
function connection(i: number, policy = { failing: false }) {
  const events: string[] = [];
  let onEvent = () => undefined as void;
  const conn: LiveConnection = {
    personId: `person-${i}`,
    tokenHash: `hash-${i}`,
    recheck: async () => {
      // As the Yjs and Socket.IO re-checks do: a storage fault under the policy's read is thrown, not a refusal.
      await new Promise((resolve) => setImmediate(resolve));
      if (policy.failing) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' });
      events.push('rechecked');
      onEvent();
    },
    revoke: (cause) => {
      events.push(`revoked:${cause}`);
      onEvent();
    },
    closeToRetry: () => {
      events.push('closedToRetry');
      onEvent();
    },
  };
  const until = (check: (e: string[]) => boolean) =>
    new Promise<void>((resolve) => {
      onEvent = () => (check(events) ? resolve() : undefined);
      onEvent();
    });
  return { conn, events, until };
}

/** One connection whose person changed while its policy cannot be read: the re-check has been asked once. */
async function policyFailingAtRecheck(unverifiedMaxMs: number) {
  const store = countingStore();
  const access = createAccessEvents();
  const policy = { failing: true };
  const live = new LiveConnections(store, access, logger, Date.now, { concurrency: 2, retryMs: 5, unverifiedMaxMs });
  const { conn, events, until } = connection(1, policy);
  live.add(conn, sessionOf(1));
  await access.heard({ type: 'person-changed', personId: 'person-1' });
  return { store, policy, live, events, until };
}

describe('re-checking every connection after a relay gap', () => {
  it('3,000 connections are re-asked a few at a time, and gaps during a pass merge into one more pass', async () => {
    const store = countingStore();
    const access = createAccessEvents();
    const live = new LiveConnections(store, access, logger);
    const count = 3_000;
    const conns = Array.from({ length: count }, (_, i) => connection(i));
    conns.forEach(({ conn }, i) => live.add(conn, sessionOf(i)));

    // Three gaps in a row (a flapping Redis): the 2nd and 3rd arrive while the first pass runs.
    await Promise.all([access.heard({ type: 'any-changed' }), access.heard({ type: 'any-changed' }), access.heard({ type: 'any-changed' })]);

    expect(store.mostAtOnce).toBe(limits.accessRecheckConcurrency);
    expect(store.reads).toBe(2 * count);
    for (const { events } of conns) expect(events).toEqual(['rechecked', 'rechecked']);
    live.close();
  });

  it('storage unreadable after a gap: the connection is asked again and then closed to reconnect, not trusted', async () => {
    const store = countingStore();
    const access = createAccessEvents();
    const timing = { concurrency: limits.accessRecheckConcurrency, retryMs: 5, unverifiedMaxMs: 40 };
    const live = new LiveConnections(store, access, logger, Date.now, timing);
    const conns = Array.from({ length: 10 }, (_, i) => connection(i));
    conns.forEach(({ conn }, i) => live.add(conn, sessionOf(i)));

    store.failing = true;
    await access.heard({ type: 'any-changed' });
    const readsAfterGap = store.reads;
    await Promise.all(conns.map(({ until }) => until((e) => e.includes('closedToRetry'))));

    // Asked again (with backoff) before giving up; never trusted with a re-check, never left open.
    expect(store.reads).toBeGreaterThan(readsAfterGap);
    expect(store.mostAtOnce).toBeLessThanOrEqual(limits.accessRecheckConcurrency);
    for (const { events } of conns) expect(events).toEqual(['closedToRetry']);
    expect(live.size).toBe(0);
    live.close();
  });

  it('storage back within the bound: the connection is re-checked from storage and stays open', async () => {
    const store = countingStore();
    const access = createAccessEvents();
    const live = new LiveConnections(store, access, logger, Date.now, { concurrency: 2, retryMs: 5, unverifiedMaxMs: hour });
    const { conn, events, until } = connection(1);
    live.add(conn, sessionOf(1));

    store.failing = true;
    await access.heard({ type: 'any-changed' });
    expect(events).toEqual([]);
    store.failing = false;
    await until((e) => e.length > 0);
    expect(events).toEqual(['rechecked']);
    expect(live.size).toBe(1);
    live.close();
  });

  it("the session reads but the policy behind it does not: asked again, never told 'access removed', closed to reconnect past the bound", async () => {
    const { store, live, events, until } = await policyFailingAtRecheck(40);
    await until((e) => e.length > 0);
    expect(events).toEqual(['closedToRetry']);
    expect(store.reads).toBeGreaterThan(1);
    expect(live.size).toBe(0);
    live.close();
  });

  it('the policy readable again within the bound: re-checked, and the connection stays', async () => {
    const { store, policy, live, events, until } = await policyFailingAtRecheck(hour);
    expect(events).toEqual([]);
    const readsWhileFailing = store.reads;
    policy.failing = false;
    await until((e) => e.length > 0);
    expect(events).toEqual(['rechecked']);
    expect(store.reads).toBeGreaterThan(readsWhileFailing);
    expect(live.size).toBe(1);
    live.close();
  });
});

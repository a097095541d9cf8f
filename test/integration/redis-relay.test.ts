/**
 * The Redis Streams update relay (server/realtime/redis-relay.ts) against a real redis-server of the test's own, so
 * the test can stop it and start it again (empty, as a crash without persistence leaves it): two relays, as two
 * server processes would hold, exchange committed batches; Redis down never throws into the publisher, publishing
 * resumes by itself and the batches kept meanwhile arrive; the reader resumes from its last id; a gap (dropped
 * batches, a reader cut off) tells the host to catch up from storage; a hostile entry is skipped.
 * Event-driven: each wait is for a relay event or a delivery, never a fixed time, except the outage itself, which
 * the scenario defines as 5 s long.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import fc from 'fast-check';
import * as Y from 'yjs';
import { Redis } from 'ioredis';
import '../support/property-seed.js';
import { RedisRelay, type RelayEvent } from '../../server/realtime/redis-relay.js';
import type { RelayedUpdates } from '../../server/realtime/update-relay.js';
import { createLogger } from '../../server/logger.js';
import { ownRedisHarness } from '../support/own-redis.js';
import { conditionWaits } from '../support/condition-waits.js';

const ownRedis = ownRedisHarness();
const logger = createLogger('silent');
const relays: RedisRelay[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
});

/** A relay started with a recorder: what it heard, how often it was told to catch up, and waits for either. */
async function relayOn(url: string, options: { maxQueued?: number; stream?: string } = {}) {
  const relay = new RedisRelay({ url, logger, blockMs: 500, ...options });
  relays.push(relay);
  const heard: RelayedUpdates[] = [];
  let missed = 0;
  const { notify, until } = conditionWaits();
  await relay.start(
    (batch) => {
      heard.push(batch);
      notify();
    },
    () => {
      missed += 1;
      notify();
    },
  );
  return {
    relay,
    heard,
    missed: () => missed,
    heardCount: (n: number) => until(() => heard.length >= n),
    missedOnce: () => until(() => missed > 0),
    event: (name: RelayEvent) => once(relay.events, name),
  };
}

const batch = (i: number, meetingId = 'm1'): RelayedUpdates => ({
  meetingId,
  doc: i % 3 === 0 ? 'restricted' : 'shared',
  lastSeq: i,
  updates: [new Uint8Array([i & 0xff, 0, 255, (i >> 8) & 0xff]), new Uint8Array(0)],
});

/**
 * Publishes on `from` and resolves once `to` has heard `count` batches and `from` has had Redis acknowledge all it
 * queued: `to` can hear a batch before its publisher has read Redis's reply, and a reply lost in a kill leaves the
 * batch queued (to be sent again, and skipped by the reader as a repeat).
 */
async function acknowledged(from: Awaited<ReturnType<typeof relayOn>>, to: Awaited<ReturnType<typeof relayOn>>, count: number, publish: () => unknown) {
  const drained = from.event('drained');
  await Promise.all([publish(), to.heardCount(count), drained]);
}

describe('Redis update relay', () => {
  it('relays committed batches to the other process intact and in order, and never back to its publisher', async () => {
    const redis = await ownRedis();
    const a = await relayOn(redis.url);
    const b = await relayOn(redis.url);
    for (let i = 1; i <= 40; i++) (i % 2 ? a : b).relay.publish(batch(i));
    await Promise.all([a.heardCount(20), b.heardCount(20)]);
    expect(b.heard).toEqual(Array.from({ length: 20 }, (_, k) => batch(2 * k + 1)));
    expect(a.heard).toEqual(Array.from({ length: 20 }, (_, k) => batch(2 * k + 2)));
    expect(a.missed() + b.missed()).toBe(0);
  });

  it('random concurrent edits on two documents, each published after its "commit", converge through the relay', async () => {
    const redis = await ownRedis();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.boolean(), fc.nat(20), fc.string({ maxLength: 5 })), { minLength: 1, maxLength: 30 }),
        async (edits) => {
          const stream = `t:${Math.random()}`;
          const sides = [await relayOn(redis.url, { stream }), await relayOn(redis.url, { stream })];
          const docs = [new Y.Doc(), new Y.Doc()];
          let seq = 0;
          const applied = [0, 0];
          // Each side publishes its own edits; the other applies what it hears (as a host applies relayed updates).
          docs.forEach((doc, i) => doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && sides[i].relay.publish({ meetingId: 'm', doc: 'shared', lastSeq: ++seq, updates: [u] })));
          for (const [left, at, text] of edits) {
            const t = docs[left ? 0 : 1].getText('notes');
            t.insert(Math.min(at, t.length), text || 'x');
          }
          const sent = edits.map(([left]) => (left ? 0 : 1));
          const expectOn = [sent.filter((s) => s === 1).length, sent.filter((s) => s === 0).length];
          await Promise.all(sides.map((s, i) => s.heardCount(expectOn[i])));
          sides.forEach((s, i) => {
            for (const b of s.heard.slice(applied[i])) for (const u of b.updates) Y.applyUpdate(docs[i], u, 'relay');
            applied[i] = s.heard.length;
          });
          expect(docs[0].getText('notes').toString()).toBe(docs[1].getText('notes').toString());
          expect(Y.encodeStateVector(docs[0])).toEqual(Y.encodeStateVector(docs[1]));
          await Promise.all(relays.splice(0).map((r) => r.stop()));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('Redis stopped for 5 s and started again (empty): publishing never throws, resumes by itself, and every batch kept meanwhile arrives', async () => {
    const redis = await ownRedis();
    const a = await relayOn(redis.url);
    const b = await relayOn(redis.url);
    await acknowledged(a, b, 1, () => a.relay.publish(batch(1)));

    const readerDown = Promise.all([a.event('reader-failed'), b.event('reader-failed')]);
    await redis.stop();
    const publishDown = a.event('publish-failed');
    for (let i = 2; i <= 30; i++) expect(() => a.relay.publish(batch(i))).not.toThrow();
    await Promise.all([readerDown, publishDown]);
    expect(a.relay.queuedCount).toBe(29);
    // The outage the scenario asks for: Redis stays down 5 s while the relays keep retrying.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    for (let i = 31; i <= 35; i++) a.relay.publish(batch(i));

    const resumed = Promise.all([a.event('publish-resumed'), b.event('reader-resumed')]);
    await acknowledged(a, b, 35, () => redis.start());
    await resumed;
    expect(b.heard.map((h) => h.lastSeq)).toEqual(Array.from({ length: 35 }, (_, k) => k + 1));
    expect(a.relay.queuedCount).toBe(0);
    // Its read failed, so it was told to catch up from storage (what a dead Redis took with it is in storage).
    expect(b.missed()).toBeGreaterThanOrEqual(1);
    // And relaying carries on both ways.
    b.relay.publish(batch(99, 'm2'));
    await a.heardCount(1);
    expect(a.heard[0]).toEqual(batch(99, 'm2'));
  }, 30_000);

  it('a reader cut off resumes from its last id: nothing published meanwhile is lost or repeated', async () => {
    const redis = await ownRedis();
    const a = await relayOn(redis.url);
    const b = await relayOn(redis.url);
    a.relay.publish(batch(1));
    await b.heardCount(1);
    const admin = new Redis(redis.url);
    try {
      const cut = b.event('reader-failed');
      const list = (await admin.client('LIST')) as string;
      const line = list.split('\n').find((l) => l.includes(`name=triage-relay-r-${b.relay.processId}`));
      expect(line).toBeDefined();
      await admin.client('KILL', 'ID', /id=(\d+)/.exec(line!)![1]);
      await cut;
      for (let i = 2; i <= 50; i++) a.relay.publish(batch(i));
      await b.heardCount(50);
      expect(b.heard.map((h) => h.lastSeq)).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    } finally {
      admin.disconnect();
    }
  });

  it('batches a publisher had to drop while Redis was down show as a gap: the other process is told to catch up from storage', async () => {
    const redis = await ownRedis();
    const a = await relayOn(redis.url, { maxQueued: 3 });
    const b = await relayOn(redis.url);
    await acknowledged(a, b, 1, () => a.relay.publish(batch(1)));
    const down = Promise.all([a.event('publish-failed'), b.event('reader-failed')]);
    await redis.stop();
    for (let i = 2; i <= 10; i++) a.relay.publish(batch(i));
    await down;
    expect(a.relay.queuedCount).toBe(3);
    const bResumed = b.event('reader-resumed');
    await redis.start();
    await bResumed;
    await b.heardCount(4);
    expect(b.heard.map((h) => h.lastSeq)).toEqual([1, 8, 9, 10]);
    // Told twice: once as its own read resumed, once more at the jump from batch 1 to batch 8 of that publisher.
    expect(b.missed()).toBe(2);
  });

  it('a hostile entry in the stream is skipped; the reader carries on', async () => {
    const redis = await ownRedis();
    const b = await relayOn(redis.url);
    const a = await relayOn(redis.url);
    const admin = new Redis(redis.url);
    try {
      await admin.xadd('triage:yjs', '*', 'p', 'intruder', 'n', '1', 'm', 'm1', 'd', 'nonsense', 's', 'x', 'u', 'zz');
      await admin.xadd('triage:yjs', '*', 'p', 'intruder2', 'n', '1', 'm', 'm1', 'd', 'shared', 's', '5', 'u', Buffer.from([200]));
      await admin.xadd('triage:yjs', '*', 'garbage', 'more garbage');
    } finally {
      admin.disconnect();
    }
    a.relay.publish(batch(7));
    await b.heardCount(1);
    expect(b.heard).toEqual([batch(7)]);
  });
});

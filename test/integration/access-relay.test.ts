/**
 * The access-change relay (server/realtime/access-relay.ts) against a real redis-server of the test's own: two
 * relays, as two server processes hold them.
 * - a change published on one is applied on the other BEFORE the publisher's promise resolves (the command answers
 *   only once every other process has cut the person's connections);
 * - hostile messages on the channel (not JSON, unknown shapes, forged fields) are ignored, never applied, never fatal;
 * - Redis away: publishing resolves at once (a command is never held by the relay), and once Redis is back each
 *   process re-checks all its connections (the `missed` call), since pub/sub kept nothing for it.
 * Event-driven: each wait is for a delivery, a Redis reply or a re-check, never a fixed time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import '../support/property-seed.js';
import { parseRelayedChange, redisAccessRelay } from '../../server/realtime/access-relay.js';
import type { AccessChange } from '../../server/services/access-events.js';
import { createLogger } from '../../server/logger.js';
import { ownRedisHarness } from '../support/own-redis.js';
import { conditionWaits } from '../support/condition-waits.js';

const ownRedis = ownRedisHarness();
const logger = createLogger('silent');
const opened: Redis[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.disconnect();
});
const connect = (url: string, options: { autoResubscribe?: boolean } = {}) => {
  const r = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 50, ...options });
  r.on('error', () => undefined);
  opened.push(r);
  return r;
};

/**
 * The relays' wait bound in these tests: far beyond the test's own timeout, so a publish that resolves did so because
 * the acknowledgements were counted (or Redis was seen away), never because the bound ran out.
 */
const longWaitMs = 60_000;

/** Rejects when `ms` pass: raced with a publish, the test fails if the publish only resolved by waiting out its bound. */
const boundReached = (ms: number) =>
  new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new Error(`publish waited out its ${ms} ms bound`)), ms);
    t.unref();
  });

/** One process's relay, recording what it applied and how often it re-checked everything. */
function relayOn(url: string, apply: (change: AccessChange) => Promise<void> = async () => undefined, waitMs = longWaitMs) {
  const publisher = connect(url);
  const relay = redisAccessRelay(publisher, connect(url, { autoResubscribe: false }), logger, waitMs);
  const applied: AccessChange[] = [];
  let rechecks = 0;
  const { notify, until } = conditionWaits();
  relay.start(
    async (change) => {
      await apply(change);
      applied.push(change);
      notify();
    },
    async () => {
      rechecks += 1;
      notify();
    },
  );
  /** Subscribed (its first re-check ran) and able to publish. */
  const ready = async () => {
    await until(() => rechecks >= 1);
    if (publisher.status !== 'ready') await new Promise((resolve) => publisher.once('ready', resolve));
  };
  return { relay, applied, rechecks: () => rechecks, until, ready };
}

describe('access changes between processes over Redis', () => {
  it("a change published on one process is applied on the other before the publisher's promise resolves", async () => {
    const redis = await ownRedis();
    const order: string[] = [];
    const probe = connect(redis.url);
    const a = relayOn(redis.url);
    // B's apply takes a Redis round trip of its own (as re-asking storage takes a query) before it is done.
    const b = relayOn(redis.url, async () => {
      order.push('applying');
      await probe.ping();
      order.push('applied');
    });
    await Promise.all([a.ready(), b.ready()]);

    const change: AccessChange = { type: 'person-changed', personId: 'person-1' };
    await a.relay.publish(change);
    order.push('answered');
    expect(order).toEqual(['applying', 'applied', 'answered']);
    expect(b.applied).toEqual([change]);
    // Never applied twice, and never on the publisher itself (it told its own listeners already).
    expect(a.applied).toEqual([]);
  });

  it('hostile messages on the channel are ignored; a real change after them is applied exactly as sent', async () => {
    const redis = await ownRedis();
    const a = relayOn(redis.url);
    const b = relayOn(redis.url);
    await Promise.all([a.ready(), b.ready()]);
    const stray = connect(redis.url);
    const hostile = [
      'not json',
      '{"from":"x","id":"1","change":{"type":"account-disabled"}}',
      '{"from":"x","id":"2","change":{"type":"session-ended","tokenHash":"h","cause":"deleted"}}',
      '{"from":"x","id":"3","change":{"type":"any-changed"}}',
      `{"from":"x","id":"4","change":{"type":"person-changed","personId":"${'p'.repeat(500)}"}}`,
      '{"id":"5","change":{"type":"person-changed","personId":"p"}}',
      'null',
      '{"to":"nobody","id":"6"}',
    ];
    for (const message of hostile) await stray.publish('triage:access', message);
    await stray.publish('triage:access:ack', 'not json');

    const change: AccessChange = { type: 'session-ended', tokenHash: 'a-session-hash', cause: 'signedOut' };
    await a.relay.publish(change);
    expect(b.applied).toEqual([change]);
  });

  it('only the shapes a process sends pass the parser; anything else is refused without throwing', () => {
    // Close to real changes, so that the property reaches both answers: kinds, fields and values right or wrong.
    const field = fc.oneof(fc.string({ maxLength: 140 }), fc.jsonValue());
    const nearlyChanges = fc.record(
      {
        type: fc.constantFrom('session-ended', 'account-disabled', 'person-changed', 'any-changed', 'other'),
        personId: field,
        tokenHash: field,
        cause: fc.oneof(fc.constantFrom('signedOut', 'sessionExpired', 'accessRemoved'), field),
        extra: fc.jsonValue(),
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearlyChanges), (value) => {
        const parsed = parseRelayedChange(value);
        if (parsed === null) return;
        // Whatever passes is exactly one of the relayed kinds, with nothing added.
        expect(['session-ended', 'account-disabled', 'person-changed']).toContain(parsed.type);
        expect(parsed).toEqual(Object.fromEntries(Object.keys(parsed).map((k) => [k, (value as Record<string, unknown>)[k]])));
      }),
    );
    for (const change of [
      { type: 'person-changed', personId: 'p' },
      { type: 'account-disabled', personId: 'p' },
      { type: 'session-ended', tokenHash: 'h', cause: 'sessionExpired' },
    ])
      expect(parseRelayedChange({ ...change, extra: 'dropped' })).toEqual(change);
  });

  it('Redis away: publishing resolves at once; once Redis is back every process re-checks all its connections', async () => {
    const redis = await ownRedis();
    const a = relayOn(redis.url);
    const b = relayOn(redis.url);
    await Promise.all([a.ready(), b.ready()]);
    const gone = Promise.all(opened.slice(0, 4).map((r) => new Promise<void>((resolve) => r.once('close', () => resolve()))));
    await redis.stop();
    await gone;

    // The race's bound is armed before A's (same length, so it fires first): only a publish that does not wait for
    // acknowledgements wins it (and the test's own timeout, shorter still, fails any publish that waits).
    const bound = boundReached(longWaitMs);
    await Promise.race([a.relay.publish({ type: 'account-disabled', personId: 'person-2' }), bound]);
    await redis.start();
    await Promise.all([a.until(() => a.rechecks() === 2), b.until(() => b.rechecks() === 2)]);
  });
});

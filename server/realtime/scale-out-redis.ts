/**
 * scale-out.ts with Redis (TRIAGE_REDIS_URL): the Yjs update relay over a Redis stream, presence and access changes
 * over pub/sub, and Socket.IO's Redis Streams adapter with connection state recovery. Loaded by createScaleOut only when configured.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';
import { RedisRelay } from './redis-relay.js';
import type { UpdateRelay } from './update-relay.js';
import { redisPresenceRelay } from './presence-relay.js';
import { redisAccessRelay } from './access-relay.js';
import { recoveryWindowMs, type ScaleOut } from './scale-out.js';

export function redisScaleOut(redisUrl: string, logger: Logger): ScaleOut {
  const redisRelay = new RedisRelay({ url: redisUrl, logger });
  const checks: (() => void)[] = [];
  const relay: UpdateRelay = {
    publish: (batch) => redisRelay.publish(batch),
    start: (onRemote, onMissed) =>
      redisRelay.start(onRemote, () => {
        onMissed?.();
        for (const check of checks) check();
      }),
    stop: () => redisRelay.stop(),
  };
  // The adapter publishes each room event with XADD before delivering it even locally, and does not retry: so its
  // client keeps commands queued while Redis is away (maxRetriesPerRequest null) and sends them once it is back.
  // Room events are delayed by an outage, not lost; the Yjs documents do not depend on this client at all.
  const client = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
    connectionName: 'triage-socketio',
  });
  const onError = (err: Error) => warnThrottled(logger, 'Socket.IO Redis connection error', { err: err.message });
  client.on('error', onError);
  // The adapter reads through duplicates of this client; without a listener ioredis prints every failed reconnect
  // of theirs to stderr, a line per retry for as long as Redis is away.
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override) => duplicate(override).on('error', onError);
  // Subscribed connections can do nothing else: presence gets one of its own (its publishes go through `client`).
  const presenceSubscriber = client.duplicate({ connectionName: 'triage-presence' });
  // Access changes subscribe themselves after each reconnect (then re-check every connection): see access-relay.ts.
  const accessSubscriber = client.duplicate({ connectionName: 'triage-access', autoResubscribe: false });
  return {
    relay,
    onMissed: (check) => checks.push(check),
    presence: redisPresenceRelay(client, presenceSubscriber, logger),
    access: redisAccessRelay(client, accessSubscriber, logger),
    shared: true,
    socketOptions: {
      adapter: createAdapter(client, { streamName: 'triage:socketio', maxLen: 10_000 }),
      // Middlewares run again on recovery: the session is checked afresh, never trusted from Redis.
      connectionStateRecovery: { maxDisconnectionDuration: recoveryWindowMs, skipMiddlewares: false },
    },
    close: async () => {
      await relay.stop();
      presenceSubscriber.disconnect();
      accessSubscriber.disconnect();
      client.disconnect();
    },
  };
}

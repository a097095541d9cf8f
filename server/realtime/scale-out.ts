/**
 * What changes when several processes serve one install (TRIAGE_REDIS_URL; docs/scale-out.md): the Yjs update relay
 * over Redis Streams, and Socket.IO's Redis Streams adapter with connection state recovery, so an event emitted to a
 * meeting's room in one process reaches that room's clients on every process, and a client that lost its connection
 * for a moment gets what it missed; presence; and access changes, applied on every process (access-relay.ts). Without Redis: one process, nothing relayed, Socket.IO as before.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';
import { RedisRelay } from './redis-relay.js';
import { localOnly, type UpdateRelay } from './update-relay.js';
import { localPresenceOnly, redisPresenceRelay, type PresenceRelay } from './presence-relay.js';
import { redisAccessRelay, type AccessRelayOverRedis } from './access-relay.js';

export interface ScaleOut {
  relay: UpdateRelay;
  /**
   * Also told when the relay may have missed something (Redis was away, a gap): besides the documents catching up
   * from storage, whatever else was only signalled through Redis is re-checked against storage.
   */
  onMissed(check: () => void): void;
  /** Document presence (awareness) between processes. */
  presence: PresenceRelay;
  /** Access changes (revocations, role changes) between processes; none for one process. */
  access: AccessRelayOverRedis | null;
  /** Extra Socket.IO server options: the adapter and connection state recovery (none for one process). */
  socketOptions: Partial<ServerOptions>;
  /** True when other processes may change a meeting's room state: read it from storage rather than memory. */
  shared: boolean;
  /** After Socket.IO is closed (its adapter closes its own reading connections): the rest of the Redis clients. */
  close(): Promise<void>;
}

/** How long a client that lost its connection can come back to the same session and be sent what it missed. */
export const recoveryWindowMs = 2 * 60_000;

export function createScaleOut(redisUrl: string | null | undefined, logger: Logger): ScaleOut {
  if (!redisUrl) return { relay: localOnly, onMissed: () => undefined, presence: localPresenceOnly, access: null, socketOptions: {}, shared: false, close: async () => undefined };
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

/**
 * What changes when several processes serve one install (TRIAGE_REDIS_URL; docs/scale-out.md): the Yjs update relay
 * over Redis Streams, and Socket.IO's Redis Streams adapter with connection state recovery, so an event emitted to a
 * meeting's room in one process reaches that room's clients on every process, and a client that lost its connection
 * for a moment gets what it missed; presence; access changes (access-relay.ts). Without Redis: one process, nothing relayed, Socket.IO as before. The Redis side
 * (ioredis, the adapter) is in scale-out-redis.ts, loaded only when TRIAGE_REDIS_URL is set.
 */
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger.js';
import { localOnly, type UpdateRelay } from './update-relay.js';
import { localPresenceOnly, type PresenceRelay } from './presence-relay.js';
import type { AccessRelayOverRedis } from './access-relay.js';

export interface ScaleOut {
  relay: UpdateRelay;
  /**
   * Also told when the relay may have missed something (Redis was away, a gap): besides the documents catching up
   * from storage, whatever else was only signalled through Redis is re-checked against storage.
   */
  onMissed(check: () => void): void;
  /** Document presence (awareness) between processes. */
  presence: PresenceRelay;
  /** Access changes (revocations, role changes) between processes (access-relay.ts); none for one process. */
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

export async function createScaleOut(redisUrl: string | null | undefined, logger: Logger): Promise<ScaleOut> {
  if (!redisUrl) return { relay: localOnly, onMissed: () => undefined, presence: localPresenceOnly, access: null, socketOptions: {}, shared: false, close: async () => undefined };
  return (await import('./scale-out-redis.js')).redisScaleOut(redisUrl, logger);
}

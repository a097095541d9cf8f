/** Per-socket plumbing of the room's Socket.IO server: data kept off the wire, a rate limit, every event acked. */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { authLimits } from '../../shared/limits.js';
import { roomEvents, type Ack, type RoomRevoked } from '../../shared/room-protocol.js';
import { closeCodes, type RevocationCause } from '../../shared/protocol.js';
import { msg } from '../../shared/i18n/message.js';
import { toAppError } from '../errors.js';
import type { Actor } from '../policies/index.js';
import type { Logger } from '../logger.js';

type AckFn<T> = (ack: Ack<T>) => void;

/**
 * Kept on the socket but off the wire: with several processes the Redis adapter sends `socket.data` to the others
 * (fetchSockets) and stores it for connection state recovery, so functions, Maps and the session (its token hash)
 * stay non-enumerable, which both its JSON and its msgpack encoding skip.
 */
export function keepLocal(data: Record<string, unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) Object.defineProperty(data, key, { value, writable: true, enumerable: false, configurable: true });
}

/** Tells a socket its access to one meeting (or to everything: null) ended or narrowed, and why. */
export function tellRevoked(socket: Socket, meetingId: string | null, cause: RevocationCause): void {
  const notice: RoomRevoked = { meetingId, code: closeCodes[cause], cause };
  socket.emit(roomEvents.revoked, notice);
}

/** A token bucket per socket: a burst is fine, a flood gets `rate_limited` acks. */
export function rateLimiter() {
  let tokens: number = authLimits.socketEventBurst;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(authLimits.socketEventBurst, tokens + ((now - last) / 1000) * authLimits.socketEventsPerSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** Parses the payload, runs the handler and always answers the ack — with data or an error code. */
export function handleEvent<S extends z.ZodType, T>(
  socket: Socket,
  event: string,
  schema: S,
  run: (payload: z.infer<S>, actor: Actor) => T | Promise<T>,
  logger: Logger,
): void {
  const allow = socket.data.allowEvent as () => boolean;
  const authenticate = socket.data.authenticate as (() => Promise<Actor | null>) | undefined;
  socket.on(event, async (payload: unknown, ack?: unknown) => {
    const reply: AckFn<T> = typeof ack === 'function' ? (ack as AckFn<T>) : () => undefined;
    // Everything in the try: this is an event handler, so a throw would be an unhandled rejection.
    try {
      // The session is asked again for every event: a revoked or expired one is refused before anything runs.
      if (authenticate && !(await authenticate())) return reply({ ok: false, error: { code: 'unauthorised', message: msg('room:server.sessionEnded') } });
      if (!allow()) return reply({ ok: false, error: { code: 'rate_limited', message: msg('room:server.slowDown') } });
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        return reply({ ok: false, error: { code: 'validation_failed', message: msg('room:server.invalidPayload') } });
      }
      reply({ ok: true, data: await run(parsed.data, socket.data.actor as Actor) });
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === 'internal') logger.error({ event, err: (err as Error).message }, 'socket event failed');
      // A storage fault: the sender is told in words and may retry; logged (as a warning) so operators see it too.
      else if (appError.code === 'unavailable') logger.warn({ event, err: (err as Error).message }, 'socket event hit a storage fault');
      reply({ ok: false, error: { code: appError.code, message: appError.encoded() } });
    }
  });
}

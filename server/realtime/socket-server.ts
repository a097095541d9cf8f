/** Socket.IO on the shared HTTP server: signed-in people only; every event zod-parsed, rate-limited and acked. */
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { authLimits, limits } from '../../shared/limits.js';
import { handPayload, joinPayload, meetingOnlyPayload, movePayload, roomEvents, timerPayload, type Ack, type RoomSnapshot, type PresenceEntry } from '../../shared/room-protocol.js';
import { AppError, toAppError } from '../errors.js';
import type { Context } from '../context.js';
import type { Actor, MeetingAction } from '../policies/index.js';
import type { RoomService } from '../services/room-service.js';
import type { Logger } from '../logger.js';

type AckFn<T> = (ack: Ack<T>) => void;

/** A token bucket per socket: a burst is fine, a flood gets `rate_limited` acks. */
function rateLimiter() {
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
  socket.on(event, async (payload: unknown, ack?: unknown) => {
    const reply: AckFn<T> = typeof ack === 'function' ? (ack as AckFn<T>) : () => undefined;
    if (!allow()) return reply({ ok: false, error: { code: 'rate_limited', message: 'Too many messages; slow down' } });
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply({ ok: false, error: { code: 'validation_failed', message: parsed.error.issues[0]?.message ?? 'Invalid payload' } });
    }
    try {
      reply({ ok: true, data: await run(parsed.data, socket.data.actor as Actor) });
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === 'internal') logger.error({ event, err: (err as Error).message }, 'socket event failed');
      reply({ ok: false, error: { code: appError.code, message: appError.message } });
    }
  });
}

export function attachSocketServer(httpServer: http.Server, ctx: Context, rooms: RoomService): Server {
  const { logger, policies, auth } = ctx;
  const io = new Server(httpServer, {
    destroyUpgrade: false,
    maxHttpBufferSize: limits.socketMaxBuffer,
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || new URL(origin).host === req.headers.host);
    },
  });
  io.use((socket, next) => {
    const actor = auth.authenticate(socket.request.headers.cookie);
    if (!actor) return next(new Error('unauthorised'));
    socket.data.actor = actor;
    socket.data.allowEvent = rateLimiter();
    next();
  });
  const snapshotOf = async (meetingId: string): Promise<RoomSnapshot> => {
    const sockets = await io.in(`meeting:${meetingId}`).fetchSockets();
    const present = new Map<string, PresenceEntry>();
    for (const s of sockets) {
      const actor = s.data.actor as Actor;
      present.set(actor.id, { id: actor.id, name: actor.name, agency: actor.agencyName, role: policies.meetingRole(actor, meetingId) ?? 'observer' });
    }
    const state = rooms.state(meetingId);
    return {
      meetingId,
      version: state.version,
      status: rooms.statusOf(meetingId),
      currentItemId: state.currentItemId,
      timer: state.timer,
      hands: state.hands,
      speaker: state.speaker,
      present: Array.from(present.values()).sort((a, b) => a.name.localeCompare(b.name)),
    };
  };

  const broadcast = async (meetingId: string) => {
    io.to(`meeting:${meetingId}`).emit(roomEvents.snapshot, await snapshotOf(meetingId));
  };

  io.on('connection', (socket) => {
    handleEvent(
      socket,
      roomEvents.join,
      joinPayload,
      async ({ meetingId }, actor) => {
        policies.authoriseMeeting(actor, meetingId, 'view');
        await socket.join(`meeting:${meetingId}`);
        await broadcast(meetingId);
        return snapshotOf(meetingId);
      },
      logger,
    );
    /** A room command: the sender must be in the room and allowed; the change is broadcast to everyone. */
    const command = <S extends typeof meetingOnlyPayload | typeof movePayload | typeof timerPayload | typeof handPayload>(
      event: string,
      schema: S,
      action: MeetingAction,
      run: (payload: z.infer<S>, actor: Actor) => void,
    ) =>
      handleEvent(
        socket,
        event,
        schema as z.ZodType<{ meetingId: string }>,
        async (payload, actor) => {
          policies.authoriseMeeting(actor, payload.meetingId, action);
          if (!socket.rooms.has(`meeting:${payload.meetingId}`)) throw new AppError('conflict', 'Join the meeting first');
          run(payload as z.infer<S>, actor);
          await broadcast(payload.meetingId);
          return { version: rooms.state(payload.meetingId).version };
        },
        logger,
      );
    command(roomEvents.open, meetingOnlyPayload, 'chair', ({ meetingId }) => rooms.open(meetingId));
    command(roomEvents.move, movePayload, 'chair', ({ meetingId, itemId }) => rooms.move(meetingId, itemId));
    command(roomEvents.timer, timerPayload, 'chair', ({ meetingId, action, targetSeconds }) => rooms.timer(meetingId, action, targetSeconds));
    command(roomEvents.hand, handPayload, 'view', ({ meetingId, raised }, actor) => rooms.hand(actor, meetingId, raised));
    command(roomEvents.nextSpeaker, meetingOnlyPayload, 'chair', ({ meetingId }) => rooms.nextSpeaker(meetingId));
    command(roomEvents.end, meetingOnlyPayload, 'chair', ({ meetingId }, actor) => rooms.end(meetingId, actor));
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith('meeting:')) setImmediate(() => void broadcast(room.slice('meeting:'.length)));
      }
    });
  });
  return io;
}

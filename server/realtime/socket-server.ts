/** Socket.IO on the shared HTTP server: presence now; the chair's commands join it in the live-room work. */
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { limits } from '../../shared/limits.js';
import { joinPayload, roomEvents, type Ack, type RoomSnapshot, type PresenceEntry } from '../../shared/room-protocol.js';
import { AppError, toAppError } from '../errors.js';
import type { RecordsRepo } from '../db/records-repo.js';
import type { Logger } from '../logger.js';

interface Deps {
  logger: Logger;
  records: RecordsRepo;
}

type AckFn<T> = (ack: Ack<T>) => void;

/** Parses the payload, runs the handler and always answers the ack — with data or an error code. */
function handle<S extends z.ZodType, T>(
  socket: Socket,
  event: string,
  schema: S,
  run: (payload: z.infer<S>) => T,
  logger: Logger,
): void {
  socket.on(event, (payload: unknown, ack?: unknown) => {
    const reply: AckFn<T> = typeof ack === 'function' ? (ack as AckFn<T>) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply({ ok: false, error: { code: 'validation_failed', message: parsed.error.issues[0]?.message ?? 'Invalid payload' } });
    }
    try {
      reply({ ok: true, data: run(parsed.data) });
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === 'internal') logger.error({ event, err: (err as Error).message }, 'socket event failed');
      reply({ ok: false, error: { code: appError.code, message: appError.message } });
    }
  });
}

export function attachSocketServer(httpServer: http.Server, { logger, records }: Deps): Server {
  const io = new Server(httpServer, {
    destroyUpgrade: false,
    maxHttpBufferSize: limits.socketMaxBuffer,
    serveClient: false,
  });
  const versions = new Map<string, number>();

  const snapshotOf = async (meetingId: string): Promise<RoomSnapshot> => {
    const meeting = records.findMeeting(meetingId);
    const sockets = await io.in(`meeting:${meetingId}`).fetchSockets();
    const present = new Map<string, PresenceEntry>();
    for (const s of sockets) {
      const entry = s.data.presence as PresenceEntry | undefined;
      if (entry) present.set(entry.id, entry);
    }
    return {
      meetingId,
      version: versions.get(meetingId) ?? 0,
      status: meeting?.status ?? 'scheduled',
      present: Array.from(present.values()),
    };
  };

  const broadcast = async (meetingId: string) => {
    versions.set(meetingId, (versions.get(meetingId) ?? 0) + 1);
    io.to(`meeting:${meetingId}`).emit(roomEvents.snapshot, await snapshotOf(meetingId));
  };

  io.on('connection', (socket) => {
    socket.data.presence = { id: socket.id, name: 'Guest', agency: null, role: 'member' } satisfies PresenceEntry;
    handle(
      socket,
      roomEvents.join,
      joinPayload,
      ({ meetingId }) => {
        if (!records.meetingExists(meetingId)) throw new AppError('not_found', 'No such meeting');
        socket.join(`meeting:${meetingId}`);
        void broadcast(meetingId);
        return { meetingId };
      },
      logger,
    );
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith('meeting:')) setImmediate(() => void broadcast(room.slice('meeting:'.length)));
      }
    });
  });
  return io;
}

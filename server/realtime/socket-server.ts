/** Socket.IO on the shared HTTP server: signed-in people only; every event zod-parsed, rate-limited and acked. */
import type http from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { z } from 'zod';
import { limits } from '../../shared/limits.js';
import {
  focusPayload,
  handPayload,
  joinPayload,
  meetingOnlyPayload,
  movePayload,
  roomEvents,
  timerPayload,
  type RoomJoined,
  type RoomSnapshot,
  type RoomNotice,
  type PresenceEntry,
} from '../../shared/room-protocol.js';
import { AppError, render, storageFaultOf } from '../errors.js';
import type { Context } from '../context.js';
import type { Actor, MeetingAction, MeetingRole } from '../policies/index.js';
import type { RoomService } from '../services/room-service.js';
import type { AttendanceService, Attendee } from '../services/attendance-service.js';
import type { LiveSession } from '../services/auth-service.js';
import type { LiveConnections } from './live-connections.js';
import { revocationCauseOf } from './yjs-access.js';
import type { RevocationCause } from '../../shared/protocol.js';
import { msg } from '../../shared/i18n/message.js';
import { checkOrigin } from '../http/origin.js';
import { handleEvent, keepLocal, rateLimiter, tellRevoked } from './socket-events.js';

/** Sent from the process that ended a meeting to the others (Socket.IO's server-side events, through Redis). */
export const meetingEndedSignal = 'triage:meeting-ended';

/**
 * Where one socket's keyboard focus is, per meeting: the item whose editing area it is in, and since when. A plain
 * object: with several processes it reaches the others in `socket.data` (presence is built from every process's sockets).
 */
type FocusByMeeting = Record<string, { itemId: string | null; at: number } | undefined>;

export function attachSocketServer(
  httpServer: http.Server,
  ctx: Context,
  rooms: RoomService,
  attendance: AttendanceService,
  live: LiveConnections,
  /**
   * With several processes (server/realtime/scale-out.ts): the Redis Streams adapter and connection state recovery,
   * and `shared`: another process may change a room's state, so snapshots read it from storage, not this one's memory.
   */
  scaleOut: { socketOptions: Partial<ServerOptions>; shared: boolean } = { socketOptions: {}, shared: false },
): { io: Server; agendaChanged: (meetingId: string) => void; notifyPeople: (personIds: string[], event: string, payload: unknown) => void } {
  const { logger, policies, auth } = ctx;
  const io = new Server(httpServer, {
    destroyUpgrade: false,
    maxHttpBufferSize: limits.socketMaxBuffer,
    serveClient: false,
    // engine.io answers a refusal with HTTP 403 and `{ code: 4, message }` (polling) or a refused upgrade (WebSocket).
    allowRequest: (req, callback) => {
      const origin = checkOrigin(req.headers);
      callback(origin.ok ? null : render('en', origin.message), origin.ok);
    },
    ...scaleOut.socketOptions,
  });
  io.use(async (socket, next) => {
    let session: LiveSession | null;
    try {
      session = await auth.session(socket.request.headers.cookie);
    } catch (err) {
      // A storage fault while reading the session: refuse this attempt (the client retries), never throw out of here.
      logger.warn({ err: (err as Error).message }, 'socket sign-in check failed');
      return next(new Error('unavailable'));
    }
    if (!session) return next(new Error('unauthorised'));
    const roles = new Map<string, MeetingRole>();
    keepLocal(socket.data, { session, roles, allowEvent: rateLimiter(), revoked: false, rechecks: 0 });
    socket.data.actor = session.actor;
    socket.data.focus = {} satisfies FocusByMeeting;
    // A recovered connection (several processes; it was away a moment) comes back in its old rooms: each is allowed
    // again as the records say now, or left, so recovery never keeps someone in a meeting they were removed from.
    if (socket.recovered) {
      for (const room of Array.from(socket.rooms)) {
        if (room.startsWith('person:') && room !== `person:${session.actor.id}`) void socket.leave(room);
        if (!room.startsWith('meeting:')) continue;
        const meetingId = room.slice('meeting:'.length);
        try {
          roles.set(meetingId, await policies.authoriseMeeting(session.actor, meetingId, 'view'));
        } catch {
          void socket.leave(room);
        }
      }
    }
    next();
  });
  const roomName = (meetingId: string) => `meeting:${meetingId}`;
  const socketsIn = (meetingId: string) => io.in(roomName(meetingId)).fetchSockets();
  const attendeeOf = async (actor: Actor, meetingId: string): Promise<Attendee> => ({ personId: actor.id, role: (await policies.meetingRole(actor, meetingId)) ?? 'observer' });

  const snapshotOf = async (meetingId: string): Promise<RoomSnapshot> => {
    const sockets = await socketsIn(meetingId);
    const acknowledged = await attendance.acknowledgedIds(meetingId);
    const present = new Map<string, PresenceEntry>();
    // One entry per person however many tabs: editing = the item their most recent focus entered, in any tab.
    const focusAt = new Map<string, number>();
    for (const s of sockets) {
      const actor = s.data.actor as Actor;
      const entry = present.get(actor.id) ?? {
        id: actor.id,
        name: actor.name,
        agency: actor.agencyName,
        role: (await attendeeOf(actor, meetingId)).role,
        editingItemId: null,
        acknowledged: acknowledged.has(actor.id),
      };
      const focus = (s.data.focus as FocusByMeeting | undefined)?.[meetingId];
      if (focus?.itemId && focus.at > (focusAt.get(actor.id) ?? -1)) {
        entry.editingItemId = focus.itemId;
        focusAt.set(actor.id, focus.at);
      }
      present.set(actor.id, entry);
    }
    const state = scaleOut.shared ? await rooms.fresh(meetingId) : await rooms.state(meetingId);
    return {
      meetingId,
      version: state.version,
      status: await rooms.statusOf(meetingId),
      currentItemId: state.currentItemId,
      timer: state.timer,
      hands: state.hands,
      speaker: state.speaker,
      present: Array.from(present.values()).sort((a, b) => a.name.localeCompare(b.name)),
    };
  };

  const broadcast = async (meetingId: string) => {
    io.to(roomName(meetingId)).emit(roomEvents.snapshot, await snapshotOf(meetingId));
  };
  const presentAttendees = async (meetingId: string): Promise<Attendee[]> => {
    const byPerson = new Map<string, Attendee>();
    for (const s of await socketsIn(meetingId)) byPerson.set((s.data.actor as Actor).id, await attendeeOf(s.data.actor as Actor, meetingId));
    return Array.from(byPerson.values());
  };

  /** After a socket left a meeting's room: the person has left only if none of their other tabs is still in it. */
  const afterLeaving = (meetingId: string, personId: string) => {
    void (async () => {
      const stillHere = (await socketsIn(meetingId)).some((s) => (s.data.actor as Actor).id === personId);
      if (!stillHere) {
        await attendance.departed(meetingId, personId);
        await rooms.left(meetingId, personId);
      }
      await broadcast(meetingId);
    })().catch((err: Error) => logger.error({ meetingId, err: err.message }, 'leaving the room failed'));
  };

  /**
   * After any change to a meeting's shared document: if it removed the item being discussed, the room moves to
   * nothing and everyone in it is told why. Runs inside the document's update handling, so it never throws.
   */
  const agendaChanged = (meetingId: string) => {
    void (async () => {
      const dropped = await rooms.dropRemovedCurrent(meetingId);
      if (!dropped) return;
      const notice: RoomNotice = { meetingId, kind: 'removedCurrent', ...dropped.notice };
      io.to(roomName(meetingId)).emit(roomEvents.notice, notice);
      await broadcast(meetingId).catch((err: Error) => logger.error({ meetingId, err: err.message }, 'room broadcast failed'));
    })().catch((err: Error) => logger.error({ meetingId, err: err.message }, 'room could not follow a removed item'));
  };

  /** Each connection joins its person's own room, so a notice can reach every tab of that person on any page. */
  const personRoom = (personId: string) => `person:${personId}`;
  const notifyPeople = (personIds: string[], event: string, payload: unknown) => {
    if (personIds.length > 0) io.to(personIds.map(personRoom)).emit(event, payload);
  };

  io.on('connection', (socket) => {
    void socket.join(personRoom((socket.data.actor as Actor).id));
    const requireJoined = (meetingId: string) => {
      if (!socket.rooms.has(roomName(meetingId))) throw new AppError('conflict', msg('room:server.joinFirst'));
    };
    trackSocket(socket);
    handleEvent(
      socket,
      roomEvents.join,
      joinPayload,
      async ({ meetingId }, actor): Promise<RoomJoined> => {
        const roles = socket.data.roles as Map<string, MeetingRole>;
        const rechecksBefore = socket.data.rechecks as number;
        let role = await policies.authoriseMeeting(actor, meetingId, 'view');
        roles.set(meetingId, role);
        // A re-check that ran while the role was being read did not see this meeting: read it again, and tell.
        if (socket.data.rechecks !== rechecksBefore) {
          const now = await policies.authoriseMeeting(socket.data.actor as Actor, meetingId, 'view').catch((err: unknown) => {
            roles.delete(meetingId); // refused now (or unreadable): not in this meeting's room
            throw err;
          });
          if (now !== role) {
            roles.set(meetingId, (role = now));
            tellRevoked(socket, meetingId, 'roleChanged');
          }
        }
        await socket.join(roomName(meetingId));
        await attendance.arrived(meetingId, await attendeeOf(actor, meetingId));
        await broadcast(meetingId);
        // The role the room holds this tab to: a page fetched under another role says so and fetches again.
        return { ...(await snapshotOf(meetingId)), role };
      },
      logger,
    );
    /** A room command: the sender must be in the room and allowed; the change is broadcast to everyone. */
    const command = <S extends typeof meetingOnlyPayload | typeof movePayload | typeof timerPayload | typeof handPayload>(
      event: string,
      schema: S,
      action: MeetingAction,
      /** May return what the acknowledgement carries besides the room's version (e.g. notices for the chair). */
      run: (payload: z.infer<S>, actor: Actor) => void | Record<string, unknown> | Promise<void | Record<string, unknown>>,
    ) =>
      handleEvent(
        socket,
        event,
        schema as z.ZodType<{ meetingId: string }>,
        async (payload, actor) => {
          await policies.authoriseMeeting(actor, payload.meetingId, action);
          requireJoined(payload.meetingId);
          const extra = await run(payload as z.infer<S>, actor);
          await broadcast(payload.meetingId);
          return { version: (await rooms.state(payload.meetingId)).version, ...(extra ?? {}) };
        },
        logger,
      );
    const ip = socket.handshake.address || null;
    command(roomEvents.open, meetingOnlyPayload, 'chair', async ({ meetingId }, actor) => {
      await rooms.open(meetingId, actor, ip);
      await attendance.opened(meetingId, await presentAttendees(meetingId));
    });
    command(roomEvents.move, movePayload, 'chair', async ({ meetingId, itemId }) => void (await rooms.move(meetingId, itemId)));
    command(roomEvents.timer, timerPayload, 'chair', async ({ meetingId, action, targetSeconds }) => void (await rooms.timer(meetingId, action, targetSeconds)));
    command(roomEvents.hand, handPayload, 'view', async ({ meetingId, raised }, actor) => void (await rooms.hand(actor, meetingId, raised)));
    command(roomEvents.nextSpeaker, meetingOnlyPayload, 'chair', async ({ meetingId }) => void (await rooms.nextSpeaker(meetingId)));
    // Attendance closes inside the ending transaction, so the minutes record everyone's leaving time.
    command(roomEvents.end, meetingOnlyPayload, 'chair', async ({ meetingId }, actor) => {
      const { notices } = await rooms.end(meetingId, actor, ip, (endedAt) => attendance.ended(meetingId, endedAt));
      // The other processes freeze their copies of its documents too (their editors are told it ended).
      if (scaleOut.shared) io.serverSideEmit(meetingEndedSignal, meetingId);
      return { notices };
    });
    command(roomEvents.acknowledge, meetingOnlyPayload, 'view', async ({ meetingId }, actor) => void (await attendance.acknowledge(meetingId, actor.id)));
    // Presence only, not room state: no version bump, nothing saved.
    handleEvent(
      socket,
      roomEvents.focus,
      focusPayload,
      async ({ meetingId, itemId }, actor) => {
        await policies.authoriseMeeting(actor, meetingId, 'edit');
        requireJoined(meetingId);
        if (itemId !== null) {
          if ((await rooms.statusOf(meetingId)) === 'ended') throw new AppError('conflict', msg('room:server.meetingEnded'));
          if (!(await rooms.hasItem(meetingId, itemId))) throw new AppError('not_found', msg('room:server.noSuchItem'));
        }
        const focus = socket.data.focus as FocusByMeeting;
        if (focus[meetingId]?.itemId !== itemId) {
          focus[meetingId] = { itemId, at: ctx.now() };
          await broadcast(meetingId);
        }
        return { itemId };
      },
      logger,
    );
    socket.on('disconnecting', () => {
      const actor = socket.data.actor as Actor;
      for (const room of socket.rooms) {
        if (!room.startsWith('meeting:')) continue;
        const meetingId = room.slice('meeting:'.length);
        // After this socket has left the room.
        setImmediate(() => afterLeaving(meetingId, actor.id));
      }
    });
  });

  /**
   * Puts a socket under the live connections registry. Signed out, expired or disabled: it is told why
   * (`roomEvents.revoked`) and disconnected. Removed from a meeting: it leaves that meeting's room (no more
   * snapshots, its presence gone) and is told. Role changed: told, and every event is authorised with the new role.
   */
  function trackSocket(socket: Socket): void {
    const session = socket.data.session as LiveSession;
    const roles = socket.data.roles as Map<string, MeetingRole>;
    const tell = (meetingId: string | null, cause: RevocationCause) => tellRevoked(socket, meetingId, cause);
    const revoke = (cause: RevocationCause) => {
      if (socket.data.revoked) return;
      socket.data.revoked = true;
      tell(null, cause);
      socket.disconnect(true); // engine.io flushes the notice first
    };
    const untrack = live.add(
      {
        personId: session.actor.id,
        tokenHash: session.tokenHash,
        async recheck(fresh) {
          socket.data.actor = fresh.actor;
          socket.data.rechecks = (socket.data.rechecks as number) + 1;
          for (const [meetingId, before] of Array.from(roles)) {
            let role: MeetingRole;
            try {
              role = await policies.authoriseMeeting(fresh.actor, meetingId, 'view');
            } catch (err) {
              // Storage could not answer: not a refusal (the registry asks again, closes to reconnect if it stays so).
              if (storageFaultOf(err)) throw err;
              roles.delete(meetingId);
              tell(meetingId, revocationCauseOf(err));
              void socket.leave(roomName(meetingId));
              afterLeaving(meetingId, fresh.actor.id);
              continue;
            }
            if (role === before) continue;
            roles.set(meetingId, role);
            tell(meetingId, 'roleChanged');
            void broadcast(meetingId).catch((err: Error) => logger.error({ meetingId, err: err.message }, 'room broadcast failed'));
          }
        },
        revoke,
        // Closes the transport (not `disconnect`): the client reconnects by itself and is authorised afresh.
        closeToRetry: () => socket.conn.close(),
      },
      session,
    );
    const authenticate = async (): Promise<Actor | null> => {
      if (socket.data.revoked) return null;
      // The database decides (a session past its deadline here may have been kept alive by another tab).
      const fresh = await auth.sessionByHash(session.tokenHash, true);
      if (!fresh) {
        revoke('sessionExpired');
        return null;
      }
      live.seen(fresh);
      socket.data.actor = fresh.actor;
      return fresh.actor;
    };
    keepLocal(socket.data, { authenticate });
    socket.on('disconnect', untrack);
  }
  return { io, agendaChanged, notifyPeople };
}

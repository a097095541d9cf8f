/**
 * Serves meeting documents over the y-websocket protocol: /yjs/<meetingId> (shared) and /yjs/<meetingId>/restricted
 * (the chair's notes). Each document is its own room, so nothing of one ever reaches the other's connections.
 * Authorisation happens in the HTTP upgrade, before a WebSocket exists.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeCodes, meetingDocKinds, parseYjsPath, type ErrorCode, type MeetingDocKind, type YjsDocAddress } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { DocRoom, type RoomConnection } from './doc-room.js';
import type { DocRulesContext, DocWriter } from './doc-rules.js';
import { WriteBatcher } from './write-batcher.js';
import type { MeetingDocsRepo } from '../db/meeting-docs-repo.js';
import type { Logger } from '../logger.js';
import type { LiveSession } from '../services/auth-service.js';
import { warnThrottled } from '../log-throttle.js';
import { errorBody, httpStatusOf, toAppError } from '../errors.js';
import { requestPath } from '../http/request-path.js';
import { translator } from '../i18n.js';
import { defaultLanguage, languageFromAcceptHeader, languageFromCookieHeader } from '../../shared/i18n/languages.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';

export interface YjsAccess {
  readOnly: boolean;
  /** The authenticated person: their updates are checked against their role and agency, and their presence named. */
  writer?: DocWriter;
  /** The session the connection was opened with (the live connections registry tracks it). */
  session?: LiveSession;
}

/** An open connection as the access tracking sees it: it can be made read-only or closed, nothing more. */
export interface TrackedYjsConnection {
  readonly address: YjsDocAddress;
  readonly access: YjsAccess;
  readonly readOnly: boolean;
  /** Its updates are dropped from now on, and it is told why. */
  makeReadOnly(reason: ReadOnlyReason): void;
  /** Who writes on it as the records say now: the rules and the presence name use it from the next frame. */
  setWriter(writer: DocWriter): void;
  /** Closed now; any frame it still sends is ignored. */
  close(code: number, reason: string): void;
}

export interface YjsTracking {
  /** Asked before each frame is handled: false drops the frame (its session just ended). */
  frameAllowed(): boolean;
  /** A document update arrived: the person is active. */
  edited(): void;
  untrack(): void;
}

export interface YjsHostOptions {
  repo: MeetingDocsRepo;
  logger: Logger;
  /** Decides whether this request may open this meeting document; throws AppError to refuse. */
  authorise(req: IncomingMessage, address: YjsDocAddress): YjsAccess;
  /** Registers an accepted connection with whatever can revoke it (server/realtime/live-connections). */
  track?(conn: TrackedYjsConnection): YjsTracking;
  idleUnloadMs?: number;
  /** What a meeting document's rules need to know (doc-rules.ts); without it documents are not checked. */
  rules?: (meetingId: string, doc: MeetingDocKind) => DocRulesContext;
  /** Told each time a meeting document is loaded into memory, so the room can follow what happens to it. */
  onLoaded?: (meetingId: string, doc: MeetingDocKind, room: DocRoom) => void;
}

/** A document update (sync step 2 or update) rather than a sync request or awareness: counts as activity. */
const isDocumentUpdate = (bytes: Uint8Array): boolean => bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2);

/** Meeting ids cannot contain '/', so this key is unambiguous. */
const roomKey = (meetingId: string, doc: MeetingDocKind): string => `${meetingId}/${doc}`;

/** Answers a refused upgrade as plain HTTP with the API's error shape. The status line's reason stays ASCII. */
/** A refused upgrade's words in the device's language (the language cookie, else the browser's); nobody is signed in yet. */
const upgradeT = (req: IncomingMessage) =>
  translator(languageFromCookieHeader(req.headers.cookie) ?? languageFromAcceptHeader(req.headers['accept-language']) ?? defaultLanguage);

function refuseUpgrade(socket: Duplex, code: ErrorCode, message: string): void {
  const status = httpStatusOf(code);
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export class YjsHost {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: limits.yjsMaxPayload });
  private readonly rooms = new Map<string, DocRoom>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  /** One transaction per event-loop tick for every room's updates. */
  private readonly writer: WriteBatcher;
  private closing = false;

  constructor(private readonly options: YjsHostOptions) {
    this.writer = new WriteBatcher(options.repo, Date.now, options.logger);
  }

  /** The room for a meeting document, loaded from the database on first use. Loading is synchronous, so joiners share it. */
  room(meetingId: string, doc: MeetingDocKind = 'shared'): DocRoom {
    const key = roomKey(meetingId, doc);
    let room = this.rooms.get(key);
    if (!room) {
      room = new DocRoom(meetingId, doc, this.options.repo, this.options.logger, { writer: this.writer, rules: this.options.rules?.(meetingId, doc) });
      this.rooms.set(key, room);
      this.options.onLoaded?.(meetingId, doc, room);
    }
    return room;
  }

  /** The room if it is in memory now; server commands write through it so live clients see their change. */
  loadedRoom(meetingId: string, doc: MeetingDocKind = 'shared'): DocRoom | undefined {
    return this.rooms.get(roomKey(meetingId, doc));
  }

  /**
   * Refuses further edits to every document of the meeting. Only loaded rooms need telling: a room loaded later
   * gets its connections' read-only flag from the upgrade, which sees the meeting's ended status.
   */
  freezeMeeting(meetingId: string, reason: ReadOnlyReason): void {
    for (const doc of meetingDocKinds) this.rooms.get(roomKey(meetingId, doc))?.freeze(reason);
  }

  /** While the meeting is being ended: clients' updates to its loaded documents wait (DocRoom.hold). */
  holdMeeting(meetingId: string): void {
    for (const doc of meetingDocKinds) this.rooms.get(roomKey(meetingId, doc))?.hold();
  }

  /** The end did not happen: the updates that waited are applied, in order, and editing goes on. */
  releaseMeeting(meetingId: string): void {
    for (const doc of meetingDocKinds) this.rooms.get(roomKey(meetingId, doc))?.release();
  }

  loadedRoomCount(): number {
    return this.rooms.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) return refuseUpgrade(socket, 'unavailable', upgradeT(req)('server.shuttingDown', { ns: 'room' }));
    const address = parseYjsPath(requestPath(req.url));
    if (!address) return refuseUpgrade(socket, 'not_found', upgradeT(req)('server.unknownPath', { ns: 'room' }));
    let access: YjsAccess;
    try {
      access = this.options.authorise(req, address);
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === 'internal') this.options.logger.error({ meetingId: address.meetingId, doc: address.doc, err: (err as Error).message }, 'yjs upgrade failed');
      return refuseUpgrade(socket, appError.code, appError.message);
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address, access));
  }

  private accept(ws: WebSocket, address: YjsDocAddress, access: YjsAccess): void {
    const { meetingId, doc } = address;
    const key = roomKey(meetingId, doc);
    const timer = this.idleTimers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(key);
    }
    let room: DocRoom;
    try {
      room = this.room(meetingId, doc);
    } catch (err) {
      // Loading reads the database: a storage fault refuses this connection (the client retries), not the process.
      this.options.logger.error({ meetingId, doc, err: (err as Error).message }, 'could not load meeting document');
      ws.close(closeCodes.serverShuttingDown, 'load-failed');
      return;
    }
    const conn: RoomConnection = {
      id: newId(8),
      readOnly: access.readOnly,
      writer: access.writer,
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(message);
      },
      close: (code, reason) => ws.close(code, reason),
    };
    room.addConnection(conn);
    // Revocation: once closed for lost access, frames still in flight are ignored, so nothing sent after is stored.
    let revoked = false;
    const tracking = this.options.track?.({
      address,
      access,
      get readOnly() {
        return conn.readOnly;
      },
      makeReadOnly: (reason) => room.restrict(conn, reason),
      setWriter: (writer) => (conn.writer = writer),
      close: (code, reason) => {
        revoked = true;
        conn.readOnly = true;
        ws.close(code, reason);
      },
    });
    ws.on('message', (data, isBinary) => {
      // An event handler: whatever goes wrong in here (the session check reads the database) ends this connection
      // with "retry", never the process.
      try {
        if (revoked || (tracking && !tracking.frameAllowed())) return;
        if (!isBinary) return conn.close(closeCodes.malformedMessage, 'binary-frames-only');
        // ws hands over a Buffer of its own (binaryType nodebuffer): read it in place, no copy per frame.
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        const message = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (tracking && isDocumentUpdate(message)) tracking.edited();
        if (revoked) return; // counting the activity found the session already over
        room.handleMessage(conn, message);
      } catch (err) {
        this.options.logger.error({ meetingId, doc, err: (err as Error).message }, 'handling a yjs message failed');
        conn.close(closeCodes.serverShuttingDown, 'server-error');
      }
    });
    ws.on('error', (err) => warnThrottled(this.options.logger, 'yjs socket error', { meetingId, doc, err: err.message }));
    ws.on('close', () => {
      tracking?.untrack();
      room.removeConnection(conn);
      if (room.connectionCount === 0 && !this.closing) this.scheduleUnload(key, room);
    });
  }

  private scheduleUnload(key: string, room: DocRoom): void {
    const delay = this.options.idleUnloadMs ?? limits.idleUnloadMs;
    const timer = setTimeout(() => {
      this.idleTimers.delete(key);
      if (room.connectionCount > 0 || this.rooms.get(key) !== room) return;
      try {
        // Keep a room whose save is failing in memory (whole, not shut down): unloading it would drop the unsaved
        // updates. It is tried again at the next idle check.
        if (room.hasUnsavedChanges && !room.flush()) {
          this.scheduleUnload(key, room);
          return;
        }
        room.shutdown(closeCodes.serverShuttingDown, 'idle');
        this.rooms.delete(key);
      } catch (err) {
        this.options.logger.error({ meetingId: room.meetingId, doc: room.kind, err: (err as Error).message }, 'unloading an idle room failed');
      }
    }, delay);
    timer.unref();
    this.idleTimers.set(key, timer);
  }

  /** Saves every room and closes every connection (clients will reconnect to the next server). */
  close(): void {
    this.closing = true;
    this.writer.flush();
    this.writer.close();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    for (const room of this.rooms.values()) {
      if (!room.shutdown(closeCodes.serverShuttingDown, 'server-restarting')) {
        this.options.logger.error({ meetingId: room.meetingId, doc: room.kind }, 'could not save meeting on shutdown');
      }
    }
    this.rooms.clear();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}

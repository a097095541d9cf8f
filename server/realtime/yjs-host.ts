/**
 * Serves meeting documents over the y-websocket protocol: /yjs/<meetingId> (shared) and /yjs/<meetingId>/restricted
 * (the chair's notes). Each document is its own room, so nothing of one ever reaches the other's connections.
 * Authorisation happens in the HTTP upgrade, before a WebSocket exists.
 *
 * Storage is the engine-neutral `MeetingDocStore` (SQLite or PostgreSQL): a room is loaded once (connections that
 * arrive while it loads wait for it, their frames kept in order), every room's updates are committed together once
 * per tick (write-batcher.ts), and each commit is then published on the `UpdateRelay` the host is given. The host
 * starts that relay itself and applies what other processes committed to its loaded rooms (docs/scale-out.md).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeCodes, meetingDocKinds, type ErrorCode, type MeetingDocKind, type YjsDocAddress } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import { DocRoom } from './doc-room.js';
import { YjsPeer } from './yjs-peer.js';
import type { DocRulesContext, DocWriter } from './doc-rules.js';
import type { UpdateJournal } from '../db/update-journal.js';
import { journalledCommitDelayMs, WriteBatcher } from './write-batcher.js';
import type { MeetingDocStore } from '../db/stores/meeting-docs.js';
import { localOnly, type RelayedUpdates, type UpdateRelay } from './update-relay.js';
import type { Logger } from '../logger.js';
import type { LiveSession } from '../services/auth-service.js';
import { warnThrottled } from '../log-throttle.js';
import { AppError, errorBody, httpStatusOf, toAppError } from '../errors.js';
import { readYjsAddress } from './yjs-address.js';
import { EndedRooms, roomKey } from './ended-rooms.js';
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
  /** Where documents are loaded from and committed to (`storage.stores.meetingDocs`). */
  store: MeetingDocStore;
  /** How committed updates reach the other processes and theirs reach this one (default: one process alone). */
  relay?: UpdateRelay;
  logger: Logger;
  /** Decides whether this request may open this meeting document; throws AppError to refuse. */
  authorise(req: IncomingMessage, address: YjsDocAddress): YjsAccess | Promise<YjsAccess>;
  /** Registers an accepted connection with whatever can revoke it (server/realtime/live-connections). */
  track?(conn: TrackedYjsConnection): YjsTracking;
  idleUnloadMs?: number;
  /** What a meeting document's rules need to know (doc-rules.ts); without it documents are not checked. */
  rules?: (meetingId: string, doc: MeetingDocKind) => DocRulesContext;
  /** Client updates are written here and broadcast before their commit (update-journal.ts); absent: after it. */
  journal?: UpdateJournal;
  /** Told each time a meeting document is loaded into memory, so the room can follow what happens to it. */
  onLoaded?: (meetingId: string, doc: MeetingDocKind, room: DocRoom) => void;
}

/** Answers a refused upgrade as plain HTTP with the API's error shape. The status line's reason stays ASCII. */
/** A refused upgrade's words in the device's language (the language cookie, else the browser's); nobody is signed in yet. */
const upgradeLanguage = (req: IncomingMessage) =>
  languageFromCookieHeader(req.headers.cookie) ?? languageFromAcceptHeader(req.headers['accept-language']) ?? defaultLanguage;
const upgradeT = (req: IncomingMessage) => translator(upgradeLanguage(req));

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
  /** Rooms being loaded: everyone asking for one while it loads gets the same room. */
  private readonly loading = new Map<string, Promise<DocRoom>>();
  /** Rooms being saved and folded on their way out of memory: loading one again waits for that to finish. */
  private readonly unloading = new Map<string, Promise<unknown>>();
  /** One commit per event-loop tick for every room's updates, one commit in flight. */
  private readonly writer: WriteBatcher;
  private readonly relay: UpdateRelay;
  /** Resolves once the relay hears other processes (a relay that cannot start is logged; storage still serves). */
  readonly relayStarted: Promise<void>;
  private closing = false;
  /** Rooms whose updates the store refused, and the documents a new copy of is frozen (ended-rooms.ts). */
  private readonly ended = new EndedRooms();

  constructor(private readonly options: YjsHostOptions) {
    this.relay = options.relay ?? localOnly;
    this.writer = new WriteBatcher(options.store, {
      logger: options.logger,
      // Journalled updates are broadcast before their commit: it can gather 50 ms of them (only "saved" waits).
      commitDelayMs: options.journal ? journalledCommitDelayMs : 0,
      // After each commit: the other processes hear of it (the relay never throws; publishing is fire and forget).
      onCommitted: (batches, lastSeqs) => batches.forEach((b, i) => this.relay.publish({ meetingId: b.meetingId, doc: b.doc, updates: [...b.updates], lastSeq: lastSeqs[i] })),
    });
    this.relayStarted = this.relay
      .start(
        (batch) => this.applyRemote(batch),
        // The relay may have missed batches (Redis away, entries trimmed): every loaded room reads what it lacks.
        () => void this.catchUpAll(),
      )
      .catch((err: unknown) => {
      options.logger.error({ err: (err as Error).message }, 'the update relay did not start; other processes are not heard');
    });
  }

  /** The room for a meeting document, loaded from storage on first use; joiners during the load share it. */
  room(meetingId: string, doc: MeetingDocKind = 'shared'): Promise<DocRoom> {
    const key = roomKey(meetingId, doc);
    const loaded = this.rooms.get(key);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(key);
    if (!loading) {
      const leaving = this.unloading.get(key) ?? Promise.resolve();
      loading = leaving
        .then(() =>
          DocRoom.load(meetingId, doc, this.options.store, this.options.logger, {
            writer: this.writer,
            rules: this.options.rules?.(meetingId, doc),
            onRefused: (refused) => this.retire(key, refused),
            journal: this.options.journal,
          }),
        )
        .then((room) => {
          // Loaded again after its last copy's updates were refused: the meeting has ended.
          if (this.ended.isEnded(key)) room.freeze('ended');
          this.rooms.set(key, room);
          this.options.onLoaded?.(meetingId, doc, room);
          return room;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  /**
   * Updates another process committed (from the relay): applied to the room if it is loaded here and sent to its
   * clients, never stored again. A room not loaded here ignores them (it reads storage when it loads); a room being
   * loaded gets them once loaded (its read may have been made before they were committed; Yjs ignores a repeat).
   */
  applyRemote(batch: RelayedUpdates): void {
    const key = roomKey(batch.meetingId, batch.doc);
    const apply = (room: DocRoom) => {
      try {
        room.applyCommitted(batch.updates, batch.lastSeq);
      } catch (err) {
        this.options.logger.error({ meetingId: batch.meetingId, doc: batch.doc, err: (err as Error).message }, 'applying relayed updates failed');
      }
    };
    const room = this.rooms.get(key);
    if (room) return apply(room);
    this.loading.get(key)?.then(apply, () => undefined);
  }

  /**
   * Updates a server command committed in its own transaction (log row `lastSeq`): applied to the live room if
   * loaded, sent to its clients, and relayed to the other processes.
   */
  applyCommitted(batch: RelayedUpdates): void {
    this.applyRemote(batch);
    this.relay.publish(batch);
  }

  /**
   * Every loaded room reads what it missed from storage: for the relay to call when it may have missed updates
   * (after an outage, a trimmed stream).
   */
  async catchUpAll(): Promise<void> {
    await Promise.all(Array.from(this.rooms.values(), (room) => room.catchUp()));
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

  private retire(key: string, room: DocRoom): void {
    this.ended.markEnded(key);
    if (this.rooms.get(key) !== room) return;
    this.rooms.delete(key);
    if (room.connectionCount > 0) return this.ended.retire(room);
    void room.shutdown(closeCodes.serverShuttingDown, 'ended').catch(() => undefined);
    this.forgetIfUnloaded(key);
  }

  /** A copy of the document left memory: with none loaded, loading or retired, its ended mark is dropped. */
  private readonly forgetIfUnloaded = (key: string) => this.ended.forgetIfUnloaded(key, this.rooms.has(key) || this.loading.has(key));

  loadedRoomCount(): number {
    return this.rooms.size;
  }

  /** Documents remembered as ended (refused by the store) while a copy is in memory: bounded by the loaded ones. */
  readonly endedDocCount = (): number => this.ended.endedCount;

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) return refuseUpgrade(socket, 'unavailable', upgradeT(req)('server.shuttingDown', { ns: 'room' }));
    const address = readYjsAddress(req.url);
    if (address instanceof AppError) {
      // One line per refusal, as REST logs each request: never the address itself (hostile text of any length).
      this.options.logger.info({ status: httpStatusOf(address.code), code: address.code }, 'yjs upgrade refused');
      return refuseUpgrade(socket, address.code, address.in(upgradeLanguage(req)).message);
    }
    // The session and the policy read storage, asynchronously; the socket may be gone by the time they answer.
    Promise.resolve()
      .then(() => this.options.authorise(req, address))
      .then(
        (access) => {
          if (socket.destroyed) return;
          if (this.closing) return refuseUpgrade(socket, 'unavailable', upgradeT(req)('server.shuttingDown', { ns: 'room' }));
          this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, address, access));
        },
        (err: unknown) => {
          const appError = toAppError(err);
          if (appError.code === 'internal') this.options.logger.error({ meetingId: address.meetingId, doc: address.doc, err: (err as Error).message }, 'yjs upgrade failed');
          if (!socket.destroyed) refuseUpgrade(socket, appError.code, appError.message);
        },
      );
  }

  private accept(ws: WebSocket, address: YjsDocAddress, access: YjsAccess): void {
    const { meetingId, doc } = address;
    const key = roomKey(meetingId, doc);
    const timer = this.idleTimers.get(key);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(key);
    }
    const loaded = this.rooms.get(key);
    if (loaded) return this.join(ws, address, access, loaded);
    // The room is loading: the frames the client sends meanwhile are kept, in order, and handled once it is in.
    const early: [WebSocket.RawData, boolean][] = [];
    const keep = (data: WebSocket.RawData, isBinary: boolean) => early.push([data, isBinary]);
    ws.on('message', keep);
    this.room(meetingId, doc).then(
      (room) => {
        ws.off('message', keep);
        if (ws.readyState !== ws.OPEN) return;
        this.join(ws, address, access, room, early);
      },
      (err: unknown) => {
        // Loading reads storage: a fault refuses this connection (the client retries), not the process.
        this.options.logger.error({ meetingId, doc, err: (err as Error).message }, 'could not load meeting document');
        ws.close(closeCodes.serverShuttingDown, 'load-failed');
      },
    );
  }

  private join(ws: WebSocket, address: YjsDocAddress, access: YjsAccess, room: DocRoom, early: [WebSocket.RawData, boolean][] = []): void {
    const { meetingId, doc } = address;
    const key = roomKey(meetingId, doc);
    const peer = new YjsPeer(ws, address, access, room, this.options.logger);
    const { conn } = peer;
    room.addConnection(conn);
    peer.tracking = this.options.track?.(peer);
    for (const [data, isBinary] of early) peer.handle(data, isBinary);
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => peer.handle(data, isBinary));
    ws.on('error', (err) => warnThrottled(this.options.logger, 'yjs socket error', { meetingId, doc, err: err.message }));
    ws.on('close', () => {
      peer.tracking?.untrack();
      room.removeConnection(conn);
      if (room.connectionCount > 0 || this.closing) return;
      if (!this.ended.leave(room)) return this.scheduleUnload(key, room);
      void room.shutdown(closeCodes.serverShuttingDown, 'ended').catch(() => undefined);
      this.forgetIfUnloaded(key);
    });
  }

  private scheduleUnload(key: string, room: DocRoom): void {
    const delay = this.options.idleUnloadMs ?? limits.idleUnloadMs;
    const timer = setTimeout(() => void this.unloadIdle(key, room), delay);
    timer.unref();
    this.idleTimers.set(key, timer);
  }

  /** Runs from a timer: nothing may escape it (it would stop the process). */
  private async unloadIdle(key: string, room: DocRoom): Promise<void> {
    this.idleTimers.delete(key);
    const idle = () => room.connectionCount === 0 && this.rooms.get(key) === room && !this.closing;
    if (!idle()) return;
    try {
      // Keep a room whose save is failing in memory (whole, not shut down): unloading it would drop the unsaved
      // updates. It is tried again at the next idle check.
      if (room.hasUnsavedChanges && !(await room.flush())) {
        if (idle()) this.scheduleUnload(key, room);
        return;
      }
      // Someone joined while it was saving, or something new arrived: it stays.
      if (!idle() || room.hasUnsavedChanges) return;
      this.rooms.delete(key);
      this.forgetIfUnloaded(key);
      const leaving = room.shutdown(closeCodes.serverShuttingDown, 'idle').finally(() => this.unloading.delete(key));
      this.unloading.set(key, leaving);
      await leaving;
    } catch (err) {
      this.options.logger.error({ meetingId: room.meetingId, doc: room.kind, err: (err as Error).message }, 'unloading an idle room failed');
    }
  }

  /** Saves every room and closes every connection (clients will reconnect to the next server). */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values(), ...this.unloading.values()]);
    // One last commit for every room at once; then each room folds its log and closes its connections.
    await this.writer.flush().catch(() => false);
    for (const room of this.rooms.values()) {
      if (!(await room.shutdown(closeCodes.serverShuttingDown, 'server-restarting').catch(() => false))) {
        this.options.logger.error({ meetingId: room.meetingId, doc: room.kind }, 'could not save meeting on shutdown');
      }
    }
    for (const room of this.ended.drain()) await room.shutdown(closeCodes.serverShuttingDown, 'server-restarting').catch(() => false);
    this.writer.close();
    // Files whose updates all reached the log go; any other is recovered at the next start.
    this.options.journal?.close();
    this.rooms.clear();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    await this.relay.stop().catch(() => undefined);
  }
}

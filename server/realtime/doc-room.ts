/**
 * One meeting's live Yjs document on the server. It knows connections only as `RoomConnection`
 * (send / close), never a socket, so it can be tested without a network.
 *
 * Promise kept here: an update is written to the log before any other client receives it, and its sender is
 * told "saved" (its own clients' clocks, `yMessage.saved`) only after the write. The write goes through the shared per-tick
 * `BatchedWriter` when the host gives one (one transaction for every room), else through this room's own flush.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { yMessage, closeCodes, writeSavedClocks, type MeetingDocKind, type YjsStatusMessage } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import type { DocumentAppend, MeetingDocsRepo } from '../db/meeting-docs-repo.js';
import type { DocRulesContext } from './doc-rules.js';
import type { RoomConnection } from './room-connection.js';
import { RoomPresence } from './room-presence.js';
import { RoomRules } from './room-rules.js';
import { encodeMessage, statusMessage } from './yjs-messages.js';
import type { BatchedWriter, WritableRoom } from './write-batcher.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';

export type { RoomConnection };
export { statusMessage };

interface Pending {
  update: Uint8Array;
  origin: RoomConnection | null;
}

const retryDelayMs = 1000;
const saveFailedStatus: YjsStatusMessage = { type: 'save-failed' };

export interface DocRoomOptions {
  now?: () => number;
  /** Shared per-tick writer; without one the room writes its own transaction each tick. */
  writer?: BatchedWriter;
  /** The document's rules (doc-rules.ts) need the meeting's status and participants; without them nothing is checked. */
  rules?: DocRulesContext;
}

export class DocRoom implements WritableRoom {
  readonly doc = new Y.Doc({ gc: true });
  private readonly presence: RoomPresence;
  private readonly conns = new Set<RoomConnection>();
  /** Connections owed a "saved" once what is pending is written, with the Yjs client ids their updates carried. */
  private readonly owedSaved = new Map<RoomConnection, Set<number>>();
  private pending: Pending[] = [];
  private flushTimer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private logRows: number;
  private lastSeq: number;
  private saveFailing = false;
  /** The shared writer handed this room back after a failure that was not the storage's: it retries by itself. */
  private retryingAlone = false;
  private frozenReason: ReadOnlyReason | null = null;
  /** Client updates that arrived while the meeting was being ended (see `hold`), in arrival order; null when not held. */
  private held: { conn: RoomConnection; update: Uint8Array }[] | null = null;
  /** Ends under way (two chairs' tabs may end at once): updates stay held until the last one is released. */
  private holds = 0;
  /** True while applying an update a server command already stored: it must not be stored twice. */
  private applyingStored = false;
  private readonly now: () => number;
  private readonly writer: BatchedWriter | null;
  /** The document's rules and size cap; null when the room keeps none (tests of the write path). */
  private readonly rules: RoomRules | null;
  /** Updates whose dependencies have not arrived, per connection, so they can only ever integrate as their sender's. */
  private readonly pendingOf = new Map<RoomConnection, { structs: Y.Doc['store']['pendingStructs']; ds: Y.Doc['store']['pendingDs'] }>();

  constructor(
    readonly meetingId: string,
    readonly kind: MeetingDocKind,
    private readonly repo: MeetingDocsRepo,
    private readonly logger: Logger,
    options: DocRoomOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.writer = options.writer ?? null;
    const stored = repo.load(meetingId, kind);
    if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    const sizeBound = (stored.snapshot?.length ?? 0) + stored.updates.reduce((n, u) => n + u.length, 0);
    const where = { meetingId, doc: kind };
    this.rules = options.rules ? new RoomRules(this.doc, options.rules, sizeBound, (o) => this.isConnection(o), this.now, logger, where) : null;
    this.logRows = stored.updates.length;
    this.lastSeq = stored.lastSeq;
    this.presence = new RoomPresence(this.doc, this.now);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.applyingStored) return;
      this.pending.push({ update, origin: this.isConnection(origin) ? origin : null });
      this.requestWrite();
    });
  }

  get awareness() {
    return this.presence.awareness;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0;
  }

  private isConnection(origin: unknown): origin is RoomConnection {
    return typeof origin === 'object' && origin !== null && this.conns.has(origin as RoomConnection);
  }

  /**
   * While the meeting is being ended: client updates are kept aside, neither applied nor stored nor acknowledged, so
   * the document the minutes are written from cannot change before the freeze, however long the commit takes.
   * `release` applies them (the end failed, and no other end is under way); `freeze` drops them (the end committed:
   * they came after it).
   */
  hold(): void {
    this.holds += 1;
    this.held ??= [];
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    if (this.holds > 0) return;
    const held = this.held ?? [];
    this.held = null;
    for (const { conn, update } of held) {
      if (!this.conns.has(conn)) continue;
      if (conn.readOnly || (this.rules && !conn.writer)) {
        this.tellReadOnly(conn);
        continue;
      }
      try {
        this.receiveUpdate(conn, update);
      } catch (err) {
        warnThrottled(this.logger, 'malformed yjs frame', { meetingId: this.meetingId, doc: this.kind, conn: conn.id, err: (err as Error).message });
        conn.close(closeCodes.malformedMessage, 'malformed-message');
      }
    }
  }

  /** From now on client updates are refused; the stored document stays as it is. */
  freeze(reason: ReadOnlyReason): void {
    this.frozenReason = reason;
    this.held = null;
    this.holds = 0;
    for (const conn of this.conns) this.tellReadOnly(conn);
  }

  addConnection(conn: RoomConnection): void {
    this.conns.add(conn);
    conn.send(encodeMessage(yMessage.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    this.presence.add(conn);
    if (conn.readOnly || this.frozenReason) this.tellReadOnly(conn);
    if (this.saveFailing) conn.send(statusMessage(saveFailedStatus));
  }

  removeConnection(conn: RoomConnection): void {
    this.conns.delete(conn);
    this.owedSaved.delete(conn);
    this.pendingOf.delete(conn);
    this.presence.remove(conn);
  }

  /** Handles one y-websocket frame. A malformed frame closes that connection only; the room is untouched. */
  handleMessage(conn: RoomConnection, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === yMessage.sync) this.handleSync(conn, decoder);
      else if (type === yMessage.awareness) this.presence.handle(conn, decoding.readVarUint8Array(decoder));
      else if (type === yMessage.queryAwareness) this.presence.sendAll(conn);
      else throw new Error(`unknown message type ${type}`);
    } catch (err) {
      warnThrottled(this.logger, 'malformed yjs frame', { meetingId: this.meetingId, doc: this.kind, conn: conn.id, err: (err as Error).message });
      conn.close(closeCodes.malformedMessage, 'malformed-message');
    }
  }

  private handleSync(conn: RoomConnection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      conn.send(
        encodeMessage(yMessage.sync, (e) => {
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, stateVector));
        }),
      );
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.readOnly || this.frozenReason || (this.rules && !conn.writer)) {
      this.tellReadOnly(conn);
      return;
    }
    if (this.held) {
      Y.decodeUpdate(update); // a malformed frame is refused now, not when it is released
      this.held.push({ conn, update: update.slice() });
      return;
    }
    this.receiveUpdate(conn, update);
  }

  private receiveUpdate(conn: RoomConnection, update: Uint8Array): void {
    // Decode fully before applying: a half-applied malformed update would leave memory ahead of disk.
    const { structs } = Y.decodeUpdate(update);
    this.applyFrom(conn, update);
    const refused = this.rules?.takeRefusals();
    if (refused) conn.send(statusMessage({ type: 'refused', reasons: refused }));
    let clients = this.owedSaved.get(conn);
    if (!clients) this.owedSaved.set(conn, (clients = new Set()));
    for (const struct of structs) clients.add(struct.id.client);
    // Nothing pending means memory equals disk (e.g. it was all known already): say so now, or it would wait forever.
    if (this.pending.length === 0) this.sendSaved();
  }

  /**
   * Applies a client's update as its connection (the origin the rules check, in `onAfterTransaction`). Structs
   * waiting for a missing dependency are kept per connection: parked in the shared store they could integrate
   * later inside another person's transaction, and be judged by that person's rights.
   */
  private applyFrom(conn: RoomConnection, update: Uint8Array): void {
    const store = this.doc.store;
    const parked = this.pendingOf.get(conn);
    store.pendingStructs = parked?.structs ?? null;
    store.pendingDs = parked?.ds ?? null;
    this.rules?.expect(update.length);
    try {
      Y.applyUpdate(this.doc, update, conn);
    } finally {
      const waiting = store.pendingStructs || store.pendingDs ? { structs: store.pendingStructs, ds: store.pendingDs } : null;
      store.pendingStructs = null;
      store.pendingDs = null;
      if (waiting) this.pendingOf.set(conn, waiting);
      else this.pendingOf.delete(conn);
      if (waiting && (waiting.structs?.update.length ?? 0) + (waiting.ds?.length ?? 0) > limits.yjsMaxPayload) {
        this.pendingOf.delete(conn);
        conn.close(closeCodes.frameTooLarge, 'too-many-pending-updates');
      }
    }
  }

  /**
   * Applies an update a server command wrote to the log in its own transaction (log row `seq`), and sends it to
   * everyone in the room: the promise "stored before anyone sees it" holds because the caller committed first.
   */
  applyStored(update: Uint8Array, seq: number): void {
    this.applyingStored = true;
    try {
      Y.applyUpdate(this.doc, update, null);
    } finally {
      this.applyingStored = false;
    }
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.logRows += 1;
    this.broadcast([{ update, origin: null }]);
  }

  /** Tells each connection owed one which of its clients' clocks are now stored. Only with nothing pending. */
  private sendSaved(): void {
    for (const [conn, clients] of this.owedSaved) {
      if (clients.size === 0) continue;
      conn.send(encodeMessage(yMessage.saved, (e) => writeSavedClocks(e, Array.from(clients, (client) => [client, Y.getState(this.doc.store, client)]))));
    }
    this.owedSaved.clear();
  }

  /** This connection may no longer write (its role changed): its updates are dropped from now on, and it is told why. */
  restrict(conn: RoomConnection, reason: ReadOnlyReason): void {
    conn.readOnly = true;
    if (this.conns.has(conn)) conn.send(statusMessage({ type: 'read-only', reason }));
  }

  private tellReadOnly(conn: RoomConnection): void {
    const reason = this.frozenReason ?? 'viewOnly';
    conn.send(statusMessage({ type: 'read-only', reason }));
  }

  /** A write at the end of this tick: the shared writer's, unless this room is retrying a failed save by itself. */
  private requestWrite(): void {
    if (this.writer && !this.retryingAlone) this.writer.schedule(this);
    else this.scheduleFlush(0);
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer) return;
    const run = () => {
      this.flushTimer = null;
      // A timer callback: nothing may escape it (it would stop the process).
      try {
        this.flush();
      } catch (err) {
        this.logger.error({ meetingId: this.meetingId, doc: this.kind, err: (err as Error).message }, 'flush failed');
      }
    };
    this.flushTimer = delayMs === 0 ? setImmediate(run) : setTimeout(run, delayMs);
  }

  pendingAppend(): DocumentAppend | null {
    if (this.pending.length === 0) return null;
    return { meetingId: this.meetingId, doc: this.kind, updates: this.pending.map((p) => p.update) };
  }

  /** Writes every pending update in one transaction, then broadcasts them. Safe to call at any time. */
  flush(): boolean {
    const append = this.pendingAppend();
    if (!append) return true;
    let lastSeq: number;
    try {
      lastSeq = this.repo.append(append.meetingId, append.doc, append.updates, this.now());
    } catch (err) {
      this.writeFailed(err);
      this.retryingAlone = true;
      this.scheduleFlush(retryDelayMs);
      return false;
    }
    this.afterWrite(lastSeq);
    return true;
  }

  /**
   * The write failed: the updates stay pending (in memory, unbroadcast, unacknowledged) until a retry succeeds.
   * Logged and told to the editors once per failure, not once per retry.
   */
  writeFailed(err: unknown): void {
    if (this.saveFailing) return;
    this.saveFailing = true;
    this.logger.error({ meetingId: this.meetingId, doc: this.kind, err: (err as Error).message, pending: this.pending.length }, 'save failed; retrying');
    this.broadcastStatus(saveFailedStatus);
  }

  /** Every pending update is committed (up to `lastSeq`): only now do others receive them and senders hear "saved". */
  afterWrite(lastSeq: number): void {
    const batch = this.pending;
    this.pending = [];
    this.lastSeq = lastSeq;
    this.logRows += batch.length;
    this.retryingAlone = false;
    if (this.saveFailing) {
      this.saveFailing = false;
      this.logger.info({ meetingId: this.meetingId, doc: this.kind, written: batch.length }, 'saving again');
      this.broadcastStatus({ type: 'save-recovered' });
    }
    this.broadcast(batch);
    this.sendSaved();
    if (this.logRows >= limits.compactEveryUpdates) this.compact();
  }

  /**
   * Sends a tick's updates as ONE message per receiving connection, the same buffer for all: the updates merged and
   * encoded once. A sender whose tick also holds others' updates gets that buffer too, its own updates included:
   * Yjs skips structs it already has, and one merge per tick costs far less than one per sender (see
   * test/bench/micro/broadcast.ts). A sender with nothing new to learn gets nothing, as before.
   */
  private broadcast(batch: Pending[]): void {
    const senders = new Set<RoomConnection>();
    for (const { origin } of batch) if (origin) senders.add(origin);
    const updates = batch.map((p) => p.update);
    const message = encodeMessage(yMessage.sync, (e) => syncProtocol.writeUpdate(e, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)));
    const onlySender = senders.size === 1 && batch.every((p) => p.origin !== null) ? senders.values().next().value : null;
    for (const conn of this.conns) if (conn !== onlySender) conn.send(message);
  }

  /** Folds the log into one snapshot. Only called with nothing pending, so memory equals disk. */
  compact(): void {
    if (this.pending.length > 0 || this.logRows === 0) return;
    try {
      this.repo.compact(this.meetingId, this.kind, Y.encodeStateAsUpdate(this.doc), this.lastSeq, this.now());
      this.logRows = 0;
    } catch (err) {
      // The log still holds everything; compaction can wait for the next chance (tried after every write, so the
      // warning is throttled rather than repeated).
      warnThrottled(this.logger, 'compaction failed', { meetingId: this.meetingId, doc: this.kind, err: (err as Error).message });
    }
  }

  private broadcastStatus(status: YjsStatusMessage): void {
    const message = statusMessage(status);
    for (const conn of this.conns) conn.send(message);
  }

  /** Saves what is pending and closes every connection. Returns false if something could not be saved. */
  shutdown(closeCode: number, reason: string): boolean {
    if (this.flushTimer) {
      clearImmediate(this.flushTimer as NodeJS.Immediate);
      clearTimeout(this.flushTimer as NodeJS.Timeout);
      this.flushTimer = null;
    }
    const saved = this.flush();
    if (saved) this.compact();
    for (const conn of Array.from(this.conns)) conn.close(closeCode, reason);
    this.presence.destroy();
    this.doc.destroy();
    return saved;
  }
}

/**
 * One meeting's live Yjs document on the server. It knows connections only as `RoomConnection`
 * (send / close), never a socket, so it can be tested without a network.
 *
 * Promise kept here: an update is written to the log before any other client receives it, and its sender is
 * told "saved" (its own clients' clocks, `yMessage.saved`) only after the write. The write goes through the shared per-tick
 * `BatchedWriter` when the host gives one (one transaction for every room), else through this room's own flush.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { yMessage, closeCodes, writeSavedClocks, type MeetingDocKind, type YjsStatusMessage } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { DocumentAppend, MeetingDocsRepo } from '../db/meeting-docs-repo.js';
import type { BatchedWriter, WritableRoom } from './write-batcher.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';

export interface RoomConnection {
  readonly id: string;
  /** Observers and anyone in an ended meeting: their document updates are dropped. */
  readOnly: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

interface Pending {
  update: Uint8Array;
  origin: RoomConnection | null;
}

const retryDelayMs = 1000;

function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const statusMessage = (status: YjsStatusMessage): Uint8Array =>
  encodeMessage(yMessage.status, (e) => encoding.writeVarString(e, JSON.stringify(status)));

export interface DocRoomOptions {
  now?: () => number;
  /** Shared per-tick writer; without one the room writes its own transaction each tick. */
  writer?: BatchedWriter;
}

export class DocRoom implements WritableRoom {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly conns = new Map<RoomConnection, Set<number>>();
  /** Connections owed a "saved" once what is pending is written, with the Yjs client ids their updates carried. */
  private readonly owedSaved = new Map<RoomConnection, Set<number>>();
  private pending: Pending[] = [];
  private flushTimer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  private logRows: number;
  private lastSeq: number;
  private saveFailing = false;
  private frozenReason: string | null = null;
  /** True while applying an update a server command already stored: it must not be stored twice. */
  private applyingStored = false;
  private readonly now: () => number;
  private readonly writer: BatchedWriter | null;

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
    this.logRows = stored.updates.length;
    this.lastSeq = stored.lastSeq;
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.applyingStored) return;
      this.pending.push({ update, origin: this.isConnection(origin) ? origin : null });
      this.requestWrite();
    });
    this.awareness.on('update', this.onAwarenessUpdate);
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

  /** From now on client updates are refused; the stored document stays as it is. */
  freeze(reason: string): void {
    this.frozenReason = reason;
    for (const conn of this.conns.keys()) this.tellReadOnly(conn);
  }

  addConnection(conn: RoomConnection): void {
    this.conns.set(conn, new Set());
    conn.send(encodeMessage(yMessage.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    const states = Array.from(this.awareness.getStates().keys());
    if (states.length > 0) {
      conn.send(
        encodeMessage(yMessage.awareness, (e) =>
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)),
        ),
      );
    }
    if (conn.readOnly || this.frozenReason) this.tellReadOnly(conn);
  }

  removeConnection(conn: RoomConnection): void {
    const clientIds = this.conns.get(conn);
    this.conns.delete(conn);
    this.owedSaved.delete(conn);
    if (clientIds && clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(clientIds), null);
    }
  }

  /** Handles one y-websocket frame. A malformed frame closes that connection only; the room is untouched. */
  handleMessage(conn: RoomConnection, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === yMessage.sync) this.handleSync(conn, decoder);
      else if (type === yMessage.awareness) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), conn);
      } else if (type === yMessage.queryAwareness) {
        const states = Array.from(this.awareness.getStates().keys());
        conn.send(
          encodeMessage(yMessage.awareness, (e) =>
            encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)),
          ),
        );
      } else throw new Error(`unknown message type ${type}`);
    } catch (err) {
      warnThrottled(this.logger, 'malformed yjs frame', { meetingId: this.meetingId, doc: this.kind, conn: conn.id, err: (err as Error).message });
      conn.close(closeCodes.malformedMessage, 'Malformed message');
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
    if (conn.readOnly || this.frozenReason) {
      this.tellReadOnly(conn);
      return;
    }
    // Decode fully before applying: a half-applied malformed update would leave memory ahead of disk.
    const { structs } = Y.decodeUpdate(update);
    Y.applyUpdate(this.doc, update, conn);
    let clients = this.owedSaved.get(conn);
    if (!clients) this.owedSaved.set(conn, (clients = new Set()));
    for (const struct of structs) clients.add(struct.id.client);
    // Nothing pending means memory equals disk (e.g. it was all known already): say so now, or it would wait forever.
    if (this.pending.length === 0) this.sendSaved();
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
  restrict(conn: RoomConnection, reason: string): void {
    conn.readOnly = true;
    if (this.conns.has(conn)) conn.send(statusMessage({ type: 'read-only', reason }));
  }

  private tellReadOnly(conn: RoomConnection): void {
    const reason = this.frozenReason ?? 'You can read this meeting but not change it';
    conn.send(statusMessage({ type: 'read-only', reason }));
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = added.concat(updated, removed);
    if (this.isConnection(origin)) {
      const owned = this.conns.get(origin)!;
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    // Sent to the sender too: y-websocket treats silence for 30 s as a dead link.
    const message = encodeMessage(yMessage.awareness, (e) =>
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
    );
    for (const conn of this.conns.keys()) conn.send(message);
  };

  /** A write at the end of this tick: the shared writer's, unless this room is retrying a failed save by itself. */
  private requestWrite(): void {
    if (this.writer && !this.saveFailing) this.writer.schedule(this);
    else this.scheduleFlush(0);
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer) return;
    const run = () => {
      this.flushTimer = null;
      this.flush();
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
      this.logger.error({ meetingId: this.meetingId, doc: this.kind, err: (err as Error).message, pending: append.updates.length }, 'save failed; retrying');
      if (!this.saveFailing) this.broadcastStatus({ type: 'save-failed', message: 'Changes are not being saved; retrying' });
      this.saveFailing = true;
      this.scheduleFlush(retryDelayMs);
      return false;
    }
    this.afterWrite(lastSeq);
    return true;
  }

  /** Every pending update is committed (up to `lastSeq`): only now do others receive them and senders hear "saved". */
  afterWrite(lastSeq: number): void {
    const batch = this.pending;
    this.pending = [];
    this.lastSeq = lastSeq;
    this.logRows += batch.length;
    if (this.saveFailing) {
      this.saveFailing = false;
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
    for (const conn of this.conns.keys()) if (conn !== onlySender) conn.send(message);
  }

  /** Folds the log into one snapshot. Only called with nothing pending, so memory equals disk. */
  compact(): void {
    if (this.pending.length > 0 || this.logRows === 0) return;
    try {
      this.repo.compact(this.meetingId, this.kind, Y.encodeStateAsUpdate(this.doc), this.lastSeq, this.now());
      this.logRows = 0;
    } catch (err) {
      // The log still holds everything; compaction can wait for the next chance.
      this.logger.warn({ meetingId: this.meetingId, doc: this.kind, err: (err as Error).message }, 'compaction failed');
    }
  }

  private broadcastStatus(status: YjsStatusMessage): void {
    const message = statusMessage(status);
    for (const conn of this.conns.keys()) conn.send(message);
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
    for (const conn of Array.from(this.conns.keys())) conn.close(closeCode, reason);
    this.awareness.destroy();
    this.doc.destroy();
    return saved;
  }
}

/**
 * One meeting's live Yjs document on the server. It knows connections only as `RoomConnection`
 * (send / close), never a socket, so it can be tested without a network.
 *
 * Promise kept here: an update is written to the log before any other client receives it, and its sender is
 * told "saved" (its own clients' clocks, `yMessage.saved`) only after the write. The write goes through the shared
 * per-tick `BatchedWriter` (one commit for every room, one in flight at a time; write-batcher.ts): the updates of a
 * commit are taken when it starts, and those arriving while it is in flight wait for the next one.
 *
 * Updates committed elsewhere (a server command, another process through the relay) are applied with
 * `applyCommitted`: already stored, so only sent on. The room remembers `syncedSeq`, a log position up to which
 * memory holds every row; when what arrives shows a gap (an update whose dependencies never came), and before each
 * compaction, it reads the rows after it from storage (`readAfter`), so a snapshot never misses a row it folds in.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { yMessage, closeCodes, writeSavedClocks, type MeetingDocKind, type YjsStatusMessage } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import type { DocumentAppend, MeetingDocStore, StoredDocument } from '../db/stores/meeting-docs.js';
import type { DocRulesContext } from './doc-rules.js';
import type { RoomConnection } from './room-connection.js';
import { RoomPresence } from './room-presence.js';
import { RoomRules } from './room-rules.js';
import { encodeMessage, statusMessage } from './yjs-messages.js';
import { WriteBatcher, type BatchedWriter, type WritableRoom } from './write-batcher.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';

export type { RoomConnection };
export { statusMessage };

interface Pending {
  update: Uint8Array;
  origin: RoomConnection | null;
}

const saveFailedStatus: YjsStatusMessage = { type: 'save-failed' };

export interface DocRoomOptions {
  now?: () => number;
  /** Shared per-tick writer (the host's); without one the room has a writer of its own. */
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
  /** Updates applied but not yet stored, oldest first; the first `committing` of them are in the commit in flight. */
  private pending: Pending[] = [];
  private committing = 0;
  /** The "saved" owed for the updates in flight: each connection's clients at their clocks when the commit started. */
  private committingSaved: [RoomConnection, [number, number][]][] = [];
  /** Log rows since the last compaction (a compaction is due every `limits.compactEveryUpdates`). */
  private logRows: number;
  /** Every log row up to here is in memory (advanced by loading and by reading from storage, never by guessing). */
  private syncedSeq: number;
  /** The last log position heard of: this room's own commits, server commands', other processes'. */
  private heardSeq: number;
  private saveFailing = false;
  private lastWriteError: unknown = null;
  private frozenReason: ReadOnlyReason | null = null;
  /** Client updates that arrived while the meeting was being ended (see `hold`), in arrival order; null when not held. */
  private held: { conn: RoomConnection; update: Uint8Array }[] | null = null;
  /** Ends under way (two chairs' tabs may end at once): updates stay held until the last one is released. */
  private holds = 0;
  /** While applying updates that are already stored: they must not be stored twice; their effects are sent on. */
  private applyingStored: Uint8Array[] | null = null;
  private catchingUp: Promise<void> | null = null;
  /** The compaction under way, if any: a shutdown waits for it rather than close the room under it. */
  private compacting: Promise<void> | null = null;
  private closed = false;
  private readonly now: () => number;
  private readonly writer: BatchedWriter;
  /** The document's rules and size cap; null when the room keeps none (tests of the write path). */
  private readonly rules: RoomRules | null;
  /** Updates whose dependencies have not arrived, per connection, so they can only ever integrate as their sender's. */
  private readonly pendingOf = new Map<RoomConnection, { structs: Y.Doc['store']['pendingStructs']; ds: Y.Doc['store']['pendingDs'] }>();

  /** Loads the document from storage and makes its room. */
  static async load(meetingId: string, kind: MeetingDocKind, store: MeetingDocStore, logger: Logger, options: DocRoomOptions = {}): Promise<DocRoom> {
    return new DocRoom(meetingId, kind, await store.load(meetingId, kind), store, logger, options);
  }

  constructor(
    readonly meetingId: string,
    readonly kind: MeetingDocKind,
    stored: StoredDocument,
    private readonly store: MeetingDocStore,
    private readonly logger: Logger,
    options: DocRoomOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.writer = options.writer ?? new WriteBatcher(store, { now: this.now, logger });
    if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    const sizeBound = (stored.snapshot?.length ?? 0) + stored.updates.reduce((n, u) => n + u.length, 0);
    const where = { meetingId, doc: kind };
    this.rules = options.rules ? new RoomRules(this.doc, options.rules, sizeBound, (o) => this.isConnection(o), this.now, logger, where) : null;
    this.logRows = stored.updates.length;
    this.syncedSeq = stored.lastSeq;
    this.heardSeq = stored.lastSeq;
    this.presence = new RoomPresence(this.doc, this.now);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.applyingStored) {
        this.applyingStored.push(update);
        return;
      }
      this.pending.push({ update, origin: this.isConnection(origin) ? origin : null });
      this.writer.schedule(this);
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

  /** The last log position this room has heard of (its own commits, server commands', other processes'). */
  get lastSeq(): number {
    return this.heardSeq;
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
    // Nothing pending or in flight means memory equals disk (e.g. it was all known already): say so now, or it
    // would wait forever. With a commit in flight, it is said when that commit lands.
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

  /** An update a server command wrote to the log in its own transaction (log row `seq`): see `applyCommitted`. */
  applyStored(update: Uint8Array, seq: number): void {
    this.applyCommitted([update], seq);
  }

  /**
   * Applies updates already committed to the log (up to row `lastSeq`) by someone else (a server command, another
   * process), and sends what they change to everyone in the room, without storing them again: the promise "stored
   * before anyone sees it" holds because they were committed first. An update whose dependencies never arrived
   * shows that rows were missed: the room catches up from storage.
   */
  applyCommitted(updates: readonly Uint8Array[], lastSeq: number): void {
    if (this.closed) return;
    this.heardSeq = Math.max(this.heardSeq, lastSeq);
    this.logRows += updates.length;
    if (this.applyStoredUpdates(updates)) void this.catchUp();
    if (this.logRows >= limits.compactEveryUpdates && this.pending.length === 0) void this.compact();
  }

  /** Applies stored updates and sends on their effects; true when some wait for a dependency (rows were missed). */
  private applyStoredUpdates(updates: readonly Uint8Array[]): boolean {
    const store = this.doc.store;
    const effects: Uint8Array[] = [];
    this.applyingStored = effects;
    // The size cap's bound covers what other processes' clients wrote too.
    this.rules?.storedElsewhere(updates.reduce((n, u) => n + u.length, 0));
    let gap = false;
    try {
      for (const update of updates) Y.applyUpdate(this.doc, update, null);
    } finally {
      this.applyingStored = null;
      // What waits for a missing row must not sit in the shared store (a client's update could complete it and be
      // judged by someone else's rights): dropped here, it comes back with the rows read from storage.
      if (store.pendingStructs || store.pendingDs) {
        gap = true;
        store.pendingStructs = null;
        store.pendingDs = null;
      }
    }
    if (effects.length > 0) this.broadcast(effects.map((update) => ({ update, origin: null })));
    return gap;
  }

  /**
   * Reads from storage every row after `syncedSeq` (and the snapshot, if a compaction folded rows after it) and
   * applies it: after this, memory holds every row up to the last one read. One read at a time per room.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const missing = await this.store.readAfter(this.meetingId, this.kind, this.syncedSeq);
        if (this.closed) return;
        const updates = missing.snapshot ? [missing.snapshot, ...missing.updates] : missing.updates;
        this.applyStoredUpdates(updates);
        this.syncedSeq = Math.max(this.syncedSeq, missing.lastSeq);
        this.heardSeq = Math.max(this.heardSeq, missing.lastSeq);
      } catch (err) {
        warnThrottled(this.logger, 'catching up from storage failed', { meetingId: this.meetingId, doc: this.kind, err: (err as Error).message });
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
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

  takeBatch(): DocumentAppend | null {
    if (this.pending.length === 0 || this.committing > 0) return null;
    this.committing = this.pending.length;
    // "Saved" for these updates names the clocks they bring each sender's clients to, read now: by the time the
    // commit lands, later updates (not in it) may have moved the clocks on.
    this.committingSaved = Array.from(this.owedSaved, ([conn, clients]) => [conn, Array.from(clients, (client) => [client, Y.getState(this.doc.store, client)])]);
    this.owedSaved.clear();
    return { meetingId: this.meetingId, doc: this.kind, updates: this.pending.map((p) => p.update) };
  }

  /** Writes every pending update now (after the commit in flight); true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    if (this.pending.length === 0) return true;
    this.writer.schedule(this);
    await this.writer.flush();
    return this.pending.length === 0;
  }

  /** As `flush`, but a write that still fails rejects with its error (e.g. ending must not read unsaved edits). */
  async saveAllOrThrow(): Promise<void> {
    if (!(await this.flush())) throw this.lastWriteError ?? new Error('meeting document not saved');
  }

  /**
   * The write failed: the updates stay pending (in memory, unbroadcast, unacknowledged) until a retry succeeds.
   * Logged and told to the editors once per failure, not once per retry.
   */
  writeFailed(err: unknown): void {
    this.lastWriteError = err;
    this.committing = 0;
    for (const [conn, clocks] of this.committingSaved) {
      if (!this.conns.has(conn)) continue;
      let clients = this.owedSaved.get(conn);
      if (!clients) this.owedSaved.set(conn, (clients = new Set()));
      for (const [client] of clocks) clients.add(client);
    }
    this.committingSaved = [];
    if (this.saveFailing) return;
    this.saveFailing = true;
    this.logger.error({ meetingId: this.meetingId, doc: this.kind, err: (err as Error).message, pending: this.pending.length }, 'save failed; retrying');
    this.broadcastStatus(saveFailedStatus);
  }

  /** The updates taken for the commit are committed (up to `lastSeq`): only now do others receive them and senders hear "saved". */
  afterWrite(lastSeq: number): void {
    const batch = this.pending.splice(0, this.committing);
    this.committing = 0;
    this.heardSeq = Math.max(this.heardSeq, lastSeq);
    this.logRows += batch.length;
    if (this.closed) return;
    if (this.saveFailing) {
      this.saveFailing = false;
      this.logger.info({ meetingId: this.meetingId, doc: this.kind, written: batch.length }, 'saving again');
      this.broadcastStatus({ type: 'save-recovered' });
    }
    this.broadcast(batch);
    for (const [conn, clocks] of this.committingSaved) {
      if (this.conns.has(conn) && clocks.length > 0) conn.send(encodeMessage(yMessage.saved, (e) => writeSavedClocks(e, clocks)));
    }
    this.committingSaved = [];
    // Owed while this commit was in flight for updates that added nothing new: memory equals disk now.
    if (this.pending.length === 0 && this.owedSaved.size > 0) this.sendSaved();
    if (this.logRows >= limits.compactEveryUpdates && this.pending.length === 0) void this.compact();
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

  /**
   * Folds the log into one snapshot. It first catches up from storage (rows committed elsewhere that never reached
   * this room), then snapshots memory up to `syncedSeq`, only with nothing pending: memory then holds every row up to
   * there and nothing unstored. Never more than one at a time per room.
   */
  compact(): Promise<void> {
    if (this.closed || this.logRows === 0) return this.compacting ?? Promise.resolve();
    this.compacting ??= this.foldLog().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async foldLog(): Promise<void> {
    try {
      await this.catchUp();
      if (this.closed || this.pending.length > 0) return;
      const folded = this.logRows;
      await this.store.compact(this.meetingId, this.kind, Y.encodeStateAsUpdate(this.doc), this.syncedSeq, this.now());
      this.logRows = Math.max(0, this.logRows - folded);
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

  /** Saves what is pending and closes every connection. Resolves false if something could not be saved. */
  async shutdown(closeCode: number, reason: string): Promise<boolean> {
    const saved = await this.flush();
    if (saved) {
      // A compaction started by the last write may still be reading or writing (an asynchronous engine takes longer
      // than SQLite): wait for it, then fold whatever it did not, so a restart loads one snapshot, not the log.
      await this.compacting;
      await this.compact();
    }
    this.closed = true;
    for (const conn of Array.from(this.conns)) conn.close(closeCode, reason);
    this.presence.destroy();
    this.doc.destroy();
    return saved;
  }
}

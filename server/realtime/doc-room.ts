/**
 * One meeting's live Yjs document on the server. It knows connections only as `RoomConnection`
 * (send / close), never a socket, so it can be tested without a network.
 *
 * Promise kept here: an update is stored before any other client receives it: in the update journal where there is
 * one (one write, then broadcast at once: update-journal.ts), else in the log (broadcast after the commit). Its sender
 * is told "saved" (its own clients' clocks, `yMessage.saved`) only once the log holds it. The log is written through
 * the shared per-tick `BatchedWriter` (one commit for every room, one in flight at a time; write-batcher.ts).
 *
 * The room's parts, one responsibility each: room-write-path.ts (what is pending, in flight, owed "saved"),
 * room-catch-up.ts (updates already stored: from server commands, other processes, storage reads),
 * room-end-gate.ts (holding and freezing while a meeting ends), room-client-updates.ts (a client's update applied
 * as its own), room-update-capture.ts (each transaction's update: a client's own bytes where they say it),
 * room-broadcast.ts (sending), room-presence.ts (awareness) and room-rules.ts (the document's rules).
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { yMessage, closeCodes, type MeetingDocKind, type YjsStatusMessage } from '../../shared/protocol.js';
import { limits } from '../../shared/limits.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import type { DocumentAppend, MeetingDocStore, StoredDocument } from '../db/stores/meeting-docs.js';
import type { DocRulesContext } from './doc-rules.js';
import type { RoomConnection } from './room-connection.js';
import { RoomPresence } from './room-presence.js';
import { RoomRules } from './room-rules.js';
import { encodeMessage, statusMessage } from './yjs-messages.js';
import { WriteBatcher, type BatchedWriter, type WritableRoom } from './write-batcher.js';
import { broadcastStatus, broadcastUpdates } from './room-broadcast.js';
import type { UpdateJournal } from '../db/update-journal.js';
import { RoomWritePath } from './room-write-path.js';
import { StoredUpdates } from './room-catch-up.js';
import { RoomEndGate } from './room-end-gate.js';
import { ClientUpdates } from './room-client-updates.js';
import { compactionTurn } from './compaction-turns.js';
import { checkUpdate } from './update-check.js';
import { UpdateCapture } from './room-update-capture.js';
import type { Logger } from '../logger.js';
import { warnThrottled } from '../log-throttle.js';

export type { RoomConnection };

const saveFailedStatus: YjsStatusMessage = { type: 'save-failed' };
const endedReason: ReadOnlyReason = 'ended';

export interface DocRoomOptions {
  now?: () => number;
  /** Shared per-tick writer (the host's); without one the room has a writer of its own. */
  writer?: BatchedWriter;
  /** The document's rules (doc-rules.ts) need the meeting's status and participants; without them nothing is checked. */
  rules?: DocRulesContext;
  /** The store refused this room's updates (the meeting ended elsewhere): its memory now holds edits storage lacks. */
  onRefused?: (room: DocRoom) => void;
  /** Client updates are written here and broadcast before their commit (update-journal.ts); without: after it. */
  journal?: UpdateJournal;
}

export class DocRoom implements WritableRoom {
  readonly doc = new Y.Doc({ gc: true });
  private readonly presence: RoomPresence;
  private readonly conns = new Set<RoomConnection>();
  private readonly writes = new RoomWritePath(this.doc);
  private readonly stored: StoredUpdates;
  private readonly gate = new RoomEndGate();
  private readonly clients: ClientUpdates;
  /** Every transaction's update, to store and broadcast: a client's own bytes where they say it, else Yjs's encoding. */
  readonly capture: UpdateCapture;
  /** Log rows since the last compaction (a compaction is due every `limits.compactEveryUpdates`). */
  private logRows: number;
  /** The last log position heard of: this room's own commits, server commands', other processes'. */
  private heardSeq: number;
  /** The compaction under way, if any: a shutdown waits for it rather than close the room under it. */
  private compacting: Promise<void> | null = null;
  private closed = false;
  /** Memory holds updates the store refused (the meeting had ended): it is never folded into a snapshot. */
  private diverged = false;
  private readonly onRefused: ((room: DocRoom) => void) | undefined;
  private readonly now: () => number;
  private readonly writer: BatchedWriter;
  /** The document's rules and size cap; null when the room keeps none (tests of the write path). */
  private readonly rules: RoomRules | null;
  private readonly journal: UpdateJournal | null;

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
    this.onRefused = options.onRefused;
    this.journal = options.journal ?? null;
    this.writer = options.writer ?? new WriteBatcher(store, { now: this.now, logger });
    if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    const sizeBound = (stored.snapshot?.length ?? 0) + stored.updates.reduce((n, u) => n + u.length, 0);
    const where = { meetingId, doc: kind };
    this.rules = options.rules ? new RoomRules(this.doc, options.rules, sizeBound, (o) => this.isConnection(o), this.now, logger, where) : null;
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (this.stored.captured(update)) return;
      this.writes.add(update, this.isConnection(origin) ? origin : null);
      this.writer.schedule(this);
    };
    this.capture = new UpdateCapture(this.doc, onUpdate, (update, by) => this.writes.replace(update, by));
    this.clients = new ClientUpdates(this.doc, this.rules, this.capture);
    this.stored = new StoredUpdates(
      {
        meetingId,
        kind,
        doc: this.doc,
        store,
        logger,
        rules: this.rules,
        sendEffects: (effects) => broadcastUpdates(this.conns, effects.map((update) => ({ update, origin: null }))),
        closed: () => this.closed,
        heard: (seq) => {
          this.heardSeq = Math.max(this.heardSeq, seq);
        },
      },
      stored.lastSeq,
    );
    this.logRows = stored.updates.length;
    this.heardSeq = stored.lastSeq;
    this.presence = new RoomPresence(this.doc, this.now);
  }

  get awareness() {
    return this.presence.awareness;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get hasUnsavedChanges(): boolean {
    return this.writes.unsaved > 0;
  }

  /** The last log position this room has heard of (its own commits, server commands', other processes'). */
  get lastSeq(): number {
    return this.heardSeq;
  }

  private isConnection(origin: unknown): origin is RoomConnection {
    return typeof origin === 'object' && origin !== null && this.conns.has(origin as RoomConnection);
  }

  private readonly live = (conn: RoomConnection): boolean => this.conns.has(conn);

  /**
   * While the meeting is being ended, client updates are kept aside (not applied, stored or acknowledged), so the
   * minutes' document cannot change before the freeze: `release` applies them (the end failed), `freeze` drops them.
   */
  hold(): void {
    this.gate.hold();
  }

  release(): void {
    for (const { conn, update } of this.gate.release()) {
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
    this.gate.freeze(reason);
    for (const conn of this.conns) this.tellReadOnly(conn);
  }

  addConnection(conn: RoomConnection): void {
    this.conns.add(conn);
    conn.send(encodeMessage(yMessage.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    this.presence.add(conn);
    if (conn.readOnly || this.gate.frozen) this.tellReadOnly(conn);
    if (this.writes.saveFailing) conn.send(statusMessage(saveFailedStatus));
  }

  removeConnection(conn: RoomConnection): void {
    this.conns.delete(conn);
    this.gate.drop(conn);
    this.writes.forget(conn);
    this.clients.forget(conn);
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
      // A (re)connecting client may hold edits stored without its hearing so (a killed server): "saved" now, or after
      // the commit of what is pending. Not once memory holds edits the store refused.
      if (this.diverged) return;
      this.writes.oweOnSync(conn, Y.decodeStateVector(stateVector));
      if (this.writes.unsaved === 0) this.writes.sendSaved();
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (conn.readOnly || this.gate.frozen || (this.rules && !conn.writer)) {
      this.tellReadOnly(conn);
      return;
    }
    if (this.gate.holding) {
      checkUpdate(update); // a malformed frame is refused now, not when it is released
      if (!this.gate.keep(conn, update)) conn.close(closeCodes.frameTooLarge, 'too-many-held-updates');
      return;
    }
    this.receiveUpdate(conn, update);
  }

  private receiveUpdate(conn: RoomConnection, update: Uint8Array): void {
    // Read through before applying: a frame whose delete set is damaged must change nothing (Yjs reads it last).
    const checked = checkUpdate(update);
    this.clients.applyFrom(conn, update, checked);
    const refused = this.rules?.takeRefusals();
    if (refused) conn.send(statusMessage({ type: 'refused', reasons: refused }));
    this.writes.owe(conn, checked.clients);
    // Journalled, it is stored: everyone else gets it now, with any revert the rules made of it (the commit follows).
    if (this.journal) this.writes.publish(this.journal, this.meetingId, this.kind, this.conns);
    // Nothing pending or in flight: memory equals disk (all known already), say so now; else when the commit lands.
    if (this.writes.unsaved === 0) this.writes.sendSaved();
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
    if (this.stored.apply(updates)) void this.catchUp();
    if (this.logRows >= limits.compactEveryUpdates && this.writes.unsaved === 0) void this.compact();
  }

  /** Reads what storage holds beyond memory and applies it (room-catch-up.ts). One read at a time per room. */
  catchUp(): Promise<void> {
    return this.stored.catchUp();
  }

  /** A catch-up read from now on through `store` (a transaction's), rejecting if it fails: see `StoredUpdates.catchUpNow`. */
  catchUpNow(store: MeetingDocStore): Promise<void> {
    return this.stored.catchUpNow(store);
  }

  /** This connection may no longer write (its role changed): its updates are dropped from now on, and it is told why. */
  restrict(conn: RoomConnection, reason: ReadOnlyReason): void {
    conn.readOnly = true;
    if (this.conns.has(conn)) conn.send(statusMessage({ type: 'read-only', reason }));
  }

  private tellReadOnly(conn: RoomConnection): void {
    const reason = this.gate.frozen ?? 'viewOnly';
    conn.send(statusMessage({ type: 'read-only', reason }));
  }

  takeBatch(): DocumentAppend | null {
    return this.writes.take(this.meetingId, this.kind);
  }

  /** Writes every pending update now (after the commit in flight); true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    if (this.writes.unsaved === 0) return true;
    this.writer.schedule(this);
    await this.writer.flush();
    return this.writes.unsaved === 0;
  }

  /** As `flush`, but a write that still fails rejects with its error (e.g. ending must not read unsaved edits). */
  async saveAllOrThrow(): Promise<void> {
    if (!(await this.flush())) throw this.writes.lastWriteError ?? new Error('meeting document not saved');
  }

  /** The write failed: the updates stay pending (unacknowledged; unbroadcast unless journalled) until a retry succeeds. Told once per failure. */
  writeFailed(err: unknown): void {
    if (!this.writes.failed(err, this.live)) return;
    this.logger.error({ meetingId: this.meetingId, doc: this.kind, err: (err as Error).message, pending: this.writes.unsaved }, 'save failed; retrying');
    broadcastStatus(this.conns, saveFailedStatus);
  }

  /**
   * The store refused the commit: the meeting had ended (on another process) before it reached the documents' lock,
   * so the minutes were made without these updates. They are not stored nor acknowledged (nor broadcast: only the
   * journal, used with one process alone, sends earlier); the room freezes as an ended meeting's does, and the host
   * stops serving its memory (which holds them) to newcomers.
   */
  writeRefused(): void {
    const dropped = this.writes.unsaved;
    this.journal?.settleAll(this.writes.refused());
    this.diverged = true;
    // A warning: typed edits were dropped (once per room, which then freezes); tests read it to prove the path ran.
    this.logger.warn({ meetingId: this.meetingId, doc: this.kind, dropped }, 'updates refused: the meeting had ended');
    this.freeze(endedReason);
    this.onRefused?.(this);
  }

  /** The updates taken for the commit are committed (up to `lastSeq`): others receive those not journalled, senders hear "saved". */
  afterWrite(lastSeq: number): void {
    const { count, unsent: batch } = this.writes.landed(this.journal);
    this.heardSeq = Math.max(this.heardSeq, lastSeq);
    this.logRows += count;
    if (this.closed) return;
    if (this.writes.saveFailing) {
      this.writes.saveFailing = false;
      this.logger.info({ meetingId: this.meetingId, doc: this.kind, written: batch.length }, 'saving again');
      broadcastStatus(this.conns, { type: 'save-recovered' });
    }
    if (batch.length > 0) broadcastUpdates(this.conns, batch);
    this.writes.sendCommittedSaved(this.live);
    if (this.logRows >= limits.compactEveryUpdates && this.writes.unsaved === 0) void this.compact();
  }

  /**
   * Folds the log into one snapshot. It first catches up from storage (rows committed elsewhere that never reached
   * this room), then snapshots memory up to the synced position, only with nothing pending: memory then holds every
   * row up to there and nothing unstored. Never more than one at a time per room.
   */
  compact(): Promise<void> {
    if (this.closed || this.diverged || this.logRows === 0) return this.compacting ?? Promise.resolve();
    this.compacting ??= this.foldLog().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  private async foldLog(): Promise<void> {
    try {
      await compactionTurn();
      await this.catchUp();
      if (this.closed || this.diverged || this.writes.unsaved > 0) return;
      const folded = this.logRows;
      await this.store.compact(this.meetingId, this.kind, Y.encodeStateAsUpdate(this.doc), this.stored.synced, this.now());
      this.logRows = Math.max(0, this.logRows - folded);
    } catch (err) {
      // The log still holds everything; compaction can wait for the next chance (tried after every write, so the
      // warning is throttled rather than repeated).
      warnThrottled(this.logger, 'compaction failed', { meetingId: this.meetingId, doc: this.kind, err: (err as Error).message });
    }
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

/**
 * A room's half of the write path (write-batcher.ts has the other): the updates applied but not yet stored, the one
 * commit of them in flight, and the "saved" owed to each connection (its own clients' clocks, `yMessage.saved`),
 * said only once what it covers is stored.
 */
import * as Y from 'yjs';
import { yMessage, writeSavedClocks } from '../../shared/protocol.js';
import type { DocumentAppend, MeetingDocKind } from '../db/stores/meeting-docs.js';
import type { UpdateJournal } from '../db/update-journal.js';
import { broadcastUpdates, type Pending } from './room-broadcast.js';
import type { RoomConnection } from './room-connection.js';
import { encodeMessage } from './yjs-messages.js';

/** At most this many ids in the "saved" answering a sync step 1 (a meeting's editors over its life fit easily). */
export const syncSavedMax = 512;

export class RoomWritePath {
  /** Updates applied but not yet stored, oldest first; the first `committing` of them are in the commit in flight. */
  private pending: Pending[] = [];
  private committing = 0;
  /** The first `published` pending updates are in the journal and were broadcast before their commit. */
  private published = 0;
  /** Connections owed a "saved" once what is pending is written, with the Yjs client ids their updates carried. */
  private readonly owedSaved = new Map<RoomConnection, Set<number>>();
  /** The "saved" owed for the updates in flight: each connection's clients at their clocks when the commit started. */
  private committingSaved: [RoomConnection, [number, number][]][] = [];
  /** Connections whose sync step 1 was answered with "saved" (once each). */
  private readonly syncedOnce = new WeakSet<RoomConnection>();
  /** True from a failed write until one succeeds: the editors were told "not saving" once. */
  saveFailing = false;
  lastWriteError: unknown = null;

  constructor(private readonly doc: Y.Doc) {}

  get unsaved(): number {
    return this.pending.length;
  }

  add(update: Uint8Array, origin: RoomConnection | null): void {
    this.pending.push({ update, origin });
  }

  /** Puts `by` in place of a pending `update` not yet journalled nor in a commit (room-update-capture.ts). */
  replace(update: Uint8Array, by: Uint8Array): void {
    for (let i = Math.max(this.published, this.committing); i < this.pending.length; i++) {
      if (this.pending[i].update === update) this.pending[i].update = by;
    }
  }

  /**
   * Writes the pending updates not yet sent to the journal (in order, as one record) and broadcasts them now, before
   * their commit; when the journal write fails they wait for their commit (and the next update tries again with them).
   */
  publish(journal: UpdateJournal, meetingId: string, doc: MeetingDocKind, conns: Iterable<RoomConnection>): void {
    if (this.published === this.pending.length) return;
    const fresh = this.pending.slice(this.published);
    const segment = journal.append(meetingId, doc, fresh.map((p) => p.update));
    if (!segment) return;
    for (const p of fresh) p.journal = segment;
    this.published = this.pending.length;
    broadcastUpdates(conns, fresh);
  }

  /** The connection is owed "saved" for these Yjs clients once what is pending is stored. */
  owe(conn: RoomConnection, clientIds: Iterable<number>): void {
    let clients = this.owedSaved.get(conn);
    if (!clients) this.owedSaved.set(conn, (clients = new Set()));
    for (const client of clientIds) clients.add(client);
  }

  /**
   * A connection's sync step 1 (its state vector): it is owed "saved" for the ids it holds that the document has
   * (never more than `syncSavedMax`, and once per connection, so a hostile frame cannot make the answer large).
   */
  oweOnSync(conn: RoomConnection, stateVector: Map<number, number>): void {
    if (this.syncedOnce.has(conn)) return;
    this.syncedOnce.add(conn);
    const clients: number[] = [];
    for (const client of stateVector.keys()) {
      if (clients.length >= syncSavedMax) break;
      if (this.doc.store.clients.has(client)) clients.push(client);
    }
    this.owe(conn, clients);
  }

  forget(conn: RoomConnection): void {
    this.owedSaved.delete(conn);
  }

  /** Tells each connection owed one which of its clients' clocks are now stored. Only with nothing pending. */
  sendSaved(): void {
    for (const [conn, clients] of this.owedSaved) {
      if (clients.size === 0) continue;
      conn.send(encodeMessage(yMessage.saved, (e) => writeSavedClocks(e, Array.from(clients, (client) => [client, Y.getState(this.doc.store, client)]))));
    }
    this.owedSaved.clear();
  }

  /** Takes every pending update into the commit about to start (null: nothing to write, or a commit in flight). */
  take(meetingId: string, doc: MeetingDocKind): DocumentAppend | null {
    if (this.pending.length === 0 || this.committing > 0) return null;
    this.committing = this.pending.length;
    // "Saved" for these updates names the clocks they bring each sender's clients to, read now: by the time the
    // commit lands, later updates (not in it) may have moved the clocks on.
    this.committingSaved = Array.from(this.owedSaved, ([conn, clients]) => [conn, Array.from(clients, (client) => [client, Y.getState(this.doc.store, client)])]);
    this.owedSaved.clear();
    return { meetingId, doc, updates: this.pending.map((p) => p.update) };
  }

  /**
   * The commit failed: its updates are pending again and their "saved" owed again (to connections still `live`).
   * True on the first failure of a run, when the editors are to be told.
   */
  failed(err: unknown, live: (conn: RoomConnection) => boolean): boolean {
    this.lastWriteError = err;
    this.committing = 0;
    for (const [conn, clocks] of this.committingSaved) if (live(conn)) this.owe(conn, clocks.map(([client]) => client));
    this.committingSaved = [];
    if (this.saveFailing) return false;
    this.saveFailing = true;
    return true;
  }

  /**
   * The store refused the commit: the meeting had ended. Nothing pending will ever be stored (the room freezes), so
   * all of it is dropped, and no "saved" is owed for it.
   */
  refused(): Pending[] {
    const dropped = this.pending;
    this.pending = [];
    this.published = 0;
    this.committing = 0;
    this.committingSaved = [];
    this.owedSaved.clear();
    this.saveFailing = false;
    return dropped;
  }

  /**
   * The commit landed: its updates leave the pending list, those journalled are settled with the journal, and those
   * not yet sent are returned, to be broadcast now.
   */
  landed(journal: UpdateJournal | null): { count: number; unsent: Pending[] } {
    const batch = this.pending.splice(0, this.committing);
    this.published = Math.max(0, this.published - this.committing);
    this.committing = 0;
    if (!journal) return { count: batch.length, unsent: batch };
    journal.settleAll(batch);
    return { count: batch.length, unsent: batch.filter((p) => !p.journal) };
  }

  /** After a landed commit is broadcast: its senders hear "saved", and so do those owed it for nothing new. */
  sendCommittedSaved(live: (conn: RoomConnection) => boolean): void {
    for (const [conn, clocks] of this.committingSaved) {
      if (live(conn) && clocks.length > 0) conn.send(encodeMessage(yMessage.saved, (e) => writeSavedClocks(e, clocks)));
    }
    this.committingSaved = [];
    // Owed while this commit was in flight for updates that added nothing new: memory equals disk now.
    if (this.pending.length === 0 && this.owedSaved.size > 0) this.sendSaved();
  }
}

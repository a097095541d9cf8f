/**
 * Peers of one DocRoom without a network: each peer is a real Y.Doc speaking the real y-protocols sync messages to a
 * real DocRoom on a real SQLite file, through `RoomConnection` (the only thing a room knows of a socket). Messages
 * queue in both directions and are delivered when a test says so, so a test can interleave them as it likes.
 * The room's writes are made when the test ticks, synchronously through the SQLite repository (the same
 * take / commit / afterWrite steps the server's write batcher makes), so a test of the rules stays a plain loop.
 * `docPeersOn` makes the same world on either engine, its ticks awaited.
 * `openDocPeers` makes it on either engine through the server's own WriteBatcher instead, so commits are asynchronous
 * as in the server: a test may let a commit start and leave it in flight (`yieldTurn`) while more frames arrive. Its
 * worlds share one database per file (`peerStorage`), a new meeting each, so a property test's runs stay cheap.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { meetingDocsRepo, type MeetingDocsRepo } from '../../server/db/meeting-docs-repo.js';
import { sqliteMeetingDocStore } from '../../server/db/sqlite/meeting-docs-store.js';
import type { MeetingDocStore } from '../../server/db/stores/meeting-docs.js';
import { DocRoom, type RoomConnection } from '../../server/realtime/doc-room.js';
import { WriteBatcher, type BatchedWriter, type WritableRoom } from '../../server/realtime/write-batcher.js';
import { layoutRootType, type DocRulesContext, type DocWriter, type Participant } from '../../server/realtime/doc-rules.js';
import { createLogger } from '../../server/logger.js';
import { seedBenchMeetings, seedBenchMeetingsPg } from '../bench/servers/triage-setup.js';
import { yMessage, type YjsStatusMessage } from '../../shared/protocol.js';
import type { MeetingStatus } from '../../shared/domain.js';
import { tempDir, type ServerEngine } from './server.js';
import { createTestDatabase } from './engines.js';
import type { DocStoreEngine } from './doc-store-engines.js';

export interface Peer {
  name: string;
  doc: Y.Doc;
  writer: DocWriter;
  conn: RoomConnection;
  /** Frames from the server not yet applied. */
  inbox: Uint8Array[];
  /** Frames to the server not yet delivered. */
  outbox: Uint8Array[];
  statuses: YjsStatusMessage[];
  /** Close codes and reasons the server gave this peer. */
  closed: string[];
}

const fromServer = Symbol('from server');

let template: string | null = null;
/** Seeding hashes a password (slow on purpose): seed one file per process and copy it for every world. */
function seededTemplate(): string {
  if (template && fs.existsSync(template)) return template;
  template = path.join(tempDir(), 'template.db');
  seedBenchMeetings(template, ['meeting-peers']);
  const db = openDatabase(template);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return template;
}

/**
 * A document's whole content as JSON, every root read as the layout types it (a root nobody asked for is untyped
 * and invisible to `toJSON`), so peers compare equal exactly when they hold the same content.
 */
export function serialise(doc: Y.Doc, names: Iterable<string> = doc.share.keys(), kinds: Map<string, RootKind> = new Map()): string {
  const out: Record<string, unknown> = {};
  for (const name of [...new Set(names)].sort()) {
    const kind = layoutRootType(name) ?? kinds.get(name) ?? kindOf(doc.share.get(name)) ?? 'map';
    const type = kind === 'map' ? doc.getMap(name) : kind === 'text' ? doc.getText(name) : doc.getXmlFragment(name);
    out[name] = type.toJSON();
  }
  return JSON.stringify(sortKeys(out));
}

type RootKind = 'map' | 'text' | 'fragment';
/** The type a peer already uses a root as (roots outside the layout are typed by whoever wrote them). */
const kindOf = (type: unknown): RootKind | null =>
  type instanceof Y.Map ? 'map' : type instanceof Y.Text ? 'text' : type instanceof Y.XmlFragment ? 'fragment' : null;

/** Map keys come out in the order each peer happened to integrate them: compare with keys sorted. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}

/** Writes what the rooms hold pending when told to, in one synchronous commit (the end of a tick, on demand). */
function tickWriter(repo: MeetingDocsRepo) {
  const dirty = new Set<WritableRoom>();
  const writeNow = (): boolean => {
    const rooms = [...dirty];
    dirty.clear();
    for (const room of rooms) {
      const batch = room.takeBatch();
      if (!batch) continue;
      try {
        const [lastSeq] = repo.appendMany([batch], Date.now());
        if (lastSeq === null) room.writeRefused();
        else room.afterWrite(lastSeq);
      } catch (err) {
        room.writeFailed(err);
        dirty.add(room);
      }
    }
    return dirty.size === 0;
  };
  const writer: BatchedWriter & { writeNow(): boolean } = {
    schedule: (room) => void dirty.add(room),
    flush: async () => writeNow(),
    writeNow,
  };
  return writer;
}

/** Writes what the rooms hold pending through the engine's async store, when the test awaits it (either engine). */
function asyncTickWriter(store: MeetingDocStore) {
  const dirty = new Set<WritableRoom>();
  const writeNow = async (): Promise<boolean> => {
    const rooms = [...dirty];
    dirty.clear();
    for (const room of rooms) {
      const batch = room.takeBatch();
      if (!batch) continue;
      try {
        const [lastSeq] = await store.appendMany([batch], Date.now());
        if (lastSeq === null) room.writeRefused();
        else room.afterWrite(lastSeq);
      } catch (err) {
        room.writeFailed(err);
        dirty.add(room);
      }
    }
    return dirty.size === 0;
  };
  const writer: BatchedWriter & { writeNow(): Promise<boolean> } = { schedule: (room) => void dirty.add(room), flush: writeNow, writeNow };
  return writer;
}

type PeersOptions = { status: MeetingStatus; participants: Participant[]; participant?: DocRulesContext['participant'] };

function rulesFor(options: PeersOptions) {
  let status = options.status;
  const context: DocRulesContext = {
    meetingStatus: () => status,
    participant: options.participant ?? ((id) => options.participants.find((p) => p.id === id) ?? null),
  };
  return { context, setStatus: (next: MeetingStatus) => (status = next) };
}

const peersLogger = () => createLogger((process.env.PEERS_LOG as 'silent') ?? 'silent');

/** The peers of a room and the frames between them: the same on either engine. */
function peersOf(room: DocRoom) {
  const peers: Peer[] = [];

  function join(name: string, writer: DocWriter, readOnly = false): Peer {
    const doc = new Y.Doc();
    const peer: Peer = {
      name,
      doc,
      writer,
      inbox: [],
      outbox: [],
      statuses: [],
      closed: [],
      conn: {
        id: name,
        readOnly,
        writer,
        send: (message) => peer.inbox.push(message),
        close: (code, reason) => peer.closed.push(`${code} ${reason}`),
      },
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === fromServer) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, yMessage.sync);
      syncProtocol.writeUpdate(encoder, update);
      peer.outbox.push(encoding.toUint8Array(encoder));
    });
    room.addConnection(peer.conn);
    // As y-websocket does on open: ask for what the server has.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, yMessage.sync);
    syncProtocol.writeSyncStep1(encoder, doc);
    peer.outbox.push(encoding.toUint8Array(encoder));
    peers.push(peer);
    return peer;
  }

  /** Applies one frame the server sent to the peer, answering as y-websocket would. */
  function receive(peer: Peer, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === yMessage.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, yMessage.sync);
      syncProtocol.readSyncMessage(decoder, encoder, peer.doc, fromServer);
      if (encoding.length(encoder) > 1) peer.outbox.push(encoding.toUint8Array(encoder));
    } else if (type === yMessage.status) peer.statuses.push(JSON.parse(decoding.readVarString(decoder)) as YjsStatusMessage);
  }

  /** Delivers the peer's next frame to the server; returns false when it had none. */
  function sendOne(peer: Peer): boolean {
    const message = peer.outbox.shift();
    if (!message) return false;
    room.handleMessage(peer.conn, message);
    return true;
  }
  /** Applies the peer's next frame from the server; returns false when it had none. */
  function receiveOne(peer: Peer): boolean {
    const message = peer.inbox.shift();
    if (!message) return false;
    receive(peer, message);
    return true;
  }
  /** Delivers every peer's frames to the server; true when any moved. */
  function sendAll(): boolean {
    let moved = false;
    for (const peer of peers) while (sendOne(peer)) moved = true;
    return moved;
  }
  function receiveAll(): boolean {
    let moved = false;
    for (const peer of peers) while (receiveOne(peer)) moved = true;
    return moved;
  }
  return {
    room,
    peers,
    join,
    sendOne,
    receiveOne,
    sendAll,
    receiveAll,
    /** Every root any peer or the server knows, serialised the same way on each doc. */
    serialiseAll(): { server: string; peers: Map<Peer, string> } {
      const names = [...room.doc.share.keys(), ...peers.flatMap((p) => [...p.doc.share.keys()])];
      const kinds = new Map<string, RootKind>();
      for (const doc of [room.doc, ...peers.map((p) => p.doc)]) {
        for (const [name, type] of doc.share) {
          const kind = kindOf(type);
          if (kind && !kinds.has(name)) kinds.set(name, kind);
        }
      }
      return { server: serialise(room.doc, names, kinds), peers: new Map(peers.map((p) => [p, serialise(p.doc, names, kinds)])) };
    },
  };
}

export function docPeers(options: PeersOptions) {
  const dir = tempDir();
  const dbFile = path.join(dir, 'peers.db');
  fs.copyFileSync(seededTemplate(), dbFile);
  const database: Database_ = openDatabase(dbFile);
  const { context, setStatus } = rulesFor(options);
  const repo = meetingDocsRepo(database.db);
  const writer = tickWriter(repo);
  const room = new DocRoom('meeting-peers', 'shared', repo.load('meeting-peers', 'shared'), sqliteMeetingDocStore(repo), peersLogger(), { rules: context, writer });
  const plumbing = peersOf(room);

  return {
    ...plumbing,
    setStatus,
    /** The meeting as another process's end leaves it in storage (this room not told). */
    endInStorage: () => database.sqlite.prepare("update meetings set status = 'ended' where id = ?").run('meeting-peers'),
    /** The document as storage holds it. */
    stored: () => repo.load('meeting-peers', 'shared'),
    /** Writes what the room holds pending and broadcasts it (what the end of an event-loop tick does). */
    tick: () => writer.writeNow(),
    /** Delivers everything in both directions until nothing moves. */
    settle(): void {
      for (let moved = true; moved; ) {
        moved = plumbing.sendAll();
        writer.writeNow();
        if (plumbing.receiveAll()) moved = true;
      }
    },
    close(): void {
      writer.writeNow();
      // The database closes once the room has shut down (its last compaction reads and writes it).
      void room.shutdown(4503, 'test over').finally(() => {
        database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });
    },
  };
}

/**
 * The same world on either engine (test/support/doc-store-engines.ts), through the engine's async store: the writes
 * a tick makes are awaited, so `tick`, `settle`, `stored`, `endInStorage` and `close` return promises.
 */
export async function docPeersOn(engine: DocStoreEngine, options: PeersOptions) {
  const db = await engine.open(['meeting-peers']);
  const { context, setStatus } = rulesFor(options);
  const writer = asyncTickWriter(db.store);
  const room = await DocRoom.load('meeting-peers', 'shared', db.store, peersLogger(), { rules: context, writer });
  const plumbing = peersOf(room);
  return {
    ...plumbing,
    setStatus,
    endInStorage: () => db.endInStorage('meeting-peers'),
    stored: () => db.store.load('meeting-peers', 'shared'),
    tick: () => writer.writeNow(),
    async settle(): Promise<void> {
      for (let moved = true; moved; ) {
        moved = plumbing.sendAll();
        await writer.writeNow();
        if (plumbing.receiveAll()) moved = true;
      }
    },
    async close(): Promise<void> {
      await writer.writeNow();
      await room.shutdown(4503, 'test over');
      await db.close();
    },
  };
}
export type AsyncDocPeers = Awaited<ReturnType<typeof docPeersOn>>;
export type DocPeers = ReturnType<typeof docPeers>;

/**
 * Where `openDocPeers` worlds keep their documents, for one test file: on SQLite a copy of the seeded file per world;
 * on PostgreSQL one database of the run's cluster (seeded once) and a new live meeting in it per world, as creating a
 * database for every property run would cost more than the run.
 */
export interface PeerStorage {
  engine: ServerEngine;
  /** A fresh meeting and the engine's store for it; `release` frees what it holds. */
  meeting(): Promise<{ meetingId: string; store: MeetingDocStore; release(): Promise<void> }>;
  close(): Promise<void>;
}

export async function peerStorage(engine: ServerEngine): Promise<PeerStorage> {
  if (engine === 'sqlite') {
    return {
      engine,
      async meeting() {
        const dir = tempDir();
        const dbFile = path.join(dir, 'peers.db');
        fs.copyFileSync(seededTemplate(), dbFile);
        const database: Database_ = openDatabase(dbFile);
        return {
          meetingId: 'meeting-peers',
          store: sqliteMeetingDocStore(meetingDocsRepo(database.db)),
          release: async () => {
            database.close();
            fs.rmSync(dir, { recursive: true, force: true });
          },
        };
      },
      close: async () => undefined,
    };
  }
  const testDatabase = await createTestDatabase({ migrated: true });
  await seedBenchMeetingsPg(testDatabase.url, ['meeting-peers']);
  // Imported here: a SQLite-only file never loads the PostgreSQL client.
  const [{ default: pg }, { pgMeetingDocStore }] = await Promise.all([import('pg'), import('../../server/db/pg/meeting-docs-store.js')]);
  const pool = new pg.Pool({ connectionString: testDatabase.url, max: 4 });
  let worlds = 0;
  return {
    engine,
    async meeting() {
      const meetingId = `meeting-peers-${++worlds}`;
      await pool.query(
        "insert into meetings (id, series_id, title, scheduled_at, status, created_at) select $1, series_id, title, scheduled_at, 'live', created_at from meetings where id = 'meeting-peers'",
        [meetingId],
      );
      return { meetingId, store: pgMeetingDocStore(pool), release: async () => undefined };
    },
    async close() {
      await pool.end();
      await testDatabase.drop();
    },
  };
}

/** Lets the event loop turn once: the WriteBatcher's end-of-tick start runs, and its commit may still be in flight. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A DocRoom and its peers on `storage`'s engine, written through the server's WriteBatcher (asynchronous commits). */
export async function openDocPeers(storage: PeerStorage, options: PeersOptions) {
  const { meetingId, store, release } = await storage.meeting();
  const { context, setStatus } = rulesFor(options);
  const logger = peersLogger();
  const writer = new WriteBatcher(store, { logger });
  const room = await DocRoom.load(meetingId, 'shared', store, logger, { rules: context, writer });
  const plumbing = peersOf(room);
  const { peers } = plumbing;
  let closed = false;

  /** Commits what is pending (after any commit in flight); the room then broadcasts it. Fails if a write failed. */
  const tick = async (): Promise<void> => {
    if (!(await writer.flush())) throw new Error(`${storage.engine}: the room's updates could not all be written`);
  };

  return {
    ...plumbing,
    engine: storage.engine,
    setStatus,
    tick,
    yieldTurn: turn,
    /** Delivers everything in both directions, committing between, until nothing moves. */
    async settle(): Promise<void> {
      for (let moved = true; moved; ) {
        moved = plumbing.sendAll();
        await tick();
        if (plumbing.receiveAll()) moved = true;
      }
    },
    /** The document as the engine stores it (snapshot and log), read back past the room, serialised like the others. */
    async storedState(): Promise<string> {
      const stored = await store.load(meetingId, 'shared');
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      const names = [...room.doc.share.keys(), ...peers.flatMap((p) => [...p.doc.share.keys()])];
      const kinds = new Map<string, RootKind>();
      for (const d of [room.doc, ...peers.map((p) => p.doc)]) {
        for (const [name, type] of d.share) {
          const kind = kindOf(type);
          if (kind && !kinds.has(name)) kinds.set(name, kind);
        }
      }
      const state = serialise(doc, names, kinds);
      doc.destroy();
      return state;
    },
    /** Writes what is left, shuts the room down (its last compaction included), then frees the storage. */
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await room.shutdown(4503, 'test over');
      writer.close();
      await release();
    },
  };
}
export type EngineDocPeers = Awaited<ReturnType<typeof openDocPeers>>;

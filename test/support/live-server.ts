/**
 * The setup most integration tests share: a real server on port 0 with the demo (fresh for each test by default, or one
 * for the whole file), the demo people signed in on demand, and the Socket.IO and y-websocket clients a test opens —
 * all closed after it, so a test only says what it does.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import Database from 'better-sqlite3';
import { demoMeetingId } from '../../server/seed/demo.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MeetingDocKind } from '../../shared/protocol.js';
import { startTestServer, type ServerEngine, type TestServer } from './server.js';
import { storedRow, storedRows, storedWrite } from './stored.js';
import { demoActors, type DemoUser } from './demo-actors.js';
import { connectRoom, type RoomClient } from './room-client.js';
import { connectYClient, type YClient } from './yjs-client.js';

type ServerOptions = NonNullable<Parameters<typeof startTestServer>[0]>;
/** A demo person by name, or a Cookie header for anyone else. */
type Who = DemoUser | { cookie: string };

export function liveServer(options: { scope?: 'test' | 'file'; server?: () => ServerOptions; engine?: ServerEngine } = {}) {
  let current: TestServer | undefined;
  const clients: (RoomClient | YClient)[] = [];
  const databases: Database.Database[] = [];
  const actors = demoActors(() => server().url);
  const server = (): TestServer => {
    if (!current) throw new Error('no test server running: call liveServer() at the top of a describe block');
    return current;
  };
  const cookieOf = async (who: Who) => (typeof who === 'string' ? actors.cookie(who) : who.cookie);
  const closeClients = () => {
    for (const c of clients.splice(0)) 'close' in c ? c.close() : c.destroy();
    for (const db of databases.splice(0)) db.close();
  };
  const start = async (again?: TestServer) => {
    const engine = options.engine ?? 'sqlite';
    current = await startTestServer({ engine, ...options.server?.(), ...(again ? { dir: again.dir, database: again.database ?? undefined } : {}) });
    actors.forget();
  };
  const [before, after] = options.scope === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(() => start());
  after(async () => {
    closeClients();
    await current?.cleanup();
    current = undefined;
  });

  /** A Socket.IO client of this person, not yet in any room (closed after the test). */
  async function socket(who: Who): Promise<RoomClient> {
    const client = await connectRoom(server().url, await cookieOf(who));
    clients.push(client);
    return client;
  }

  /** A Socket.IO client of this person that has joined the meeting's room (the join is asserted). */
  async function room(who: Who, meetingId = demoMeetingId): Promise<RoomClient> {
    const client = await socket(who);
    expect((await client.emit(roomEvents.join, { meetingId })).ok).toBe(true);
    return client;
  }

  /** A y-websocket client of this person on the meeting's document (shared unless `doc` says), once first synced. */
  async function yclient(who: Who, meetingId = demoMeetingId, doc?: MeetingDocKind): Promise<YClient> {
    const client = connectYClient(server().url, meetingId, { headers: { cookie: await cookieOf(who) }, doc });
    clients.push(client);
    await client.synced;
    return client;
  }

  /** The chair's room client after opening the meeting (asserted). */
  async function openMeeting(meetingId = demoMeetingId): Promise<RoomClient> {
    const chair = await room('chair', meetingId);
    expect((await chair.emit(roomEvents.open, { meetingId })).ok).toBe(true);
    return chair;
  }

  return {
    /** The running server (a new one after `restart`). */
    server,
    url: () => server().url,
    actors,
    cookie: actors.cookie,
    api: actors.api,
    post: actors.post,
    socket,
    room,
    yclient,
    openMeeting,
    /** Closes this client with the others after the test. */
    track<C extends RoomClient | YClient>(client: C): C {
      clients.push(client);
      return client;
    },
    /** What the server stored, on its engine (`?` placeholders; rows shaped as better-sqlite3 gives them). */
    rows: (text: string, ...params: unknown[]) => storedRows(server(), text, ...params),
    row: (text: string, ...params: unknown[]) => storedRow(server(), text, ...params),
    /** Changes rows past the server, on its engine (a fixture the API cannot make). */
    write: (text: string, ...params: unknown[]) => storedWrite(server(), text, ...params),
    /** The server's SQLite file, read-only, closed after the test (SQLite only: on PostgreSQL use `rows`/`row`). */
    sql(): Database.Database {
      // On PostgreSQL the moved areas' rows are not in the file: a test reading them there would pass on stale data.
      if (server().engine === 'postgres') throw new Error('sql() reads the SQLite file: on PostgreSQL use rows() or row()');
      const db = new Database(server().dbFile, { readonly: true });
      databases.push(db);
      return db;
    },
    /** Closes every client and the server, then starts a new server on the same database file (new sessions too). */
    async restart(): Promise<TestServer> {
      const previous = server();
      closeClients();
      await previous.stop();
      await start(previous);
      return server();
    },
  };
}
export type LiveServer = ReturnType<typeof liveServer>;

/**
 * The meeting-document store (the Yjs update log) on each engine, for tests of the rooms and the write batcher below
 * the server: a fresh SQLite file or a fresh PostgreSQL database of the run's cluster, with the bench rows (a live
 * meeting for each id) and the engine's own `MeetingDocStore`. What the test needs past the store (counting rows,
 * refusing a room's inserts with a trigger, ending a meeting as another process would) is read and written on the
 * engine directly, so it checks what was really stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../server/db/client.js';
import { meetingDocsRepo } from '../../server/db/meeting-docs-repo.js';
import { openPgDatabase } from '../../server/db/pg/client.js';
import { pgMeetingDocStore } from '../../server/db/pg/meeting-docs-store.js';
import { sqliteMeetingDocStore } from '../../server/db/sqlite/meeting-docs-store.js';
import type { MeetingDocStore } from '../../server/db/stores/meeting-docs.js';
import { seedBenchMeetings, seedBenchMeetingsPg } from '../bench/servers/triage-setup.js';
import { createTestDatabase } from './engines.js';
import { tempDir } from './server.js';

export interface OpenDocStore {
  store: MeetingDocStore;
  /** Rows of the meeting's update log, counted on the engine itself. */
  storedRows(meetingId: string): Promise<number>;
  /** Every insert into the update log for this meeting fails (as a bad row would), until `allowInserts`. */
  refuseInserts(meetingId: string): Promise<void>;
  allowInserts(): Promise<void>;
  /** The meeting as another process's end leaves it in storage. */
  endInStorage(meetingId: string): Promise<void>;
  close(): Promise<void>;
}

export interface DocStoreEngine {
  name: 'SQLite' | 'PostgreSQL';
  open(meetingIds: string[]): Promise<OpenDocStore>;
}

const sqliteDocStore: DocStoreEngine = {
  name: 'SQLite',
  async open(meetingIds) {
    const dir = tempDir();
    const file = path.join(dir, 'docs.db');
    seedBenchMeetings(file, meetingIds);
    const database = openDatabase(file);
    const { sqlite } = database;
    return {
      store: sqliteMeetingDocStore(meetingDocsRepo(database.db)),
      storedRows: async (meetingId) => (sqlite.prepare('select count(*) as n from meeting_updates where meeting_id = ?').get(meetingId) as { n: number }).n,
      async refuseInserts(meetingId) {
        sqlite.exec(
          `create trigger refuse_room before insert on meeting_updates when new.meeting_id = '${meetingId}' begin select raise(abort, 'disk says no'); end;`,
        );
      },
      async allowInserts() {
        sqlite.exec('drop trigger refuse_room');
      },
      async endInStorage(meetingId) {
        sqlite.prepare("update meetings set status = 'ended' where id = ?").run(meetingId);
      },
      async close() {
        database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresDocStore: DocStoreEngine = {
  name: 'PostgreSQL',
  async open(meetingIds) {
    const database = await createTestDatabase({ migrated: true });
    await seedBenchMeetingsPg(database.url, meetingIds);
    const opened = await openPgDatabase(database.url);
    // The test's own connection, not the store's pool: what it counts is what another process would see committed.
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    return {
      store: pgMeetingDocStore(opened.pool),
      storedRows: async (meetingId) =>
        (await direct.query<{ n: number }>('select count(*)::int as n from meeting_updates where meeting_id = $1', [meetingId])).rows[0].n,
      async refuseInserts(meetingId) {
        await direct.query("create function refuse_room() returns trigger language plpgsql as $$ begin raise exception 'disk says no'; end $$");
        await direct.query(`create trigger refuse_room before insert on meeting_updates for each row when (new.meeting_id = '${meetingId}') execute function refuse_room()`);
      },
      async allowInserts() {
        await direct.query('drop trigger refuse_room on meeting_updates');
        await direct.query('drop function refuse_room');
      },
      async endInStorage(meetingId) {
        await direct.query("update meetings set status = 'ended' where id = $1", [meetingId]);
      },
      async close() {
        await direct.end();
        await opened.close();
        await database.drop();
      },
    };
  },
};

export const docStoreEngines: DocStoreEngine[] = [sqliteDocStore, postgresDocStore];

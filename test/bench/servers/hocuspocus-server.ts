/**
 * The Hocuspocus 3 server under test: @hocuspocus/extension-database storing each document's full state
 * to better-sqlite3 (WAL, synchronous=NORMAL like ours), with Hocuspocus's default store debounce (2 s, max 10 s).
 * Run as its own process: BENCH_PORT, BENCH_DB. GET /stats reports the loaded document count.
 */
import Database from 'better-sqlite3';
import { Server } from '@hocuspocus/server';
import { Database as DatabaseExtension } from '@hocuspocus/extension-database';

const port = Number(process.env.BENCH_PORT);
const sqlite = new Database(process.env.BENCH_DB ?? ':memory:');
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
sqlite.exec('create table if not exists documents (name text primary key, data blob not null)');
const select = sqlite.prepare<[string], { data: Buffer }>('select data from documents where name = ?');
const upsert = sqlite.prepare('insert into documents (name, data) values (?, ?) on conflict(name) do update set data = excluded.data');

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: [
    new DatabaseExtension({
      fetch: async ({ documentName }) => {
        const row = select.get(documentName);
        return row ? new Uint8Array(row.data) : null;
      },
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state);
      },
    }),
  ],
  async onRequest({ request, response }) {
    if (request.url !== '/stats') return;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ documents: server.hocuspocus.getDocumentsCount() }));
    // Hocuspocus convention: rejecting without an error stops its default response.
    throw null;
  },
});

await server.listen();
process.stdout.write(`hocuspocus ready on ${port}\n`);

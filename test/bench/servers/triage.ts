/**
 * Triage Room's own server as `npm start` runs it: the compiled bundle (`npm run serve`'s command, built once per
 * bench run) on a seeded temp database. Ready means /readyz answers 200, not merely listening.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseServeScript, serveCommand } from '../../support/serve-command.js';
import { freePort, rootDir, spawnNode } from './spawn.js';
import { managed, type Managed } from './managed.js';
import { seedBenchMeetings, signInBench } from './triage-setup.js';
import type { ServerAdapter, ServerInstance } from './types.js';

let built = false;
/** Builds dist/server from the current sources, once per bench process. */
export function buildServer(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: rootDir, stdio: 'inherit' });
  built = true;
}

/** Our server as package.json's serve script runs it, or (A/B micro benches) as `serveScript` runs it, under `name`. */
export function triageVariant(name: string, serveScript?: string): ServerAdapter {
  return {
    name,
    persistence: 'update journal (one append) before broadcast, then SQLite (WAL, synchronous=NORMAL) within 50 ms; "saved" status after the SQLite commit',
    async start({ rooms, dataDir, cpu }): Promise<ServerInstance> {
      buildServer();
      const dbFile = path.join(dataDir, 'bench.db');
      seedBenchMeetings(dbFile, rooms);
      const port = await freePort();
      const env = { PORT: String(port), HOST: '127.0.0.1', TRIAGE_DB_FILE: dbFile, TRIAGE_SEED_DEMO: 'false', TRIAGE_DEV: '0', LOG_LEVEL: 'warn' };
      // As `npm run serve` runs it (package.json): the same memory settings; or as the A/B's other script says.
      const serve = serveScript ? parseServeScript(serveScript, `the serve script of ${name}`) : serveCommand();
      const proc = await managed(() => spawnNode(serve.args, { ...serve.env, ...env }, /running at http/, cpu, `http://127.0.0.1:${port}/readyz`));
      // One session shared by every load client (sessions live in the database, so it survives a restart).
      const cookie = await signInBench(`http://127.0.0.1:${port}`);
      const endpoints: Omit<ServerInstance, keyof Managed> = {
        framing: 'y-websocket',
        ack: 'saved',
        url: (room) => `ws://127.0.0.1:${port}/yjs/${encodeURIComponent(room)}`,
        headers: () => ({ cookie }),
        // A room is unloaded by DocRoom.shutdown, which compacts: its snapshot row is rewritten then.
        async unloadedRooms(list, sinceMs) {
          const db = new Database(dbFile, { readonly: true, fileMustExist: true });
          try {
            const marks = list.map(() => '?').join(',');
            const row = db
              .prepare(`select count(*) as n from meeting_documents where updated_at >= ? and meeting_id in (${marks})`)
              .get(sinceMs, ...list) as { n: number };
            return row.n;
          } finally {
            db.close();
          }
        },
      };
      // Object.assign onto the managed process keeps its live `pid` getter.
      return Object.assign(proc, endpoints);
    },
  };
}

export const triageAdapter: ServerAdapter = triageVariant('triage-room');

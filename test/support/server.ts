import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTriageServer, type TriageServer } from '../../server/app.js';
import { createTestDatabase, type TestDatabase } from './engines.js';
import { createLogger } from '../../server/logger.js';
import type { Config } from '../../server/config.js';

/** Where a test server keeps its records: the SQLite file (the default) or a fresh PostgreSQL database. */
export type ServerEngine = 'sqlite' | 'postgres';

/** Both engines, for `describe.each(serverEngines)` in an integration test file whose areas run on the Storage. */
export const serverEngines: { name: string; engine: ServerEngine }[] = [
  { name: 'SQLite', engine: 'sqlite' },
  { name: 'PostgreSQL', engine: 'postgres' },
];

export interface TestServer {
  url: string;
  dir: string;
  dbFile: string;
  engine: ServerEngine;
  /** The PostgreSQL database (engine 'postgres'): its URL, to start the server again on it; dropped by `cleanup`. */
  database: TestDatabase | null;
  server: TriageServer;
  /** Every log line the server wrote so far (JSON lines), when started with `captureLog`; else empty. */
  log(): string;
  /** Closes the server; the temp directory stays until `cleanup`. */
  stop(): Promise<void>;
  /** Stops (if running) and deletes the temp directory. */
  cleanup(): Promise<void>;
}

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'triage-test-'));

/**
 * The real server on port 0 with a real SQLite file in a temp dir, built from the real migrations; with
 * `engine: 'postgres'`, its records in a fresh database of the run's throwaway PostgreSQL cluster instead (or
 * `database`, to start again on one), as `TRIAGE_DATABASE_URL` does.
 */
export async function startTestServer(
  options: {
    engine?: ServerEngine;
    /** Start on this PostgreSQL database (made by an earlier start) instead of a fresh one; implies 'postgres'. */
    database?: TestDatabase;
    dir?: string;
    seedDemo?: boolean;
    config?: Partial<Config>;
    /** Keep the server's real log (at this level) for `log()`. */
    captureLog?: Config['logLevel'];
    /** The server's clock (default: the real one). */
    now?: () => number;
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const dbFile = path.join(dir, 'triage.db');
  const engine: ServerEngine = options.database ? 'postgres' : (options.engine ?? 'sqlite');
  const database = options.database ?? (engine === 'postgres' ? await createTestDatabase({ migrated: true }) : null);
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dbFile,
    logLevel: options.captureLog ?? 'silent',
    seedDemo: options.seedDemo ?? true,
    dev: false,
    production: false,
    smtpUrl: null,
    mailFrom: 'Triage Room <no-reply@triage.invalid>',
    publicUrl: null,
    databaseUrl: database?.url ?? null,
    ...options.config,
  };
  let logged = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const server = await createTriageServer(config, options.captureLog ? createLogger(config.logLevel, sink) : createLogger(config.logLevel), {
    now: options.now,
  }).catch(async (err: unknown) => {
    if (!options.database) await database?.drop();
    throw err;
  });
  const url = await server.listen();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    url,
    dir,
    dbFile,
    engine,
    database,
    server,
    log: () => logged,
    stop,
    cleanup: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

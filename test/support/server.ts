import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTriageServer, type TriageServer } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import type { Config } from '../../server/config.js';

export interface TestServer {
  url: string;
  dir: string;
  dbFile: string;
  server: TriageServer;
  /** Closes the server; the temp directory stays until `cleanup`. */
  stop(): Promise<void>;
  /** Stops (if running) and deletes the temp directory. */
  cleanup(): Promise<void>;
}

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'triage-test-'));

/** The real server on port 0 with a real SQLite file in a temp dir, built from the real migrations. */
/** `now`: the server's clock (default: the real one). */
export async function startTestServer(options: { dir?: string; seedDemo?: boolean; config?: Partial<Config>; now?: () => number } = {}): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const dbFile = path.join(dir, 'triage.db');
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dbFile,
    logLevel: 'silent',
    seedDemo: options.seedDemo ?? true,
    dev: false,
    smtpUrl: null,
    mailFrom: 'Triage Room <no-reply@triage.invalid>',
    publicUrl: null,
    ...options.config,
  };
  const server = await createTriageServer(config, createLogger(config.logLevel), { now: options.now });
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
    server,
    stop,
    cleanup: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

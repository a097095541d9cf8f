/**
 * What every fuzz test aims at (test/integration/fuzz-*.test.ts): a real server process on a fresh database — the
 * compiled server `npm start` runs (the global setup rebuilds it when older than the source; it starts in a third of
 * tsx's time) — sessions of a member and the chair, and a watching Yjs client that must keep receiving a peer's edits
 * between and during every phase. Each file ends with `expectSurvived()`: the same process (same PID), /healthz
 * answers, the watcher is connected, and nothing was logged at error level.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { spawnServer, type ServerProcess } from './process.js';
import { tempDir, type ServerEngine, type TestServer } from './server.js';
import { createTestDatabase, type TestDatabase } from './engines.js';
import { demoUsers, signIn } from './session.js';
import { connectYClient, waitForDoc, type YClient } from './yjs-client.js';
import { closeAgent } from './hostile-http.js';

/** `engine: 'postgres'`: the process keeps its records in a fresh database of the run's cluster (TRIAGE_DATABASE_URL). */
export function fuzzTarget(options: { engine?: ServerEngine } = {}) {
  const dir = tempDir();
  let database: TestDatabase | null = null;
  let server: ServerProcess;
  let pid: number;
  let peer: YClient;
  let edits = 0;
  const target = {
    url: '',
    cookies: { member: '', chair: '', watcher: '' },
    watcher: undefined as unknown as YClient,
    /** Where the process keeps its records, to read what it stored (test/support/stored.ts). */
    records: { engine: options.engine ?? 'sqlite', dbFile: path.join(dir, 'triage.db'), database: null } as Pick<TestServer, 'engine' | 'dbFile' | 'database'>,
    /** The peer edits; the watcher must receive it. */
    async watcherStillReceives(): Promise<void> {
      const title = `Peer edit ${++edits}`;
      addAgendaItem(peer.doc, { kind: 'case-review', title, caseRef: `RR-2026-${String(800 + edits).padStart(3, '0')}` });
      await waitForDoc(target.watcher.doc, (d) => readAgenda(d).some((i) => i.title === title));
    },
    async expectSurvived(): Promise<void> {
      await target.watcherStillReceives();
      expect(target.watcher.provider.wsconnected).toBe(true);
      expect(server.child.pid).toBe(pid);
      expect(server.child.exitCode).toBeNull();
      const health = await fetch(`${target.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: 'reachable' });
      const errorLines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level >= 50);
      expect(errorLines).toEqual([]);
    },
  };

  beforeAll(async () => {
    if (options.engine === 'postgres') target.records.database = database = await createTestDatabase({ migrated: true });
    const records: Record<string, string> = database ? { TRIAGE_DATABASE_URL: database.url } : {};
    server = spawnServer({ PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: target.records.dbFile, LOG_LEVEL: 'warn', ...records }, { compiled: true });
    target.url = await server.ready;
    pid = server.child.pid!;
    target.cookies.member = await signIn(target.url, demoUsers.member);
    target.cookies.chair = await signIn(target.url, demoUsers.chair);
    target.cookies.watcher = await signIn(target.url, demoUsers.coordinator);
    target.watcher = connectYClient(target.url, demoMeetingId, { headers: { cookie: target.cookies.watcher } });
    peer = connectYClient(target.url, demoMeetingId, { headers: { cookie: target.cookies.chair } });
    await Promise.all([target.watcher.synced, peer.synced]);
    await target.watcherStillReceives();
  });
  afterAll(async () => {
    target.watcher?.destroy();
    peer?.destroy();
    closeAgent();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });
  return target;
}

/**
 * The update journal (server/db/update-journal.ts) on the compiled server `npm start` runs, with a real SQLite file:
 * a client's update is written to the journal and broadcast before its commit, "saved" still waits for the log, and
 * an update broadcast but never committed (the database locked by another connection, then the process killed with
 * SIGKILL) is in the log after the restart, also when the journal ends in a torn record. With the journal off, the
 * same edit is not broadcast until it is committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { demoMeetingId } from '../../server/seed/demo.js';
import { encodeRecord } from '../../server/db/update-journal.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { freePort } from '../support/engines.js';
import { tempDir } from '../support/server.js';
import { demoUsers, signIn } from '../support/session.js';
import { connectYClient, waitForDoc, type YClient } from '../support/yjs-client.js';


const notes = (doc: Y.Doc) => doc.getMap<string>('journal-test');
const journalFiles = (dbFile: string) => fs.readdirSync(path.dirname(dbFile)).filter((f) => f.startsWith(`${path.basename(dbFile)}.journal-`));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A compiled server on its own SQLite file (busy timeout 200 ms, so a held lock is a storage fault quickly). */
async function start(dir: string, env: Record<string, string> = {}, port?: number): Promise<{ server: ServerProcess; url: string; dbFile: string; port: number }> {
  const dbFile = path.join(dir, 'triage.db');
  port ??= await freePort();
  const server = spawnServer({ PORT: String(port), HOST: '127.0.0.1', TRIAGE_DB_FILE: dbFile, TRIAGE_DB_BUSY_MS: '200', LOG_LEVEL: 'info', ...env }, { compiled: true });
  cleanups.push(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });
  return { server, url: await server.ready, dbFile, port };
}

async function clients(url: string): Promise<{ editor: YClient; watcher: YClient }> {
  const [chair, member] = [await signIn(url, demoUsers.chair), await signIn(url, demoUsers.member)];
  const editor = connectYClient(url, demoMeetingId, { headers: { cookie: chair } });
  const watcher = connectYClient(url, demoMeetingId, { headers: { cookie: member } });
  cleanups.push(() => {
    editor.destroy();
    watcher.destroy();
  });
  await Promise.all([editor.synced, watcher.synced]);
  return { editor, watcher };
}

/** Another connection holds the database's write lock with a real pending write (as a long-running job would). */
function lockDatabase(dbFile: string): Database.Database {
  const blocker = new Database(dbFile);
  blocker.exec('BEGIN IMMEDIATE');
  blocker.prepare('update meetings set venue = venue where id = ?').run(demoMeetingId);
  cleanups.push(() => {
    if (blocker.open && blocker.inTransaction) blocker.exec('ROLLBACK');
    if (blocker.open) blocker.close();
  });
  return blocker;
}

const logRows = (dbFile: string) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from meeting_updates where meeting_id = ?').get(demoMeetingId) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('the update journal', () => {
  it('broadcasts an update before its commit, says "saved" only after it, and a killed process loses none of it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { server, url, dbFile, port } = await start(dir);
    const { editor, watcher } = await clients(url);

    // Committed normally first: broadcast, saved, in the log.
    notes(editor.doc).set('before', 'committed');
    await waitForDoc(watcher.doc, (d) => notes(d).get('before') === 'committed');
    await editor.saved();
    const rowsBefore = logRows(dbFile);

    const blocker = lockDatabase(dbFile);
    notes(editor.doc).set('during', 'journalled only');
    notes(editor.doc).set('second', 'journalled only');
    // The other person has it although the log cannot take it: it is in the journal.
    await waitForDoc(watcher.doc, (d) => notes(d).get('second') === 'journalled only');
    await editor.status('save-failed');
    expect(editor.savedClock()).toBeLessThan(editor.ownClock());
    expect(logRows(dbFile)).toBe(rowsBefore);
    expect(journalFiles(dbFile).length).toBeGreaterThan(0);

    server.child.kill('SIGKILL');
    await server.exited;
    blocker.exec('COMMIT');
    blocker.close();
    // A crash mid-write leaves a torn record at the end: it is ignored, what comes before it is kept.
    const [last] = journalFiles(dbFile).sort().reverse();
    fs.appendFileSync(path.join(dir, last), Buffer.from([200, 0, 0, 0, 1, 2, 3]));
    editor.provider.disconnect();
    watcher.provider.disconnect();

    const again = await start(dir, {}, port);
    // The log lines come through the process's stdout pipe, apart from its readiness: waited for.
    await vi.waitFor(() => expect(again.server.output()).toMatch(/update journal recovered into the log/), { timeout: 5000, interval: 50 });
    expect(again.server.output()).toMatch(/"ignoredBytes":7,.*torn record/);
    // Both uncommitted updates, and the committed one before them again (still in the journal's open file: Yjs
    // ignores the repeat when the document is read).
    const recovered = again.server
      .output()
      .split('\n')
      .filter((line) => line.includes('update journal recovered into the log'))
      .map((line) => JSON.parse(line) as { updates: number; dropped: number });
    expect(recovered).toEqual([expect.objectContaining({ updates: 3, dropped: 0 })]);
    expect(journalFiles(dbFile)).toEqual([]);
    expect(logRows(dbFile)).toBeGreaterThan(rowsBefore);
    // A newcomer, who never saw the edits, reads them from the log.
    const checker = connectYClient(again.url, demoMeetingId, { headers: { cookie: await signIn(again.url, demoUsers.coordinator) } });
    cleanups.push(() => checker.destroy());
    await checker.synced;
    expect(notes(checker.doc).toJSON()).toEqual({ before: 'committed', during: 'journalled only', second: 'journalled only' });
    // The editor comes back with nothing new to send: it is told its edits are saved all the same.
    const resynced = editor.nextSync();
    editor.provider.connect();
    await resynced;
    await editor.saved();
  });

  it('with TRIAGE_UPDATE_JOURNAL=off an update waits for its commit before anyone else has it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { url, dbFile } = await start(dir, { TRIAGE_UPDATE_JOURNAL: 'off' });
    const { editor, watcher } = await clients(url);
    const blocker = lockDatabase(dbFile);
    notes(editor.doc).set('during', 'waits');
    await editor.status('save-failed');
    expect(notes(watcher.doc).has('during')).toBe(false);
    expect(journalFiles(dbFile)).toEqual([]);
    blocker.exec('COMMIT');
    await waitForDoc(watcher.doc, (d) => notes(d).get('during') === 'waits');
    await editor.saved();
  });

  it('is recovered at start even with the journal now off; a deleted meeting\'s updates are kept aside, not lost', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const first = await start(dir);
    first.server.child.kill('SIGTERM');
    expect((await first.server.exited).code).toBe(0);
    // What a killed run with the journal on would have left: an edit of the demo meeting, one of a meeting gone since.
    const edit = new Y.Doc();
    notes(edit).set('offline', 'from the journal');
    const file = `${first.dbFile}.journal-7`;
    fs.writeFileSync(
      file,
      Buffer.concat([encodeRecord(demoMeetingId, 'shared', [Y.encodeStateAsUpdate(edit)]), encodeRecord('meeting-deleted-since', 'shared', [Y.encodeStateAsUpdate(edit)])]),
    );

    const again = await start(dir, { TRIAGE_UPDATE_JOURNAL: 'off' });
    await vi.waitFor(() => expect(again.server.output()).toMatch(/update journal recovered into the log/), { timeout: 5000, interval: 50 });
    expect(again.server.output()).toMatch(/"meetingId":"meeting-deleted-since".*kept aside/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.dropped`)).toBe(true);
    const reader = connectYClient(again.url, demoMeetingId, { headers: { cookie: await signIn(again.url, demoUsers.coordinator) } });
    cleanups.push(() => reader.destroy());
    await reader.synced;
    expect(notes(reader.doc).get('offline')).toBe('from the journal');
  });
});

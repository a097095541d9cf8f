import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { processHarness } from '../support/process.js';
import { areasNotOnPostgres } from '../../server/db/stores/postgres-coverage.js';
import { connectYClient } from '../support/yjs-client.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';

describe('the server process', () => {
  const processes = processHarness();
  const dir = processes.dir;
  const start = (env: Record<string, string>) => processes.start(env);

  it('stops with a one-line message naming a bad variable', async () => {
    const p = start({ PORT: 'eighty', TRIAGE_DB_FILE: path.join(dir(), 'x.db') });
    const { code } = await p.exited;
    expect(code).toBe(1);
    const lines = p.output().trim().split('\n').filter((l) => !l.includes('nodedir'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^triage-room: Invalid PORT="eighty"/);
  });

  it('with TRIAGE_DATABASE_URL, keeps its records there only: an unreachable PostgreSQL stops it, saying so, and no SQLite file is made instead', async () => {
    // Every area runs on PostgreSQL (areasNotOnPostgres is empty), so the URL is taken, never half-used.
    expect(areasNotOnPostgres()).toEqual([]);
    const dbFile = path.join(dir(), 'triage.db');
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const p = start({ TRIAGE_DATABASE_URL: `postgres://triage@127.0.0.1:${port}/triage`, TRIAGE_DB_FILE: dbFile });
    expect((await p.exited).code).toBe(1);
    expect(p.output()).toMatch(/PostgreSQL/);
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('says clearly when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const p = start({ PORT: String(port), HOST: '127.0.0.1', TRIAGE_DB_FILE: path.join(dir(), 'x.db') });
      expect((await p.exited).code).toBe(1);
      expect(p.output()).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('seeds once, prints the URL and demo logins, and saves edits on SIGTERM', async () => {
    const dbFile = path.join(dir(), 'triage.db');
    const env = { PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: dbFile };
    const first = start(env);
    const url = await first.ready;
    expect(first.output()).toContain('chair@demo.triage.test');
    expect(first.output()).toContain(`/meetings/${demoMeetingId}`);

    const firstCookie = await signIn(url, demoUsers.chair);
    const seeded = ((await (await fetch(`${url}/api/meetings`, withCookie(firstCookie))).json()) as { meetings: unknown[] }).meetings.length;
    expect(seeded).toBeGreaterThan(0);
    const client = connectYClient(url, demoMeetingId, { headers: { cookie: firstCookie } });
    await client.synced;
    addAgendaItem(client.doc, { kind: 'case-review', title: 'Added before SIGTERM', caseRef: 'RR-2026-300' });
    await client.saved();
    const expected = readAgenda(client.doc);
    client.destroy();
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(dbFile)).toBe(true);

    const second = start(env);
    const url2 = await second.ready;
    const cookie = await signIn(url2, demoUsers.chair);
    const again = connectYClient(url2, demoMeetingId, { headers: { cookie } });
    await again.synced;
    expect(readAgenda(again.doc)).toEqual(expected);
    again.destroy();
    const meetings = (await (await fetch(`${url2}/api/meetings`, withCookie(cookie))).json()) as { meetings: unknown[] };
    expect(meetings.meetings).toHaveLength(seeded); // the demo was not seeded twice
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});

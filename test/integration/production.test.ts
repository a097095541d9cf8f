/**
 * Running for real: `npm start` serves the compiled JavaScript with plain node, says when it is ready for traffic,
 * stops being ready while it drains, and `npm run backup` copies the database while meetings run.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addAgendaItem, readAgenda } from '../../shared/meeting-doc.js';
import { demoMeetingId } from '../../server/seed/demo.js';
import { processHarness, rootDir } from '../support/process.js';
import { startTestServer } from '../support/server.js';
import { connectYClient } from '../support/yjs-client.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';

const run = promisify(execFile);

const postJson = (url: string, route: string, body: unknown) => fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Resolves once `done()` holds after some output of the process (it writes as it goes). */
const until = (done: () => boolean, p: { child: import('node:child_process').ChildProcess }) =>
  new Promise<void>((resolve) => {
    if (done()) return resolve();
    const check = () => {
      if (!done()) return;
      p.child.stderr?.off('data', check);
      p.child.stdout?.off('data', check);
      resolve();
    };
    p.child.stderr?.on('data', check);
    p.child.stdout?.on('data', check);
  });

describe('production start', () => {
  const processes = processHarness({ compiled: true });
  const dir = processes.dir;
  const start = (dbFile: string) => processes.start({ PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: dbFile });

  it('serves the compiled server with plain node: no transpiler loaded, ready on /readyz, clean exit on SIGTERM', async () => {
    const p = start(path.join(dir(), 'triage.db'));
    const url = await p.ready;
    // The serving process was started without tsx: its command line is plain node on the compiled file.
    expect(p.child.spawnargs).not.toContain('tsx');
    expect(p.child.spawnargs.at(-1)).toBe('dist/server/main.cjs');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, database: true, migrations: true, draining: false });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, database: 'reachable' });
    // The client is served by the same process, and an export (lazy-loaded library) still works compiled.
    expect((await fetch(`${url}/`)).headers.get('content-type')).toMatch(/text\/html/);
    const cookie = await signIn(url, demoUsers.coordinator);
    const pdf = await fetch(`${url}/api/meetings/demo-previous/minutes.pdf`, withCookie(cookie));
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // Loaded on first use inside the bundle too: the calendar libraries, and the dummy hash an unknown email is
    // checked against (argon2 and the request schemas behind it).
    const ics = await fetch(`${url}/api/meetings/${demoMeetingId}/calendar.ics`, withCookie(cookie));
    expect(ics.status).toBe(200);
    expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*TZID[:=]Europe\/London/);
    expect((await postJson(url, '/api/session', { email: 'nobody@demo.triage.test', password: 'not-the-password-at-all' })).status).toBe(401);
    expect((await postJson(url, '/api/session', { email: 1 })).status).toBe(422);
    // The published agenda's Word file: docx is loaded on this first download, not at start.
    const agenda = await fetch(`${url}/api/meetings/${demoMeetingId}/agenda.docx`, withCookie(await signIn(url, demoUsers.member)));
    expect(agenda.status).toBe(200);
    expect(Buffer.from(await agenda.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it('starts from one bundle: at start node loads only the native addons, data tables and optional probes; the rest on first use', async () => {
    const d = dir();
    const record = path.join(d, 'packages.json');
    const env = { PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: path.join(d, 'triage.db') };
    // The first start seeds the demo (hashing its password); a restart of that database hashes nothing to be ready.
    const first = processes.start(env);
    await first.ready;
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    const p = processes.start({ ...env, NODE_DEBUG: 'triage', NODE_OPTIONS: `--require ${path.join(rootDir, 'test/support/record-packages.cjs')}`, TRIAGE_RECORD_PACKAGES: record });
    const url = await p.ready;
    // A load balancer's probes are answered without Express's response helpers: no mime-db tables, no ETag hashing.
    const probe = await fetch(`${url}/readyz`);
    expect(probe.status).toBe(200);
    expect(probe.headers.get('etag')).toBeNull();
    // argon2 is loaded (and the dummy hash made) a second after listening, not on the way to ready; the request
    // schemas only when a request needs one.
    const loadedLazily = (name: string) => `loaded on first use: ${name}`;
    await until(() => p.output().includes(loadedLazily('@node-rs/argon2')), p);
    expect(p.output().indexOf('Triage Room is running at')).toBeLessThan(p.output().indexOf(loadedLazily('@node-rs/argon2')));
    expect(p.output()).not.toContain(loadedLazily('./shared/api-schemas.ts'));
    // Nor iconv-lite, which body parsing decodes the first request body with.
    expect(p.output()).not.toContain(loadedLazily('iconv-lite'));
    // Nor mime-types' tables (three copies, each built from the whole of mime-db): not for the probe, only for the
    // first response through Express's helpers.
    expect(p.output()).not.toContain('mime-types');
    expect((await postJson(url, '/api/session', { email: 1 })).status).toBe(422);
    expect(p.output()).toContain(loadedLazily('./shared/api-schemas.ts'));
    expect(p.output()).toContain(loadedLazily('iconv-lite'));
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    const { packages: loaded, builtins } = JSON.parse(fs.readFileSync(record, 'utf8')) as { packages: string[]; builtins: string[] };
    // better-sqlite3's JavaScript is in the bundle; only its addon is loaded from node_modules.
    expect(loaded).toEqual(expect.arrayContaining(['@node-rs/argon2', 'addon:better_sqlite3.node']));
    expect(loaded).not.toContain('better-sqlite3');
    // Everything else comes from the bundle: only what esbuild leaves outside it is loaded from node_modules (the
    // native addons and their loaders, the data tables read as JSON, and optional packages probed in a try).
    const outside = new Set(['@node-rs/argon2', 'addon:better_sqlite3.node', 'mime-db', 'iconv-lite', 'safer-buffer', 'supports-color', 'bufferutil', 'utf-8-validate']);
    expect(loaded.filter((name) => !outside.has(name) && !/^(@node-rs\/argon2-|addon:argon2\.)/.test(name))).toEqual([]);
    for (const lazy of ['docx', 'pdfmake', 'fontkit', 'nodemailer', 'vite', 'pg']) expect(loaded, lazy).not.toContain(lazy);
    // The TLS stack ws's client would use is never loaded; the HTTP server and crypto are, as they must be.
    expect(builtins).toEqual(expect.arrayContaining(['http', 'crypto', 'net']));
    for (const lazy of ['https', 'tls']) expect(builtins, lazy).not.toContain(lazy);
    // The exports' and mail's libraries are in the build all the same, loaded where they are used.
    const bundle = fs.readFileSync(path.join(rootDir, 'dist/server/bundle.cjs'), 'utf8');
    for (const lazy of ['docx', 'pdfmake', 'nodemailer']) expect(bundle, lazy).toMatch(new RegExp(`(require|import)\\("${lazy}"\\)`));
    // depd is the shim that reads no stack trace at load (scripts/shims/depd.cjs).
    expect(bundle).not.toContain('function callSiteLocation');
    expect(bundle).toContain('scripts/shims/depd.cjs');
  });

  it('dist/server/main.js, what service units written for earlier versions name, starts the same server', async () => {
    const p = processes.start({ PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: path.join(dir(), 'triage.db') }, { compiled: true, script: 'dist/server/main.js' });
    const url = await p.ready;
    expect(p.child.spawnargs.at(-1)).toBe('dist/server/main.js');
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ ready: true, database: true, migrations: true, draining: false });
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it('compiles the bundle once: a start without a code cache writes one, the next start uses it', async () => {
    const cache = path.join(rootDir, 'dist/server/bundle.cjs.cache');
    fs.rmSync(cache, { force: true });
    const db = path.join(dir(), 'triage.db');
    const startTraced = () => processes.start({ PORT: '0', HOST: '127.0.0.1', TRIAGE_DB_FILE: db, NODE_DEBUG: 'triage' });
    const first = startTraced();
    await first.ready;
    expect(first.output()).toMatch(/code cache absent/);
    await until(() => /code cache written/.test(first.output()), first);
    first.child.kill('SIGTERM');
    await first.exited;
    const second = startTraced();
    await second.ready;
    expect(second.output()).toMatch(/code cache accepted/);
    expect(second.output()).not.toMatch(/code cache written/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it('answers not ready while draining, so a load balancer stops sending connections; logs the change, not each probe', async () => {
    const server = await startTestServer({ captureLog: 'info' });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      server.server.drain();
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toMatchObject({ ready: false, draining: true });
      // Alive all the same: draining is not dying.
      const alive = await fetch(`${server.url}/healthz`);
      expect(alive.status).toBe(200);
      expect(await alive.json()).toEqual({ ok: true, database: 'reachable' });
      // HEAD works as a balancer may send it: the status, no body.
      const head = await fetch(`${server.url}/readyz`, { method: 'HEAD' });
      expect([head.status, await head.text()]).toEqual([503, '']);
      const lines = server.log().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; draining?: boolean; path?: string });
      // One line for the change to "not ready" (however many probes saw it), none for the probes themselves.
      expect(lines.filter((l) => l.msg === 'readiness probe: not ready')).toEqual([expect.objectContaining({ draining: true })]);
      expect(lines.filter((l) => l.msg === 'request')).toEqual([]);
      const api = await fetch(`${server.url}/api/config`);
      expect(api.status).toBe(200);
      // …while other requests are logged as before.
      expect(server.log()).toMatch(/"path":"\/api\/config"/);
    } finally {
      await server.cleanup();
    }
  });

  it('backs up the database while a meeting is being edited; a fresh server on the copy serves the same documents and minutes', async () => {
    const d = dir();
    const p = start(path.join(d, 'live.db'));
    const url = await p.ready;
    const cookie = await signIn(url, demoUsers.chair);
    const client = connectYClient(url, demoMeetingId, { headers: { cookie } });
    await client.synced;
    addAgendaItem(client.doc, { kind: 'case-review', title: 'Saved before the backup', caseRef: 'RR-2026-301' });
    await client.saved();
    const before = readAgenda(client.doc);
    const minutesBefore = await (await fetch(`${url}/api/meetings/demo-previous/minutes`, withCookie(cookie))).json();

    // Editing goes on while the backup runs.
    const backupFile = path.join(d, 'backup', 'copy.db');
    const backup = run(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', backupFile], {
      cwd: rootDir,
      env: { ...process.env, TRIAGE_DB_FILE: path.join(d, 'live.db') },
    });
    for (let i = 0; i < 20; i++) addAgendaItem(client.doc, { kind: 'case-review', title: `During the backup ${i}` });
    const { stdout } = await backup;
    expect(stdout).toMatch(/^Backed up .* \(\d+ pages\)/);
    await client.saved();
    client.destroy();

    // Refuses to overwrite.
    await expect(
      run(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', backupFile], { cwd: rootDir, env: { ...process.env, TRIAGE_DB_FILE: path.join(d, 'live.db') } }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });

    const restored = start(backupFile);
    const url2 = await restored.ready;
    const cookie2 = await signIn(url2, demoUsers.chair);
    const again = connectYClient(url2, demoMeetingId, { headers: { cookie: cookie2 } });
    await again.synced;
    const after = readAgenda(again.doc);
    again.destroy();
    // Everything saved before the backup is in the copy (and whatever of the later edits the copy caught, whole).
    for (const item of before) expect(after).toContainEqual(item);
    expect(await (await fetch(`${url2}/api/meetings/demo-previous/minutes`, withCookie(cookie2))).json()).toEqual(minutesBefore);
  });
});

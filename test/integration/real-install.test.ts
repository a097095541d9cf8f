/**
 * Issue 12 item 9: demo data only where it belongs. A production start never seeds the demo nor prints its password;
 * a real install's first administrator comes from `npm run admin -- create`, whose password (generated here, as when
 * no terminal is attached) then signs in on the real server; weak or duplicate input is refused and nothing stored.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../server/seed/demo-data.js';
import { processHarness, runAdminCommand } from '../support/process.js';
import { signIn, withCookie } from '../support/session.js';

describe('starting for real', () => {
  const processes = processHarness();
  const dbFileIn = () => path.join(processes.dir(), 'triage.db');
  // Production starts run the compiled server, as `npm start` does; the local demo start runs through tsx as `npm run dev`.
  const start = (env: Record<string, string>) =>
    processes.start({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, { compiled: env.NODE_ENV === 'production' });
  const peopleIn = (dbFile: string) => {
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare('select email, role from people order by email').all();
    } finally {
      db.close();
    }
  };
  const config = async (url: string) => (await (await fetch(`${url}/api/config`)).json()) as { demo: boolean };

  it('creates the first administrator from the command line; a production start seeds no demo, prints no demo password, and that admin signs in', async () => {
    const dbFile = dbFileIn();
    const env = { TRIAGE_DB_FILE: dbFile };
    const made = await runAdminCommand(['create', '--email', 'Head.Admin@Council.example', '--name', 'Harper Head', '--agency', 'Borough Council'], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const password = /Password \(shown once[^\n]*\n\s+(\S+)/.exec(made.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(made.stdout.split(password!).length).toBe(2); // printed exactly once

    const server = start({ ...env, NODE_ENV: 'production' });
    const url = await server.ready;
    const cookie = await signIn(url, 'head.admin@council.example', password!);
    const session = (await (await fetch(`${url}/api/session`, withCookie(cookie))).json()) as { user: { role: string; agency: { name: string } } };
    expect(session.user).toMatchObject({ role: 'admin', agency: { name: 'Borough Council' } });
    expect(await config(url)).toEqual({ demo: false });
    expect(peopleIn(dbFile)).toEqual([{ email: 'head.admin@council.example', role: 'admin' }]);
    expect((await fetch(`${url}/api/meetings`, withCookie(cookie)).then((r) => r.json())) as unknown).toEqual({ meetings: [] });
    // Neither the generated password nor the demo's appears in anything the server printed or logged.
    expect(server.output()).not.toContain(password!);
    expect(server.output()).not.toContain(demoPassword);
    expect(server.output()).not.toMatch(/Demo logins/);
  });

  it('refuses a duplicate email, a weak password and a bad email with a clear message, storing nothing', async () => {
    const dbFile = dbFileIn();
    const env = { TRIAGE_DB_FILE: dbFile };
    const args = (email: string) => ['create', '--email', email, '--name', 'Robin Real', '--agency', 'Borough Council', '--password-stdin'];
    expect((await runAdminCommand(args('robin@council.example'), env, 'a-Strong-enough-passphrase\n')).code).toBe(0);
    const cases: [string, string, RegExp][] = [
      ['robin@council.example', 'another-Strong-passphrase', /email: someone already uses robin@council\.example; nothing was created/],
      ['new@council.example', 'short1!', /password: must be at least 12 characters; nothing was created/],
      ['new@council.example', demoPassword, /password: must be not the published demo password/],
      ['new@council.example', 'aaaaaaaaaaaaaaaa', /password: must be more varied/],
      ['new@council.example', 'password123456', /password: must be not a common password/],
      ['not-an-email', 'another-Strong-passphrase', /email: not an email address/],
    ];
    for (const [email, password, message] of cases) {
      const run = await runAdminCommand(args(email), env, `${password}\n`);
      expect({ email, code: run.code }).toEqual({ email, code: 1 });
      expect(run.stderr).toMatch(message);
      expect(run.stderr + run.stdout).not.toContain(password);
    }
    const usage = await runAdminCommand(['create', '--email', 'x@council.example'], env);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/--name is required/);
    expect(peopleIn(dbFile)).toEqual([{ email: 'robin@council.example', role: 'admin' }]);
  });

  it('on an empty production database: no demo, no demo password, and start-up says how to make the first administrator', async () => {
    const server = start({ TRIAGE_DB_FILE: dbFileIn(), NODE_ENV: 'production' });
    const url = await server.ready;
    expect(await config(url)).toEqual({ demo: false });
    expect(server.output()).toContain('npm run admin -- create --email');
    expect(server.output()).not.toContain(demoPassword);
    await expect(signIn(url, 'chair@demo.triage.test')).rejects.toThrow(/401/);
  });

  it('a local start without NODE_ENV still seeds the demo and says so to every page', async () => {
    const server = start({ TRIAGE_DB_FILE: dbFileIn() });
    const url = await server.ready;
    expect(await config(url)).toEqual({ demo: true });
    expect(server.output()).toContain(demoPassword);
  });
});

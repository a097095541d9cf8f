import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { PreferencesView, SeriesRemindersView } from '../../shared/reminders.js';
import pg from 'pg';
import type { TestDatabase } from '../support/engines.js';
import { serverEngines, startTestServer, tempDir, type TestServer } from '../support/server.js';
import { numberedPlaceholders, storedRow } from '../support/stored.js';
import { demoActors } from '../support/demo-actors.js';
import { demoUsers, signIn, withCookie } from '../support/session.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const seriesId = 'series-repeat-removals';
const owner = 'housing@demo.triage.test';
const lead = { name: 'Harper Housing-Lead', email: 'housing-lead@demo.triage.test', password: 'lead-password-2026' };
/** Reads her email in Welsh; owns an action in each series, due soon (never past the escalation threshold here). */
const welsh = { name: 'Ceri Cymraeg', email: 'ceri@demo.triage.test', password: 'ceri-password-2026' };
const youthPanel = 'Youth Panel Triage';
const day = 86_400_000;

describe.each(serverEngines)('daily reminders: digests to owners, escalation to the agency lead, at most once a day across restarts, on $name', ({ engine }) => {
  let smtp: TestSmtp;
  let server: TestServer;
  const dir = tempDir();
  /** The PostgreSQL database of the first start (engine 'postgres'), which every restart starts on again. */
  let database: TestDatabase | undefined;
  const clock = { now: 0 };
  const actors = demoActors(() => server.url);
  /** The seeded overdue action's due date (Housing Options owns it): every day below counts from it. */
  let due = '';
  let secondSeries = '';
  const at = (daysAfterDue: number) => Date.parse(`${due}T09:00:00Z`) + daysAfterDue * day;
  const start = async () => {
    server = await startTestServer({ dir, engine, database, config: { smtpUrl: smtp.url }, now: () => clock.now });
    actors.forget();
  };
  const restart = async () => {
    await server.stop();
    await start();
  };
  const count = async (action: string) => (await storedRow(server, 'select count(*) n from audit_log where action = ?', action))?.n;
  /** Writes rows past the server (stopped), on its engine: the same SQL with `?` placeholders. */
  async function write(statements: [string, ...unknown[]][]): Promise<void> {
    if (engine === 'sqlite') {
      const rw = new Database(server.dbFile);
      for (const [text, ...params] of statements) rw.prepare(text).run(...params);
      rw.close();
      return;
    }
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      for (const [text, ...params] of statements) await client.query(numberedPlaceholders(text), params);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // First start seeds the demo (without email, so nothing runs); the lead is set up through the real API.
    server = await startTestServer({ dir, engine });
    database = server.database ?? undefined;
    due = (await storedRow(server, "select due from actions where what = 'Confirm the tenancy sustainment referral'"))!.due as string;
    const created = await actors.post<{ person: { id: string } }>('admin', '/admin/people', { name: lead.name, email: lead.email, agencyId: 'agency-hou', role: 'member', password: lead.password });
    expect(created.status).toBe(201);
    const leadId = created.body.person.id;
    expect((await actors.api('admin', `/admin/series/${seriesId}/members/${leadId}`, { method: 'PUT', body: JSON.stringify({ role: 'member' }) })).status).toBe(200);
    const police = (await actors.api<{ people: { id: string; email: string }[] }>('admin', '/admin/people')).body.people.find((p) => p.email === 'police@demo.triage.test')!.id;

    // A lead must be a member of the series from that agency; the threshold is bounded.
    const put = (who: 'coordinator' | 'member', body: unknown) => actors.api<SeriesRemindersView & { error?: { message: string } }>(who, `/series/${seriesId}/reminders`, { method: 'PUT', body: JSON.stringify(body) });
    expect((await put('coordinator', { escalateAfterDays: 7, leads: [{ agencyId: 'agency-hou', personId: police }] })).status).toBe(422);
    expect((await put('coordinator', { escalateAfterDays: 0, leads: [] })).status).toBe(422);
    expect((await put('member', { escalateAfterDays: 7, leads: [] })).status).toBe(403);
    const saved = await put('coordinator', { escalateAfterDays: 7, leads: [{ agencyId: 'agency-hou', personId: leadId }] });
    expect(saved.status).toBe(200);
    expect(saved.body.leads).toEqual([{ agencyId: 'agency-hou', agency: 'Housing Options', personId: leadId, name: lead.name }]);

    // A second series, coordinated by the same coordinator, where the owner and a Welsh reader also own actions.
    const people = (await actors.api<{ people: { id: string; email: string }[] }>('admin', '/admin/people')).body.people;
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;
    const ceri = await actors.post<{ person: { id: string } }>('admin', '/admin/people', { name: welsh.name, email: welsh.email, agencyId: 'agency-hou', role: 'member', password: welsh.password });
    expect(ceri.status).toBe(201);
    const ceriCookie = await signIn(server.url, welsh.email, welsh.password);
    const cy = await fetch(`${server.url}/api/me/preferences`, withCookie(ceriCookie, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ language: 'cy' }) }));
    expect(cy.status).toBe(200);
    const youth = await actors.post<{ series: { id: string } }>('coordinator', '/series', {
      name: youthPanel,
      body: 'Youth Panel',
      ownerAgencyId: 'agency-hou',
      members: [
        { personId: 'person-chair', role: 'chair' },
        { personId: idOf(demoUsers.coordinator), role: 'coordinator' },
        { personId: idOf(owner), role: 'member' },
        { personId: ceri.body.person.id, role: 'member' },
      ],
      chairId: 'person-chair',
      venue: 'Council Chamber, Room 2',
      cadence: { kind: 'weekly', weekday: 4, time: '14:00' },
      template: [],
    });
    expect(youth.status).toBe(201);
    secondSeries = youth.body.series.id;
    await server.stop();

    // Actions come from agreed minutes; these stand in for ones agreed at the first series' meeting, filed under the
    // second series (the reminders read only series, owner, case reference and due date).
    const seeded = (await storedRow(server, "select meeting_id, item_id from actions where what = 'Confirm the tenancy sustainment referral'")) as { meeting_id: string; item_id: string };
    const soon = new Date(Date.parse(`${due}T12:00:00Z`) + 3 * day).toISOString().slice(0, 10);
    const insert = "insert into actions (id, series_id, meeting_id, item_id, position, case_ref, what, owner_person_id, owner_agency_id, due, status, created_at, updated_at) values (?, ?, ?, ?, 90, ?, 'Synthetic follow-up', ?, ?, ?, 'open', 0, 0)";
    await write([
      [insert, 'action-yp-owner', secondSeries, seeded.meeting_id, seeded.item_id, 'YP-2026-004', idOf(owner), 'agency-hou', soon],
      [insert, 'action-yp-ceri', secondSeries, seeded.meeting_id, seeded.item_id, 'YP-2026-005', ceri.body.person.id, null, soon],
      [insert, 'action-rr-ceri', seriesId, seeded.meeting_id, seeded.item_id, 'RR-2026-031', ceri.body.person.id, null, soon],
    ]);
  });
  afterAll(async () => {
    await server.cleanup();
    await smtp.stop();
  });

  it('sends one digest a day per person across all their series and a restart, none once turned off, and escalates past the threshold once', async () => {
    // Two days overdue, 09:00: the server starts after the reminder hour and runs today's reminders at once.
    clock.now = at(2);
    await start();
    await server.server.jobs.deliverDue();
    await smtp.received(2);
    // The owner: one email for both series, counting all their actions, a section per series with its tracker link.
    expect(smtp.to(owner)).toHaveLength(1);
    const [digest] = smtp.to(owner);
    expect(digest.subject).toBe('Your actions: 1 overdue, 1 due soon');
    expect(digest.text).toContain('You own 2 open actions');
    expect(digest.text).toMatch(
      new RegExp(`\n\nRepeat Removals Triage\n\n• Case RR-2026-009: overdue by 2 days[^\n]*\n\n[^\n]*${server.url}/series/${seriesId}/actions\n\n${youthPanel}\n\n• Case YP-2026-004: due [^\n]*\n\n[^\n]*${server.url}/series/${secondSeries}/actions\n`),
    );
    // Case reference and dates only: not what the action is about.
    expect(digest.text).not.toMatch(/tenancy|Synthetic/);
    // The Welsh reader: one email, in Welsh, both series.
    expect(smtp.to(welsh.email)).toHaveLength(1);
    const [cymraeg] = smtp.to(welsh.email);
    expect(cymraeg.subject).toBe('Eich camau gweithredu: 0 yn hwyr, 2 yn ddyledus cyn bo hir');
    expect(cymraeg.text).toContain('Annwyl Ceri Cymraeg,');
    expect(cymraeg.text).toContain('Rydych chi’n berchen ar 2 gam gweithredu agored');
    expect(cymraeg.text).toMatch(new RegExp(`\n\nRepeat Removals Triage\n\n• Achos RR-2026-031: erbyn [^\n]*\n\n[^\n]*: ${server.url}/series/${seriesId}/actions\n\n${youthPanel}\n\n• Achos YP-2026-005: erbyn `));
    expect(cymraeg.text).not.toMatch(/\b(Dear|overdue|Case|Synthetic)\b/);
    expect(smtp.messages).toHaveLength(2);

    // Restarted the same day: the day is already claimed, so no second digest.
    clock.now += 3 * 60 * 60 * 1000;
    await restart();
    expect(await server.server.jobs.runReminders()).toMatchObject({ claimed: false });
    await server.server.jobs.deliverDue();
    expect(smtp.messages).toHaveLength(2);
    expect(await count('reminders.run')).toBe(1);

    // The owner turns digests off: the next day's run happens but sends them nothing.
    const cookie = await signIn(server.url, owner);
    const patched = await fetch(`${server.url}/api/me/preferences`, withCookie(cookie, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ digests: false }) }));
    expect([patched.status, await patched.json()]).toEqual([200, { digests: false, language: null } satisfies PreferencesView]);
    const bad = await fetch(`${server.url}/api/me/preferences`, withCookie(cookie, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ digests: 'no' }) }));
    expect(bad.status).toBe(422);
    clock.now = at(3);
    expect(await server.server.jobs.runReminders()).toMatchObject({ claimed: true, escalations: 0 });
    await server.server.jobs.deliverDue();
    expect(smtp.to(owner)).toHaveLength(1);

    // Overdue by exactly the threshold (7 days): not yet escalated.
    clock.now = at(7);
    expect(await server.server.jobs.runReminders()).toMatchObject({ claimed: true, escalations: 0 });
    // Past it: escalated to the lead named for Housing Options, once.
    clock.now = at(8);
    await restart(); // the catch-up at start runs the day
    await server.server.jobs.deliverDue();
    const [escalation] = smtp.to(lead.email);
    expect(escalation.subject).toBe('Escalation: 1 Housing Options action overdue – Repeat Removals Triage');
    expect(escalation.text).toContain('Case RR-2026-009, owner Taylor Housing: overdue by 8 days');
    expect(escalation.text).toContain('overdue by more than 7 days');
    clock.now = at(9);
    expect(await server.server.jobs.runReminders()).toMatchObject({ claimed: true, escalations: 0 });
    await server.server.jobs.deliverDue();
    expect(smtp.to(lead.email)).toHaveLength(1);
    expect(smtp.to(owner)).toHaveLength(1);
    expect(await count('reminders.run')).toBe(5);
  });

  it('shows reminder emails that could not be delivered to the coordinator, and retries them', async () => {
    // The owner wants digests again; the SMTP server refuses the next one.
    const cookie = await signIn(server.url, owner);
    await fetch(`${server.url}/api/me/preferences`, withCookie(cookie, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ digests: true }) }));
    expect(await (await fetch(`${server.url}/api/me/preferences`, withCookie(cookie))).json()).toEqual({ digests: true, language: null });
    smtp.refuseRecipients = '550 5.1.1 User unknown';
    clock.now = at(10);
    expect(await server.server.jobs.runReminders()).toMatchObject({ claimed: true });
    await server.server.jobs.deliverDue();
    const view = (await actors.api<SeriesRemindersView>('coordinator', `/series/${seriesId}/reminders`)).body;
    const failed = expect.objectContaining({ kind: 'digest', to: 'Taylor Housing', subject: 'Your actions: 2 overdue, 0 due soon', state: 'queued', attempts: 1, lastError: expect.stringMatching(/550.*User unknown/) });
    expect(view.problems.filter((p) => p.to === 'Taylor Housing')).toEqual([failed]);
    // The digest covers both series, so the second series' coordinator sees the same failed email too.
    const other = (await actors.api<SeriesRemindersView>('coordinator', `/series/${secondSeries}/reminders`)).body;
    expect(other.problems.filter((p) => p.to === 'Taylor Housing')).toEqual([expect.objectContaining({ id: view.problems.find((p) => p.to === 'Taylor Housing')!.id })]);
    expect((await actors.api('member', `/series/${seriesId}/reminders`)).status).toBe(403);
    smtp.refuseRecipients = null;
    expect((await actors.post<{ queued: number }>('coordinator', `/series/${seriesId}/reminders/retry`, {})).body).toEqual({ queued: view.problems.length });
    await server.server.jobs.deliverDue();
    expect(smtp.to(owner)).toHaveLength(2);
    expect((await actors.api<SeriesRemindersView>('coordinator', `/series/${seriesId}/reminders`)).body.problems).toEqual([]);
  });
});

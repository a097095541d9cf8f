/**
 * Circulating minutes by email, on SQLite and on PostgreSQL: each agency its own extract (attached or by link), the
 * link opened by its recipient only and recorded, failures retried and shown, two processes sending each email once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ParsedMail } from 'mailparser';
import type { CirculationView } from '../../shared/circulation.js';
import type { MinutesView } from '../../shared/minutes.js';
import { mailLimits } from '../../shared/limits.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRow, storedRows } from '../support/stored.js';
import { demoActors } from '../support/demo-actors.js';
import { signIn, withCookie } from '../support/session.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { unzipDocx, wordParagraphs, pdfPages } from '../support/read-exports.js';

const meetingId = 'demo-previous';
/** The seeded minutes' actions, one per agency (see server/seed/demo-history.ts). */
const actionOf = {
  'Housing Options': 'Confirm the tenancy sustainment referral',
  'Substance Misuse Service': 'Share the latest engagement summary with the chair',
  'Police Public Protection Unit': 'Check for police call-outs to the address',
  'Adult Mental Health (NHS)': 'Offer a perinatal mental health assessment',
} as const;
const emails = { police: 'police@demo.triage.test', mh: 'mh@demo.triage.test', housing: 'housing@demo.triage.test', sms: 'sms@demo.triage.test' };

describe.each(serverEngines)('circulating minutes: each agency its own extract, by link or attached, through a real SMTP server, on $name', ({ engine }) => {
  let smtp: TestSmtp;
  let server: TestServer;
  const clock = { now: Date.now() };
  const actors = demoActors(() => server.url);
  const { api, post } = actors;
  /** What the server stored, on its engine. */
  const count = async (sql: string, ...params: unknown[]) => (await storedRow(server, sql, ...params))?.n;
  const status = async () => (await api<CirculationView>('coordinator', `/meetings/${meetingId}/circulation`)).body;
  const personId = (view: CirculationView, name: string) => view.plan.flatMap((a) => a.people).find((p) => p.name === name)!.id;
  const linkIn = (mail: ParsedMail) => {
    const match = /(http:\/\/[^\s]+\/extract#([A-Za-z0-9_-]+))/.exec(mail.text ?? '');
    if (!match) throw new Error('no extract link in the email');
    return { url: match[1], token: match[2] };
  };
  const openAs = async (email: string, token: string) =>
    fetch(`${server.url}/api/extracts/open`, withCookie(await signIn(server.url, email), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) }));

  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.stop();
  });
  beforeEach(async () => {
    // Today 05:00 UTC, before the daily reminders' hour, so only circulation emails reach the SMTP server here.
    clock.now = Date.parse(`${new Date().toISOString().slice(0, 10)}T05:00:00Z`);
    smtp.messages.length = 0;
    smtp.refuseRecipients = null;
    server = await startTestServer({ engine, config: { smtpUrl: smtp.url }, now: () => clock.now, captureLog: 'debug' });
    actors.forget();
  });
  afterEach(async () => {
    await server.cleanup();
  });

  it('sends each agency only its own extract as a Word attachment, and the page shows every email sent', async () => {
    const before = await status();
    expect(before.configured).toBe(true);
    // Present: Children's Services, mental health, substance misuse, police; housing sent apologies but owns an action.
    expect(before.plan.map((a) => [a.agency, a.present, a.hasActions])).toEqual([
      ['Adult Mental Health (NHS)', true, true],
      ["Children's Services", true, false],
      ['Housing Options', false, true],
      ['Police Public Protection Unit', true, true],
      ['Substance Misuse Service', true, true],
    ]);
    const everyone = before.plan.flatMap((a) => a.people.map((p) => p.id));
    expect(everyone).toHaveLength(6);
    const sent = await post<{ version: number; recipients: string[] }>('coordinator', `/meetings/${meetingId}/circulation`, { delivery: 'docx', personIds: everyone });
    expect(sent.status).toBe(201);
    const mails = await smtp.received(6);
    expect(mails).toHaveLength(6);
    for (const [agency, own] of Object.entries(actionOf)) {
      const address = Object.values(emails).find((e) => smtp.to(e)[0]?.text?.includes(agency))!;
      const [mail] = smtp.to(address);
      expect(mail.subject).toMatch(/^Minutes of Repeat Removals Triage \d{1,2} \w+ \d{4} – OFFICIAL-SENSITIVE$/);
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0].filename).toMatch(/\.docx$/);
      const text = wordParagraphs(unzipDocx(mail.attachments[0].content).document).join('\n');
      expect(text, agency).toContain(own);
      expect(text, agency).toContain(`${agency} – only its actions`);
      for (const [other, theirs] of Object.entries(actionOf)) if (other !== agency) expect(text, `${agency} must not see ${other}'s action`).not.toContain(theirs);
    }
    // Children's Services was present but owns no action: its extract has none of the actions.
    const [chairMail] = smtp.to('chair@demo.triage.test');
    const chairText = wordParagraphs(unzipDocx(chairMail.attachments[0].content).document).join('\n');
    for (const action of Object.values(actionOf)) expect(chairText).not.toContain(action);

    const after = await status();
    expect(after.sent).toHaveLength(6);
    expect(after.sent.every((s) => s.status.state === 'sent' && s.delivery === 'docx' && s.version === 1 && s.status.attempts === 1)).toBe(true);
    expect(after.problems).toEqual([]);
    expect(await count("select count(*) n from audit_log where action = 'minutes.circulate' and target_id = ?", meetingId)).toBe(1);
    expect(await count("select count(*) n from audit_log where action = 'email.sent'")).toBe(6);
    // Once sent, the outbox keeps no copy of the extract.
    expect(await count('select count(*) n from email_outbox where attachment is not null')).toBe(0);

    // A PDF attachment reads back too, with the same separation.
    await post('coordinator', `/meetings/${meetingId}/circulation`, { delivery: 'pdf', personIds: [personId(before, 'Taylor Housing')] });
    await smtp.received(7);
    const [, pdfMail] = smtp.to(emails.housing);
    const pages = (await pdfPages(pdfMail.attachments[0].content)).join('\n');
    expect(pages).toContain(actionOf['Housing Options']);
    expect(pages).not.toContain(actionOf['Adult Mental Health (NHS)']);
  });

  it('a link email carries no case content; the link opens for its recipient only, is recorded, and expires after 7 days', async () => {
    const view = await status();
    const police = personId(view, 'Sam Constable');
    expect((await post('coordinator', `/meetings/${meetingId}/circulation`, { personIds: [police, personId(view, 'Riley Mental-Health')] })).status).toBe(201);
    await smtp.received(2);
    const [mail] = smtp.to(emails.police);
    expect(mail.attachments).toEqual([]);
    expect(mail.subject).toMatch(/^Minutes of Repeat Removals Triage .* – OFFICIAL-SENSITIVE$/);
    for (const body of [mail.text ?? '', String(mail.html)]) {
      for (const caseContent of ['RR-2026', 'tenancy', 'call-outs', 'perinatal', 'Allocate', 'late booking']) expect(body).not.toContain(caseContent);
    }
    const { url, token } = linkIn(mail);
    expect(url.startsWith(`${server.url}/extract#`)).toBe(true);
    expect(String(mail.html)).toContain(`href="${url}"`);

    // The token is stored only as its hash, nowhere in plain text.
    const rows = (await storedRows(server, 'select token_hash, expires_at from circulation_recipients where person_id = ?', police)) as { token_hash: string; expires_at: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(token);
    expect(rows[0].expires_at).toBe(clock.now + mailLimits.extractLinkTtlMs);
    const outbox = (await storedRows(server, 'select text, html from email_outbox')) as { text: string; html: string }[];
    expect(outbox.length).toBe(2);
    expect(outbox.some((r) => r.text.includes(token) || r.html.includes(token))).toBe(false);

    // Another signed-in person (even one who was sent their own link) and an administrator get 404.
    expect((await openAs(emails.mh, token)).status).toBe(404);
    expect((await openAs('admin@demo.triage.test', token)).status).toBe(404);
    expect((await fetch(`${server.url}/api/extracts/open`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).status).toBe(401);
    expect((await status()).sent.find((s) => s.person.id === police)!.firstOpenedAt).toBeNull();

    const opened = await openAs(emails.police, token);
    expect(opened.status).toBe(200);
    const body = (await opened.json()) as { minutes: MinutesView };
    expect(body.minutes.extractFor).toBe('Police Public Protection Unit');
    const actions = body.minutes.items.flatMap((i) => i.actions.map((a) => a.what));
    expect(actions).toEqual([actionOf['Police Public Protection Unit']]);
    const firstOpen = clock.now;
    clock.now += 60_000;
    const download = await fetch(`${server.url}/api/extracts/download`, withCookie(await signIn(server.url, emails.police), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, format: 'docx' }) }));
    expect(download.status).toBe(200);
    expect(wordParagraphs(unzipDocx(Buffer.from(await download.arrayBuffer())).document).join('\n')).toContain(actionOf['Police Public Protection Unit']);

    const row = (await status()).sent.find((s) => s.person.id === police)!;
    expect([row.firstOpenedAt, row.opens]).toEqual([new Date(firstOpen).toISOString(), 2]);
    expect(await count("select count(*) n from audit_log where action = 'extract.open'")).toBe(2);
    expect(await count("select count(*) n from audit_log where action = 'extract.open.refused'")).toBe(2);

    // Removed from the series, the recipient can no longer open it; added back, they can.
    const policeId = police;
    expect((await actors.api('admin', `/admin/series/series-repeat-removals/members/${policeId}`, { method: 'DELETE' })).status).toBeLessThan(300);
    expect((await openAs(emails.police, token)).status).toBe(404);
    expect((await actors.api('admin', `/admin/series/series-repeat-removals/members/${policeId}`, { method: 'PUT', body: JSON.stringify({ role: 'member' }) })).status).toBe(200);
    expect((await openAs(emails.police, token)).status).toBe(200);

    // Seven days after it was sent the link no longer opens, even for its recipient.
    clock.now = rows[0].expires_at;
    expect((await openAs(emails.police, token)).status).toBe(404);
    // Neither the token nor an address reached the server's log.
    const log = server.log();
    expect(log).toContain('/api/extracts/open');
    expect(log).not.toContain(token);
    expect(log).not.toContain(emails.police);
  });

  it('an SMTP failure is retried with backoff, shown as a delivery problem, and delivered once the server recovers', async () => {
    const view = await status();
    const mh = personId(view, 'Riley Mental-Health');
    smtp.refuseRecipients = '550 5.2.2 Mailbox full';
    await post('coordinator', `/meetings/${meetingId}/circulation`, { personIds: [mh] });
    await server.server.jobs.deliverDue();
    let problems = (await status()).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0].status).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: new Date(clock.now + mailLimits.retryFirstMs).toISOString() });
    expect(problems[0].status.lastError).toMatch(/550.*Mailbox full/);
    // Not due yet: nothing is tried before the backoff ends.
    expect(await server.server.jobs.deliverDue()).toEqual({ sent: 0, failed: 0 });

    smtp.refuseRecipients = null;
    clock.now += mailLimits.retryFirstMs;
    expect(await server.server.jobs.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.to(emails.mh)).toHaveLength(1);
    const after = await status();
    expect(after.problems).toEqual([]);
    expect(after.sent[0].status).toMatchObject({ state: 'sent', attempts: 2, lastError: null });

    // The SMTP server is down: the failure shows, and "Retry now" sends it once the server is back.
    await smtp.stop();
    await post('coordinator', `/meetings/${meetingId}/circulation`, { delivery: 'pdf', personIds: [mh] });
    await server.server.jobs.deliverDue();
    problems = (await status()).problems;
    expect(problems.map((p) => p.status.lastError)).toEqual([expect.stringMatching(/ECONNREFUSED|ECONNECTION/)]);
    await smtp.restart();
    expect((await post<{ queued: number }>('coordinator', `/meetings/${meetingId}/circulation/retry`, {})).body).toEqual({ queued: 1 });
    await server.server.jobs.deliverDue();
    expect(smtp.to(emails.mh)).toHaveLength(2);
    expect((await status()).problems).toEqual([]);
    // The failures were logged without the address the SMTP server named.
    expect(server.log()).toContain('email not delivered');
    expect(server.log()).not.toContain(emails.mh);
  });

  it('gives up after the last attempt, says so, and sends when the coordinator retries', async () => {
    const mh = personId(await status(), 'Riley Mental-Health');
    smtp.refuseRecipients = '550 5.1.1 User unknown';
    await post('coordinator', `/meetings/${meetingId}/circulation`, { personIds: [mh] });
    for (let attempt = 1; attempt <= mailLimits.maxAttempts; attempt++) {
      await server.server.jobs.deliverDue();
      clock.now += mailLimits.retryMaxMs;
    }
    actors.forget(); // eight hours on: the coordinator signs in again
    const [problem] = (await status()).problems;
    expect(problem.status).toMatchObject({ state: 'failed', attempts: mailLimits.maxAttempts, nextAttemptAt: null });
    // Failed for good: the sender no longer tries it by itself.
    expect(await server.server.jobs.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(await count("select count(*) n from audit_log where action = 'email.failed'")).toBe(1);
    expect(await count("select count(*) n from audit_log where action = 'email.retrying'")).toBe(mailLimits.maxAttempts - 1);
    smtp.refuseRecipients = null;
    expect((await post<{ queued: number }>('coordinator', `/meetings/${meetingId}/circulation/retry`, { emailIds: [problem.emailId] })).body).toEqual({ queued: 1 });
    await server.server.jobs.deliverDue();
    expect(smtp.to(emails.mh)).toHaveLength(1);
    expect((await status()).sent[0].status.state).toBe('sent');
  });

  it('two server processes sending from one database deliver each email exactly once', async () => {
    const view = await status();
    const everyone = view.plan.flatMap((a) => a.people.map((p) => p.id));
    // Queue six emails that wait for their retry, then let two servers race for them.
    smtp.refuseRecipients = '451 4.3.0 Try again later';
    await post('coordinator', `/meetings/${meetingId}/circulation`, { personIds: everyone });
    await server.server.jobs.deliverDue();
    expect((await status()).problems).toHaveLength(6);
    const second = await startTestServer({ dir: server.dir, database: server.database ?? undefined, config: { smtpUrl: smtp.url }, now: () => clock.now });
    try {
      smtp.refuseRecipients = null;
      clock.now += mailLimits.retryFirstMs;
      const results = await Promise.all([server.server.jobs.deliverDue(), second.server.jobs.deliverDue(), server.server.jobs.deliverDue(), second.server.jobs.deliverDue()]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
      expect(smtp.messages).toHaveLength(6);
      expect(new Set(smtp.messages.map((m) => (Array.isArray(m.to) ? '' : m.to?.text))).size).toBe(6);
    } finally {
      await second.stop();
    }
  });

  it('refuses what it should with a clear error and stores nothing', async () => {
    const view = await status();
    const advocate = (await api<{ meeting: { participants: { id: string; name: string }[] } }>('chair', `/meetings/${meetingId}`)).body.meeting.participants.find((p) => p.name === 'Jamie Advocate')!.id;
    const mh = personId(view, 'Riley Mental-Health');
    const tries: [string, 'coordinator' | 'member' | 'observer' | 'admin', unknown, number][] = [
      ['an agency neither present nor with actions', 'coordinator', { personIds: [advocate] }, 422],
      ['nobody chosen', 'coordinator', { personIds: [] }, 422],
      ['a person twice', 'coordinator', { personIds: [mh, mh] }, 422],
      ['an unknown delivery', 'coordinator', { delivery: 'fax', personIds: [mh] }, 422],
      ['an unknown field', 'coordinator', { personIds: [mh], bcc: 'x@example.test' }, 422],
      ['a version that does not exist', 'coordinator', { version: 9, personIds: [mh] }, 404],
      ['a member', 'member', { personIds: [mh] }, 403],
      ['an observer', 'observer', { personIds: [mh] }, 403],
      ['an administrator', 'admin', { personIds: [mh] }, 404],
    ];
    for (const [what, who, body, expected] of tries) {
      const res = await post<{ error: { message: string } }>(who, `/meetings/${meetingId}/circulation`, body);
      expect([what, res.status]).toEqual([what, expected]);
      expect(res.body.error.message.length).toBeGreaterThan(3);
    }
    expect((await api('member', `/meetings/${meetingId}/circulation`)).status).toBe(403);
    expect(await count('select (select count(*) from email_outbox) + (select count(*) from circulation_recipients) n')).toBe(0);

    // Hostile bodies: always a 4xx with a message, never stored.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ delivery: fc.string(), personIds: fc.array(fc.string()), version: fc.anything() }, { requiredKeys: [] })), async (body) => {
        const res = await post<{ error?: { message: string } }>('coordinator', `/meetings/${meetingId}/circulation`, body);
        expect([400, 404, 422]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
    expect(await count('select count(*) n from email_outbox')).toBe(0);

    // Hostile tokens: always a 4xx, never a crash, never an open.
    const cookie = await signIn(server.url, emails.police);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 120 }), fc.base64String({ minLength: 20, maxLength: 100 })), async (token) => {
        const res = await fetch(`${server.url}/api/extracts/open`, withCookie(cookie, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) }));
        expect([404, 422]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('without TRIAGE_SMTP_URL', () => {
  let server: TestServer;
  const actors = demoActors(() => server.url);
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.cleanup();
  });
  it('says sending is not configured and sends nothing', async () => {
    const view = (await actors.api<CirculationView>('coordinator', `/meetings/${meetingId}/circulation`)).body;
    expect(view.configured).toBe(false);
    const res = await actors.post<{ error: { code: string; message: string } }>('coordinator', `/meetings/${meetingId}/circulation`, { personIds: [view.plan[0].people[0].id] });
    expect([res.status, res.body.error.message]).toEqual([409, expect.stringContaining('not configured')]);
  });
});

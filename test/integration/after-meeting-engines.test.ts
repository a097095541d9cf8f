/**
 * The after-meeting commands on both storage engines (issue 17): the action tracker and its status changes, the
 * daily digest and escalation run, reminder settings and preferences, the outcome figures, and the email sender,
 * each run by the real services over SQLite and over PostgreSQL, with the same results, their audit rows and the
 * emails a real SMTP server receives; who may do what is read from the same engine (the membership store).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { createPolicies, type Actor } from '../../server/policies/index.js';
import * as Y from 'yjs';
import { addAction, decisionText, setDecisionOutcome } from '../../shared/item-work.js';
import { addAgendaItem } from '../../shared/meeting-doc.js';
import { createActionsService } from '../../server/services/actions-service.js';
import { createCirculationService } from '../../server/services/circulation/index.js';
import { createMinutesService } from '../../server/services/minutes/minutes-service.js';
import { createSender } from '../../server/services/mail/sender.js';
import { smtpTransport } from '../../server/services/mail/transport.js';
import { createOutcomesService } from '../../server/services/outcomes/index.js';
import { createDailyReminders } from '../../server/services/reminders/daily-run.js';
import { createReminderSettings } from '../../server/services/reminders/settings.js';
import { contractEngines, fixtureId, pgEngineAt, type EngineUnderTest } from '../contract/engines.js';
import { createTestDatabase } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const day = 86_400_000;
/** 10:00 in London on 24 November 2026 (GMT): after the reminders' hour. */
const today = Date.UTC(2026, 10, 24, 10);

describe.each(contractEngines)('after the meeting, on $name', (engine) => {
  let db: EngineUnderTest;
  let smtp: TestSmtp;
  const clock = { now: today };
  const now = () => clock.now;
  const ids = {
    police: fixtureId('police'),
    housing: fixtureId('housing'),
    series: fixtureId('series'),
    held: fixtureId('held'),
    next: fixtureId('next'),
    coordinator: fixtureId('coordinator'),
    owner: fixtureId('owner'),
    lead: fixtureId('lead'),
    outsider: fixtureId('outsider'),
    overdue: fixtureId('overdue'),
    soon: fixtureId('soon'),
    later: fixtureId('later'),
    live: fixtureId('live'),
  };
  const actor = (id: string, name: string, agencyId: string, globalRole: Actor['globalRole'] = 'member'): Actor => ({ id, name, email: `${id}@example.test`, agencyId, agencyName: agencyId, globalRole, language: null });
  const coordinator = actor(ids.coordinator, 'Casey Coordinator', ids.police, 'coordinator');
  const owner = actor(ids.owner, 'Taylor Housing', ids.housing);
  const outsider = actor(ids.outsider, 'Olly Outside', ids.police);
  let services: ReturnType<typeof build>;

  function build() {
    const policies = createPolicies(db.storage.stores.membership);
    const sender = createSender({ storage: db.storage, transport: smtpTransport(smtp.url, 'Triage <triage@example.test>'), baseUrl: () => 'https://triage.example.test', logger: createLogger('silent'), now });
    const minutes = createMinutesService({ storage: db.storage, now });
    return {
      sender,
      minutes,
      circulation: createCirculationService({ storage: db.storage, policies, minutes, sender, now }),
      actions: createActionsService({ storage: db.storage, policies, now }),
      reminders: createDailyReminders({ storage: db.storage, sender, baseUrl: () => 'https://triage.example.test', now }),
      settings: createReminderSettings({ storage: db.storage, policies, now }),
      outcomes: createOutcomesService({ storage: db.storage, policies, now }),
    };
  }

  beforeAll(async () => {
    db = await engine.open();
    smtp = await startTestSmtp();
    const t0 = today - 30 * day;
    await db.insert('agencies', [
      { id: ids.police, name: 'Police', shortName: 'P', createdAt: t0 },
      { id: ids.housing, name: 'Housing Options', shortName: 'H', createdAt: t0 },
    ]);
    await db.insert('people', [
      { id: ids.coordinator, agencyId: ids.police, name: 'Casey Coordinator', email: `${ids.coordinator}@example.test`, role: 'coordinator', createdAt: t0 },
      { id: ids.owner, agencyId: ids.housing, name: 'Taylor Housing', email: `${ids.owner}@example.test`, role: 'member', createdAt: t0 },
      { id: ids.lead, agencyId: ids.housing, name: 'Lee Lead', email: `${ids.lead}@example.test`, role: 'member', language: 'cy', createdAt: t0 },
      { id: ids.outsider, agencyId: ids.police, name: 'Olly Outside', email: `${ids.outsider}@example.test`, role: 'member', createdAt: t0 },
    ]);
    await db.insert('series', [{ id: ids.series, name: 'Repeat Removals Triage', createdAt: t0 }]);
    await db.insert('series_members', [
      { seriesId: ids.series, personId: ids.coordinator, role: 'coordinator', createdAt: t0 },
      { seriesId: ids.series, personId: ids.owner, role: 'member', createdAt: t0 },
      { seriesId: ids.series, personId: ids.lead, role: 'member', createdAt: t0 },
    ]);
    await db.insert('meetings', [
      { id: ids.held, seriesId: ids.series, title: 'Held', scheduledAt: today - 20 * day, status: 'ended', createdAt: t0 },
      { id: ids.next, seriesId: ids.series, title: 'Next', scheduledAt: today + day, status: 'scheduled', createdAt: t0 },
      { id: ids.live, seriesId: ids.series, title: 'Live', scheduledAt: today + 3 * day, openedAt: today + 3 * day, status: 'live', chairId: ids.coordinator, createdAt: t0 },
    ]);
    await db.insert('meeting_attendance', [
      { meetingId: ids.live, personId: ids.coordinator, role: 'chair', firstJoinedAt: today + 3 * day, lastLeftAt: null },
      { meetingId: ids.live, personId: ids.owner, role: 'member', firstJoinedAt: today + 3 * day, lastLeftAt: null },
    ]);
    const action = (id: string, due: string, caseRef: string) => ({ id, seriesId: ids.series, meetingId: ids.held, itemId: 'item-1', position: 0, caseRef, what: 'Confirm the tenancy referral', ownerPersonId: ids.owner, ownerAgencyId: ids.housing, due, status: 'open', createdAt: t0, updatedAt: t0 });
    await db.insert('actions', [action(ids.overdue, '2026-11-14', 'RR-2026-009'), action(ids.soon, '2026-11-26', 'RR-2026-010'), action(ids.later, '2026-12-20', 'RR-2026-011')]);
    services = build();
  });
  afterAll(async () => {
    await services?.sender.idle();
    await smtp?.stop();
    await db?.close();
  });

  it('lists the tracker, records a status change with its history and audit row, and refuses a bulk change naming an action of elsewhere', async () => {
    const tracker = await services.actions.tracker(coordinator, ids.series, { state: 'all' }, '203.0.113.9');
    expect(tracker.series).toEqual({ id: ids.series, name: 'Repeat Removals Triage' });
    expect(tracker.canUpdate).toBe(true);
    expect(tracker.actions.map((a) => [a.caseRef, a.overdue])).toEqual([
      ['RR-2026-009', true],
      ['RR-2026-010', false],
      ['RR-2026-011', false],
    ]);
    expect(await db.count('audit_log', 'action', 'actions.tracker.view')).toBe(1);

    clock.now = today + 60_000;
    const changed = await services.actions.updateStatus(coordinator, ids.later, { status: 'not-possible', note: '  Family moved away  ' }, null);
    expect(changed).toMatchObject({ id: ids.later, status: 'not-possible', history: [{ status: 'not-possible', note: 'Family moved away', at: new Date(today + 60_000).toISOString(), by: 'Casey Coordinator', meetingId: null }] });
    expect(await db.rows('audit_log', 'target_id', ids.later)).toEqual([expect.objectContaining({ action: 'action.status', actor_id: ids.coordinator, at: today + 60_000 })]);

    // No existence oracle: someone outside the series hears "no such action".
    await expect(services.actions.updateStatus(outsider, ids.later, { status: 'done' }, null)).rejects.toMatchObject({ code: 'not_found' });
    // A bulk change naming an action that is not there changes nothing and writes no audit row.
    await expect(services.actions.updateStatuses(coordinator, ids.series, { actionIds: [ids.soon, 'no-such-action'], status: 'done' }, null)).rejects.toMatchObject({ code: 'not_found' });
    expect((await db.actions.find(ids.soon))?.status).toBe('open');
    expect(await db.count('audit_log', 'action', 'actions.status.bulk')).toBe(0);

    // Matters arising of the next meeting: the held meeting's open actions.
    expect((await services.actions.mattersArising(coordinator, ids.next, null)).map((a) => a.id)).toEqual([ids.overdue, ids.soon]);
    const reopened = await services.actions.updateStatuses(coordinator, ids.series, { actionIds: [ids.later, ids.later], status: 'open' }, null);
    expect(reopened.map((a) => [a.id, a.status, a.history.length])).toEqual([[ids.later, 'open', 2]]);
  });

  it('keeps every one of many status changes made at once, each with its history row and audit row (property)', async () => {
    const statuses = ['open', 'done', 'not-possible', 'not-done'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...statuses), fc.string({ maxLength: 40 }), fc.boolean()), { minLength: 1, maxLength: 8 }), async (changes) => {
        const before = (await db.actions.history([ids.later])).length;
        const audited = await db.count('audit_log', 'target_id', ids.later);
        // Singly and in bulk, all at once: every change lands, one at a time, none lost.
        await Promise.all(
          changes.map(([status, note, bulk]) =>
            bulk
              ? services.actions.updateStatuses(coordinator, ids.series, { actionIds: [ids.later], status, note: `${note}.` }, null)
              : services.actions.updateStatus(coordinator, ids.later, { status, note: `${note}.` }, null),
          ),
        );
        const history = await db.actions.history([ids.later]);
        expect(history).toHaveLength(before + changes.length);
        expect((await db.actions.find(ids.later))?.status).toBe(history.at(-1)?.status);
        expect(await db.count('audit_log', 'target_id', ids.later)).toBe(audited + changes.filter(([, , bulk]) => !bulk).length);
      }),
      { numRuns: 10 },
    );
    await services.actions.updateStatus(coordinator, ids.later, { status: 'open' }, null);
  });

  it('runs the day’s digests and escalation once, queued in one transaction, and the sender delivers them after', async () => {
    clock.now = today;
    // Only a series member of the agency may lead it; a refused change leaves the settings as they were.
    await expect(services.settings.setSeriesSettings(coordinator, ids.series, { escalateAfterDays: 3, leads: [{ agencyId: ids.housing, personId: ids.coordinator }] }, null)).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await services.settings.seriesSettings(coordinator, ids.series)).leads).toEqual([]);
    const saved = await services.settings.setSeriesSettings(coordinator, ids.series, { escalateAfterDays: 3, leads: [{ agencyId: ids.housing, personId: ids.lead }] }, null);
    expect(saved).toMatchObject({ escalateAfterDays: 3, leads: [{ agencyId: ids.housing, agency: 'Housing Options', personId: ids.lead, name: 'Lee Lead' }] });
    expect(saved.candidates.map((c) => c.agency)).toEqual(['Housing Options', 'Police']);

    const runs = await Promise.all([services.reminders.run(), services.reminders.run(), services.reminders.run()]);
    expect(runs.filter((r) => r.claimed)).toEqual([{ day: '2026-11-24', claimed: true, digests: 1, escalations: 1 }]);
    // The run wakes the sender itself once committed; whichever pass takes them, each email goes once.
    await services.sender.deliverDue();
    await services.sender.idle();
    expect(await smtp.received(2)).toHaveLength(2);
    const [digest] = smtp.to(`${ids.owner}@example.test`);
    expect(digest.text).toContain('RR-2026-009');
    expect(digest.text).toContain('RR-2026-010');
    expect(digest.text).not.toContain('RR-2026-011');
    const [escalation] = smtp.to(`${ids.lead}@example.test`);
    expect(escalation.text).toContain('RR-2026-009');
    expect(escalation.text).not.toContain('RR-2026-010');
    expect(await db.count('audit_log', 'action', 'reminders.run')).toBe(1);
    expect(await db.count('audit_log', 'action', 'email.sent')).toBe(2);
    expect((await db.rows('email_outbox', 'to_person_id', ids.owner)).map((r) => r.state)).toEqual(['sent']);

    // The next day: turned off, the owner gets no digest; the action was escalated once already.
    await services.settings.setPreferences(owner, { digests: false }, null);
    expect(await services.settings.preferences(owner)).toEqual({ digests: false, language: null });
    clock.now = today + day;
    expect(await services.reminders.run()).toEqual({ day: '2026-11-25', claimed: true, digests: 0, escalations: 0 });
    await services.sender.deliverDue();
    await services.sender.idle();
    expect(await db.count('email_outbox', 'to_person_id', ids.owner)).toBe(1);
    expect(smtp.messages).toHaveLength(2);
  });

  it('gives the outcome figures from the engine’s rows, and audits the view', async () => {
    const view = await services.outcomes.view(coordinator, ids.series, { from: '2026-11-01', to: '2026-11-30' }, null);
    expect(view.series).toEqual({ id: ids.series, name: 'Repeat Removals Triage' });
    expect(view.summary).toMatchObject({ actionsAgreed: 3, meetingsHeld: 1, referrals: 0, decisions: 0 });
    expect(view.tables.meetings.rows).toContainEqual(['Scheduled', 1]);
    expect(view.tables.meetings.rows).toContainEqual(['Live', 1]);
    expect(await db.count('audit_log', 'action', 'outcomes.view')).toBe(1);
    expect(view.summary.meetingsHeld).toBe(1);
    // Someone outside the series learns nothing about it, not even that it exists.
    await expect(services.outcomes.view(outsider, ids.series, {}, null)).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.count('audit_log', 'action', 'outcomes.view')).toBe(1);
  });

  it('circulates an agency’s extract by link after the commit, opens it for its recipient only, and records the open', async () => {
    clock.now = today + 3 * day + 3_600_000;
    const doc = new Y.Doc();
    const item = addAgendaItem(doc, { kind: 'new-referral', title: 'Referral', caseRef: 'RR-2026-020' });
    setDecisionOutcome(doc, item, 'accept');
    decisionText(doc, item, 'text').insert(0, 'Accept for support');
    addAction(doc, item, { what: 'Arrange a home visit', owner: { id: ids.owner, name: 'Taylor Housing', agencyId: ids.housing, agencyName: 'Housing Options' } });
    await services.minutes.recordAtEnd(ids.live, doc, coordinator, async (s) => {
      await s.roomState.setStatus(ids.live, 'ended', clock.now);
      await s.attendance.closeAll(ids.live, clock.now);
    });

    const before = await services.circulation.status(coordinator, ids.live);
    expect(before.plan.map((a) => [a.agency, a.people.map((p) => p.id)])).toEqual([
      ['Housing Options', [ids.lead, ids.owner]],
      ['Police', [ids.coordinator]],
    ]);
    // Someone who is not a reader of the extract's agency is refused, and nothing is queued.
    await expect(services.circulation.send(coordinator, ids.live, { version: 1, delivery: 'link', personIds: [ids.outsider] }, null)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await db.count('email_outbox', 'meeting_id', ids.live)).toBe(0);

    const sent = await services.circulation.send(coordinator, ids.live, { version: 1, delivery: 'link', personIds: [ids.owner] }, null);
    expect(sent.recipients).toHaveLength(1);
    expect(await db.count('audit_log', 'action', 'minutes.circulate')).toBe(1);
    const already = smtp.messages.length;
    await services.sender.deliverDue();
    await services.sender.idle();
    const email = (await smtp.received(already + 1)).at(-1)!;
    const token = /\/extract#([A-Za-z0-9_-]+)/.exec(email.text ?? '')?.[1];
    expect(token).toBeDefined();
    expect(email.text).not.toContain('Arrange a home visit');

    await expect(services.circulation.open(outsider, token!, 'screen', null)).rejects.toMatchObject({ code: 'not_found' });
    expect(await db.count('audit_log', 'action', 'extract.open.refused')).toBe(1);
    const opened = await services.circulation.open(owner, token!, 'screen', null);
    expect(opened.meetingId).toBe(ids.live);
    expect(opened.view.items.flatMap((i) => i.actions.map((a) => a.what))).toEqual(['Arrange a home visit']);
    const after = await services.circulation.status(coordinator, ids.live);
    expect(after.sent).toEqual([expect.objectContaining({ person: { id: ids.owner, name: 'Taylor Housing' }, opens: 1, firstOpenedAt: new Date(clock.now).toISOString(), status: expect.objectContaining({ state: 'sent', attempts: 1 }) })]);
    expect(await services.circulation.retry(coordinator, ids.live, undefined, null)).toEqual({ queued: 0 });
    expect(await db.count('audit_log', 'action', 'minutes.circulate.retry')).toBe(1);
  });
});

describe('two server processes sending from one PostgreSQL database', () => {
  it('deliver each queued email exactly once, each marked sent with one audit row', async () => {
    const database = await createTestDatabase();
    // Two pools on one database: what two processes behind a load balancer have.
    const [a, b] = [await pgEngineAt(database.url), await pgEngineAt(database.url)];
    const smtp = await startTestSmtp();
    try {
      const person = fixtureId('person');
      await a.insert('agencies', [{ id: 'ag', name: 'Police', shortName: 'P', createdAt: today }]);
      await a.insert('people', [{ id: person, agencyId: 'ag', name: 'Jo Brenner', email: 'jo@example.test', role: 'member', createdAt: today }]);
      const emails = Array.from({ length: 30 }, (_, i) => `Reminder ${i + 1}`);
      for (const subject of emails) {
        await a.outbox.enqueue({ id: fixtureId('email'), kind: 'digest', toPersonId: person, toAddress: 'jo@example.test', subject, text: 'Plain', html: '<p>Html</p>', attachmentName: null, attachmentType: null, attachment: null, meetingId: null, seriesId: null, nextAttemptAt: today, createdAt: today });
      }
      const senders = [a, b].map((engine) =>
        createSender({ storage: engine.storage, transport: smtpTransport(smtp.url, 'Triage <triage@example.test>'), baseUrl: () => 'https://triage.example.test', logger: createLogger('silent'), now: () => today }),
      );
      const results = await Promise.all([senders[0].deliverDue(), senders[1].deliverDue(), senders[0].deliverDue(), senders[1].deliverDue()]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
      expect((await smtp.received(30)).map((m) => m.subject).sort()).toEqual([...emails].sort());
      expect((await a.rows('email_outbox', 'to_person_id', person)).every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
      expect(await a.count('audit_log', 'action', 'email.sent')).toBe(30);
    } finally {
      await smtp.stop();
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});

/**
 * Series, meetings, guest invites and calendar feeds on both storage engines (issue 17): the real commands over
 * SQLite and over PostgreSQL give the same results, each with its audit row, and calendar invites reach a real SMTP
 * server through the engine's outbox. The races the transactions exist for: coordinators scheduling into one slot
 * at the same moment (one meeting), people redeeming one invite link at once (one guest), a feed revoked twice at
 * once (one revocation). Who may do what is still decided over SQLite (the policies move last), so the rows the
 * policies read are copied into a SQLite file beside the engine under test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesBody } from '../../shared/api-schemas.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { createLogger } from '../../server/logger.js';
import { createPolicies, type Actor } from '../../server/policies/index.js';
import { createCalendarService } from '../../server/services/calendar/feeds.js';
import { createInviteService } from '../../server/services/invite-service.js';
import { createSender } from '../../server/services/mail/sender.js';
import { smtpTransport } from '../../server/services/mail/transport.js';
import { createMinutesService } from '../../server/services/minutes/minutes-service.js';
import { createSeriesCommands } from '../../server/services/series/index.js';
import { contractEngines, fixtureId, type EngineUnderTest, type Row } from '../contract/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const day = 86_400_000;
// A Monday, 09:00 UTC: the weekly Tuesday 10:00 cadence falls tomorrow.
const today = Date.UTC(2026, 10, 30, 9);

describe.each(contractEngines)('series, meetings, invites and calendars on $name', (engine) => {
  let db: EngineUnderTest;
  let access: Database_;
  let dir: string;
  let smtp: TestSmtp;
  let series: ReturnType<typeof createSeriesCommands>;
  let invites: ReturnType<typeof createInviteService>;
  let calendar: ReturnType<typeof createCalendarService>;
  let sender: ReturnType<typeof createSender>;
  const clock = { now: today };
  const now = () => clock.now;
  const agency = fixtureId('agency');
  const actor = (name: string, globalRole: Actor['globalRole']): Actor => {
    const id = fixtureId('person');
    return { id, name, email: `${id}@example.test`, agencyId: agency, agencyName: 'Police', globalRole, language: null };
  };
  const coordinator = actor('Casey Coordinator', 'coordinator');
  const chair = actor('Alex Chair', 'chair');
  const deputy = actor('Dee Deputy', 'chair');
  const member = actor('Mo Member', 'member');
  const newcomer = actor('Nia Newcomer', 'member');
  const guests = Array.from({ length: 6 }, (_, i) => actor(`Guest ${i}`, 'member'));

  /** Copies rows the commands wrote to the engine into the SQLite file the policies read. */
  async function mirror(table: string, column: string, value: string) {
    for (const row of await db.rows(table, column, value)) {
      const columns = Object.keys(row);
      const values = columns.map((c) => {
        const v = (row as Row)[c];
        return v !== null && typeof v === 'object' && !Buffer.isBuffer(v) ? JSON.stringify(v) : v;
      });
      access.sqlite.prepare(`insert or replace into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(...values);
    }
  }
  const auditCount = async (action: string, targetId: string) => (await db.rows('audit_log', 'target_id', targetId)).filter((r) => r.action === action).length;
  const input = (over: Record<string, unknown> = {}) =>
    seriesBody.parse({
      name: 'Engines Triage',
      body: 'Engines Triage Panel',
      ownerAgencyId: agency,
      members: [
        { personId: chair.id, role: 'chair' },
        { personId: deputy.id, role: 'chair' },
        { personId: member.id, role: 'member' },
      ],
      chairId: chair.id,
      venue: 'Room 4',
      cadence: { kind: 'weekly', weekday: 2, time: '10:00' },
      template: [{ kind: 'apologies', title: 'Apologies' }],
      ...over,
    });
  /** A new series set up by the coordinator, readable by the policies. */
  async function newSeries(over: Record<string, unknown> = {}): Promise<string> {
    const id = (await series.createSeries(coordinator, input(over), null)).series.id;
    await mirror('series', 'id', id);
    await mirror('series_members', 'series_id', id);
    return id;
  }

  beforeAll(async () => {
    db = await engine.open();
    smtp = await startTestSmtp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-access-'));
    access = openDatabase(path.join(dir, 'access.db'));
    const agencies = [{ id: agency, name: 'Police', shortName: 'P', createdAt: today }];
    const people = [coordinator, chair, deputy, member, newcomer, ...guests].map((p) => ({ id: p.id, agencyId: agency, name: p.name, email: p.email, role: p.globalRole, createdAt: today }));
    for (const [table, rows] of [
      ['agencies', agencies],
      ['people', people],
    ] as const) {
      await db.insert(table, rows);
      for (const row of rows) await mirror(table, 'id', row.id);
    }
    const policies = createPolicies(db.storage.stores.membership);
    sender = createSender({ storage: db.storage, transport: smtpTransport(smtp.url, 'Triage <triage@example.test>'), baseUrl: () => 'https://triage.example.test', logger: createLogger('silent'), now });
    const mail = { sender, from: 'Triage <triage@example.test>', baseUrl: () => 'https://triage.example.test' };
    series = createSeriesCommands({ storage: db.storage, policies, minutes: createMinutesService({ storage: db.storage, now }), now, mail });
    invites = createInviteService({ storage: db.storage, now });
    calendar = createCalendarService({ storage: db.storage, policies, now });
  });
  afterAll(async () => {
    await sender?.idle();
    await smtp?.stop();
    access?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await db?.close();
  });

  it('sets a series up, schedules, moves, re-chairs and cancels its meetings, each command with its audit row', async () => {
    clock.now = today;
    smtp.messages.length = 0;
    const seriesId = await newSeries();
    // The coordinator who set it up coordinates it; members listed by name.
    expect((await db.series.members(seriesId)).map((m) => [m.name, m.role])).toEqual([
      ['Alex Chair', 'chair'],
      ['Casey Coordinator', 'coordinator'],
      ['Dee Deputy', 'chair'],
      ['Mo Member', 'member'],
    ]);
    expect(await auditCount('series.create', seriesId)).toBe(1);

    const { meetings } = await series.scheduleMeetings(coordinator, seriesId, { count: 3 }, null);
    expect(meetings.map((m) => m.scheduledAt)).toEqual([1, 8, 15].map((d) => new Date(Date.UTC(2026, 11, d, 10)).toISOString()));
    expect(meetings.every((m) => m.chairId === chair.id && m.venue === 'Room 4' && m.status === 'scheduled')).toBe(true);
    // Each meeting's document starts from the template, stored with the meeting.
    for (const m of meetings) {
      const stored = await db.meetingDocs.load(m.id, 'shared');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.snapshot!);
      expect(readAgenda(doc).map((i) => i.title)).toEqual(['Apologies']);
    }
    expect(await auditCount('series.meetings.schedule', seriesId)).toBe(1);
    // One invite per member and meeting, through the engine's outbox to the SMTP server (the command wakes the sender).
    await smtp.received(12);
    expect(smtp.to(member.email)).toHaveLength(3);
    await mirror('meetings', 'series_id', seriesId);

    const [first, second, third] = meetings.map((m) => m.id);
    // Moving onto another meeting's slot is refused per field, and nothing changes.
    await expect(series.rescheduleMeeting(coordinator, third, meetings[1].scheduledAt, null)).rejects.toMatchObject({ code: 'validation_failed', fields: { startsAt: expect.any(String) } });
    const moved = await series.rescheduleMeeting(coordinator, third, new Date(Date.UTC(2026, 11, 16, 14)).toISOString(), null);
    expect(moved.meeting).toMatchObject({ id: third, sequence: 1, scheduledAt: new Date(Date.UTC(2026, 11, 16, 14)).toISOString() });
    expect(await auditCount('meeting.reschedule', third)).toBe(1);

    await expect(series.changeMeetingChair(coordinator, first, member.id, null)).rejects.toMatchObject({ code: 'validation_failed', fields: { chairId: expect.any(String) } });
    expect((await series.changeMeetingChair(coordinator, first, deputy.id, null)).meeting.chairId).toBe(deputy.id);
    expect((await db.series.findMeeting(first))?.chairId).toBe(deputy.id);

    const cancelled = await series.cancelMeeting(coordinator, second, 'Venue closed for repairs', null);
    expect(cancelled.meeting).toMatchObject({ status: 'cancelled', cancelReason: 'Venue closed for repairs', sequence: 1 });
    await mirror('meetings', 'series_id', seriesId);
    await expect(series.cancelMeeting(coordinator, second, 'Again, twice', null)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await auditCount('meeting.cancel', second)).toBe(1);
    expect(await auditCount('meeting.chair.change', first)).toBe(1);
    // A reschedule and a cancellation: each member hears of both.
    await smtp.received(20);

    // The member leaves and a newcomer joins: calendars follow for the meetings still to come (two of them).
    const updated = await series.updateSeries(
      coordinator,
      seriesId,
      {
        members: [
          { personId: coordinator.id, role: 'coordinator' },
          { personId: chair.id, role: 'chair' },
          { personId: deputy.id, role: 'chair' },
          { personId: newcomer.id, role: 'member' },
        ],
      },
      null,
    );
    expect(updated.series.members.map((m) => m.name)).toEqual(['Alex Chair', 'Casey Coordinator', 'Dee Deputy', 'Nia Newcomer']);
    await smtp.received(24);
    await sender.idle();
    expect(smtp.messages).toHaveLength(24);
    expect(await db.count('email_outbox', 'series_id', seriesId)).toBe(24);
    expect(smtp.to(newcomer.email)).toHaveLength(2);
    expect(smtp.to(member.email)).toHaveLength(3 + 2 + 2);

    await series.archiveSeries(coordinator, seriesId, null);
    expect((await db.series.find(seriesId))?.archivedAt).toBe(today);
    await mirror('series', 'id', seriesId);
    await expect(series.scheduleMeetings(coordinator, seriesId, { count: 1 }, null)).rejects.toMatchObject({ code: 'validation_failed', fields: { series: expect.any(String) } });
    expect((await db.series.meetingsOf(seriesId)).length).toBe(3);
    for (const action of ['series.update', 'series.archive']) expect(await auditCount(action, seriesId), action).toBe(1);
  });

  it('moves a meeting and changes its chair in one command: both, or neither when the chair is refused', async () => {
    const seriesId = await newSeries();
    const [meeting] = (await series.scheduleMeetings(coordinator, seriesId, { count: 1 }, null)).meetings;
    await mirror('meetings', 'series_id', seriesId);
    const later = new Date(Date.parse(meeting.scheduledAt) + day).toISOString();
    await expect(series.changeMeeting(coordinator, meeting.id, { startsAt: later, chairId: member.id }, null)).rejects.toMatchObject({ fields: { chairId: expect.any(String) } });
    expect(await db.series.findMeeting(meeting.id)).toMatchObject({ scheduledAt: Date.parse(meeting.scheduledAt), sequence: 0, chairId: chair.id });
    expect(await auditCount('meeting.reschedule', meeting.id)).toBe(0);
    const changed = await series.changeMeeting(coordinator, meeting.id, { startsAt: later, chairId: deputy.id }, null);
    expect(changed).toMatchObject({ meeting: { scheduledAt: later, sequence: 1, chairId: deputy.id }, changed: ['startsAt', 'chairId'] });
    expect([await auditCount('meeting.reschedule', meeting.id), await auditCount('meeting.chair.change', meeting.id)]).toEqual([1, 1]);
  });

  it('refuses a case reference prefix another series set, also when set at the same moment, and stores nothing of the refused series', async () => {
    const prefix = `P${Math.random().toString(36).slice(2, 6).toUpperCase().replace(/[^A-Z]/g, 'Q')}`;
    await newSeries({ caseRefPrefix: prefix });
    const before = (await db.series.all()).length;
    await expect(series.createSeries(coordinator, input({ name: 'Second Panel', caseRefPrefix: prefix }), null)).rejects.toMatchObject({ code: 'validation_failed', fields: { caseRefPrefix: expect.any(String) } });
    expect((await db.series.all()).length).toBe(before);
    // Set up at the same moment with one new prefix: one series takes it, the others are told it is taken.
    const racing = `R${prefix.slice(1)}`;
    const settled = await Promise.allSettled([0, 1, 2, 3].map((i) => series.createSeries(coordinator, input({ name: `Racing Panel ${i}`, caseRefPrefix: racing }), null)));
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of settled) if (r.status === 'rejected') expect(r.reason).toMatchObject({ fields: { caseRefPrefix: expect.any(String) } });
    expect((await db.series.all()).filter((s) => s.caseRefPrefix === racing)).toHaveLength(1);
  });

  it('stores one meeting when coordinators schedule into the same slot at the same moment', async () => {
    const seriesId = await newSeries();
    let week = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.array(fc.integer({ min: -80, max: 80 }), { minLength: 5, maxLength: 5 }), async (n, shifts) => {
        // Starts within 90 minutes of each other, each clashing with every other one.
        const base = Date.UTC(2027, 0, 4, 12) + week++ * 7 * day;
        const starts = shifts.slice(0, n).map((m) => new Date(base + Math.trunc(m / 2) * 60_000).toISOString());
        const settled = await Promise.allSettled(starts.map((startsAt) => series.scheduleMeetings(coordinator, seriesId, { startsAt }, null)));
        expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of settled) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'validation_failed', fields: { startsAt: expect.any(String) } });
        const near = (await db.series.meetingsOf(seriesId)).filter((m) => Math.abs(m.scheduledAt - base) < day);
        expect(near).toHaveLength(1);
      }),
      { numRuns: 8 },
    );
    expect(await auditCount('series.meetings.schedule', seriesId)).toBe((await db.series.meetingsOf(seriesId)).length);
  });

  it('lets exactly one person in through a link redeemed by several at once; a withdrawn link lets no one in', async () => {
    const seriesId = await newSeries();
    const [meeting] = (await series.scheduleMeetings(coordinator, seriesId, { count: 1 }, null)).meetings;
    const link = await invites.create(chair, meeting.id, 'observer', null);
    clock.now += 1;
    const withdrawnLink = await invites.create(chair, meeting.id, 'member', null);
    const open = await invites.listOpen(meeting.id);
    expect(open.map((i) => [i.role, i.createdByName])).toEqual([
      ['observer', 'Alex Chair'],
      ['member', 'Alex Chair'],
    ]);
    await invites.withdraw(chair, meeting.id, open[1].id, null);
    await expect(invites.withdraw(chair, meeting.id, open[1].id, null)).rejects.toMatchObject({ code: 'not_found' });
    await expect(invites.redeem(guests[0], withdrawnLink.token, null)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/withdrawn/i) });

    const settled = await Promise.allSettled(guests.map((g) => invites.redeem(g, link.token, null)));
    expect(settled.filter((r) => r.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: { meetingId: meeting.id } }]);
    const stored = await db.rows('meeting_guests', 'meeting_id', meeting.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].role).toBe('observer');
    expect(await invites.listOpen(meeting.id)).toEqual([]);
    const audit = await db.rows('audit_log', 'target_id', meeting.id);
    expect(['invite.create', 'invite.withdraw', 'invite.accept'].map((a) => audit.filter((r) => r.action === a).length)).toEqual([2, 1, 1]);
  });

  it('answers any token that names no feed or invite with 404 and stores nothing, whatever its bytes', async () => {
    const before = [await db.count('meeting_guests', 'person_id', guests[5].id), (await db.rows('audit_log', 'actor_id', guests[5].id)).length];
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/), fc.string({ unit: 'binary', maxLength: 60 })), async (token) => {
        await expect(calendar.feed(token, 'https://triage.example.test')).rejects.toMatchObject({ code: 'not_found' });
        await expect(invites.redeem(guests[5], token, null)).rejects.toMatchObject({ code: 'not_found' });
      }),
      { numRuns: 40 },
    );
    expect([await db.count('meeting_guests', 'person_id', guests[5].id), (await db.rows('audit_log', 'actor_id', guests[5].id)).length]).toEqual(before);
  });

  it('serves a member\'s private feed of every meeting they attend, and revokes it once when revoked twice at once', async () => {
    const seriesId = await newSeries({ name: 'Feed Panel' });
    const { meetings } = await series.scheduleMeetings(coordinator, seriesId, { count: 2 }, null);
    await mirror('meetings', 'series_id', seriesId);
    const { path: feedPath } = await calendar.createFeed(member, null);
    expect(await calendar.feedStatus(member)).toEqual({ active: true, createdAt: new Date(clock.now).toISOString() });
    const token = feedPath.replace(/^\/api\/calendar\/|\.ics$/g, '');
    const ics = await calendar.feed(token, 'https://triage.example.test');
    for (const m of meetings) expect(ics).toContain(`UID:${m.id}@triage-room`);
    expect(ics).toContain('SUMMARY:Feed Panel');
    const single = await calendar.meetingIcs(member, meetings[0].id, 'https://triage.example.test');
    expect(single.fileName).toBe(`${meetings[0].id}.ics`);
    expect(single.ics).toContain('METHOD:PUBLISH');

    const settled = await Promise.allSettled([calendar.revokeFeed(member, null), calendar.revokeFeed(member, null)]);
    expect(settled.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expect(calendar.feed(token, 'https://triage.example.test')).rejects.toMatchObject({ code: 'not_found' });
    expect(await calendar.feedStatus(member)).toEqual({ active: false, createdAt: null });
    const audit = await db.rows('audit_log', 'target_id', member.id);
    expect(['calendar.feed.create', 'calendar.feed.revoke'].map((a) => audit.filter((r) => r.action === a).length)).toEqual([1, 1]);
  });
});

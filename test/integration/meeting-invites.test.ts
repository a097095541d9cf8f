import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoActors } from '../support/demo-actors.js';
import { serverEngines, startTestServer, type TestServer } from '../support/server.js';
import { storedRow, storedRows } from '../support/stored.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { mailboxOf } from '../../server/services/series/invites.js';

const seriesId = 'series-repeat-removals';
const from = 'Triage Room <no-reply@triage.invalid>';

/** The attached .ics, read back as a calendar app reads it (Mozilla's ical.js). */
function inviteOf(mail: ParsedMail) {
  const ics = mail.attachments.filter((a) => a.contentType.startsWith('text/calendar'));
  expect(ics).toHaveLength(1);
  const calendar = new ICAL.Component(ICAL.parse(ics[0].content.toString('utf8')));
  const [event] = calendar.getAllSubcomponents('vevent');
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    status: String(event.getFirstPropertyValue('status')),
    // The mailto: scheme is case-insensitive (RFC 5545 CAL-ADDRESS).
    organizer: String(event.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/i, 'mailto:')),
  };
}

describe.each(serverEngines)('calendar invites by email: each series member gets the meeting’s .ics when it is scheduled, moved or cancelled, on $name', ({ engine }) => {
  const welshReader = 'cymraeg@demo.triage.test';
  let smtp: TestSmtp;
  let server: TestServer;
  const clock = { now: Date.now() };
  const actors = demoActors(() => server.url);
  const { api, post } = actors;
  // Read past the server on its engine: who should be written to, and what the outbox really holds.
  const members = async () =>
    (await storedRows(server, 'select p.email from series_members m join people p on p.id = m.person_id where m.series_id = ? and p.disabled_at is null', seriesId)).map((r) => String(r.email)).sort();
  const start = (config: Parameters<typeof startTestServer>[0] = {}) => startTestServer({ engine, now: () => clock.now, ...config });
  const served = async (meetingId: string) => {
    const res = await api('member', `/meetings/${meetingId}/calendar.ics`);
    const calendar = new ICAL.Component(ICAL.parse(await res.res.text()));
    const event = calendar.getFirstSubcomponent('vevent')!;
    return { uid: String(event.getFirstPropertyValue('uid')), sequence: Number(event.getFirstPropertyValue('sequence')) };
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => smtp.stop());
  beforeEach(() => {
    // Before the daily reminders' hour, so only invites reach the SMTP server.
    clock.now = Date.parse(`${new Date().toISOString().slice(0, 10)}T05:00:00Z`);
    smtp.messages.length = 0;
    actors.forget();
  });
  afterEach(async () => server.cleanup());

  it('sends one REQUEST per member with the UID and SEQUENCE of the meeting’s .ics, then an update on reschedule and a CANCEL', async () => {
    server = await start({ config: { smtpUrl: smtp.url, mailFrom: from } });
    const people = await members();
    expect(people.length).toBeGreaterThan(3);
    expect(people).toContain(welshReader);

    const scheduled = await post<{ meetings: { id: string; scheduledAt: string }[] }>('coordinator', `/series/${seriesId}/meetings`, { count: 1 });
    expect(scheduled.status).toBe(201);
    const meetingId = scheduled.body.meetings[0].id;
    await smtp.received(people.length);
    const calendarFile = await served(meetingId);
    for (const email of people) {
      const mails = smtp.to(email);
      expect(mails).toHaveLength(1);
      // Each member in their own language: the demo's Welsh reader gets hers in Welsh.
      expect(mails[0].subject).toMatch(email === welshReader ? /^Gwahoddiad: Repeat Removals Triage, Dydd / : /^Invitation: Repeat Removals Triage, /);
      expect(mails[0].text).toContain(`/meetings/${meetingId}`);
      const invite = inviteOf(mails[0]);
      expect(invite).toMatchObject({ method: 'REQUEST', uid: calendarFile.uid, sequence: calendarFile.sequence, status: 'CONFIRMED' });
      expect(invite.organizer).toBe('mailto:no-reply@triage.invalid');
      // Addressed to this member only: no other member's address travels in their invite.
      expect(invite.attendees).toEqual([`mailto:${email}`]);
    }
    expect(smtp.messages).toHaveLength(people.length);

    const moved = new Date(Date.parse(scheduled.body.meetings[0].scheduledAt) + 2 * 3600_000).toISOString();
    expect((await api('coordinator', `/meetings/${meetingId}`, { method: 'PATCH', body: JSON.stringify({ startsAt: moved }) })).status).toBe(200);
    await smtp.received(2 * people.length);
    const afterMove = await served(meetingId);
    expect(afterMove.sequence).toBe(calendarFile.sequence + 1);
    for (const email of people) {
      const update = smtp.to(email)[1];
      expect(update.subject).toMatch(email === welshReader ? /^Wedi’i symud: / : /^Moved: /);
      expect(inviteOf(update)).toMatchObject({ method: 'REQUEST', uid: calendarFile.uid, sequence: afterMove.sequence });
    }

    expect((await post('coordinator', `/meetings/${meetingId}/cancel`, { reason: 'Room unavailable' })).status).toBe(200);
    await smtp.received(3 * people.length);
    const afterCancel = await served(meetingId);
    for (const email of people) {
      const cancel = smtp.to(email)[2];
      expect(cancel.subject).toMatch(email === welshReader ? /^Wedi’i ganslo: / : /^Cancelled: /);
      // The reason is free text that may name people: it stays on the meeting page.
      expect(cancel.text).not.toContain('Room unavailable');
      expect(inviteOf(cancel)).toMatchObject({ method: 'CANCEL', uid: calendarFile.uid, sequence: afterCancel.sequence, status: 'CANCELLED' });
    }
    // Every invite went through the outbox and is recorded as sent.
    const rows = await storedRows(server, "select state, count(*) as n from email_outbox where kind = 'invite' group by state");
    expect(rows).toEqual([{ state: 'sent', n: 3 * people.length }]);
  });

  it('withdraws the meetings still to come from the calendar of someone removed, and invites them again when they rejoin', async () => {
    server = await start({ config: { smtpUrl: smtp.url, mailFrom: from } });
    const upcoming = (await storedRows(server, "select id from meetings where series_id = ? and status = 'scheduled' and scheduled_at > ?", seriesId, clock.now)).map((r) => `${r.id}@triage-room`).sort();
    expect(upcoming.length).toBeGreaterThan(0);
    const current = (await storedRows(server, 'select person_id as "personId", role from series_members where series_id = ?', seriesId)) as { personId: string; role: string }[];
    const mover = (await storedRow(server, "select id, email from people where email = 'mh@demo.triage.test'")) as { id: string; email: string };
    const role = current.find((m) => m.personId === mover.id)!.role;
    const setMembers = async (members: { personId: string; role: string }[]) =>
      expect((await api('coordinator', `/series/${seriesId}`, { method: 'PATCH', body: JSON.stringify({ members }) })).status).toBe(200);
    const uids = (mails: ParsedMail[]) => mails.map((m) => inviteOf(m).uid).sort();

    await setMembers(current.filter((m) => m.personId !== mover.id));
    await smtp.received(upcoming.length);
    const left = smtp.to(mover.email);
    expect(uids(left)).toEqual(upcoming);
    for (const mail of left) {
      expect(mail.subject).toMatch(/^Removed from your calendar: /);
      expect(inviteOf(mail)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', attendees: [`mailto:${mover.email}`] });
    }
    // Only the person removed was written to, and the meetings themselves still take place.
    expect(smtp.messages).toHaveLength(upcoming.length);
    expect(await storedRow(server, "select count(*) as n from meetings where series_id = ? and status = 'cancelled' and scheduled_at > ?", seriesId, clock.now)).toEqual({ n: 0 });

    await setMembers(current.map((m) => (m.personId === mover.id ? { personId: mover.id, role } : m)));
    await smtp.received(2 * upcoming.length);
    const rejoined = smtp.to(mover.email).slice(upcoming.length);
    expect(uids(rejoined)).toEqual(upcoming);
    for (const mail of rejoined) expect(inviteOf(mail)).toMatchObject({ method: 'REQUEST', status: 'CONFIRMED', attendees: [`mailto:${mover.email}`] });
    expect(smtp.messages).toHaveLength(2 * upcoming.length);
  });

  it('queues nothing when sending is not configured, and scheduling still works', async () => {
    server = await start();
    const scheduled = await post<{ meetings: { id: string }[] }>('coordinator', `/series/${seriesId}/meetings`, { count: 2 });
    expect(scheduled.status).toBe(201);
    expect((await post('coordinator', `/meetings/${scheduled.body.meetings[0].id}/cancel`, { reason: 'Clash' })).status).toBe(200);
    expect(await storedRow(server, 'select count(*) as n from email_outbox')).toEqual({ n: 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  it('still schedules when TRIAGE_MAIL_FROM cannot name an organiser, and queues no invite', async () => {
    server = await start({ config: { smtpUrl: smtp.url, mailFrom: 'not an address' } });
    expect((await post('coordinator', `/series/${seriesId}/meetings`, { count: 1 })).status).toBe(201);
    expect(await storedRow(server, "select count(*) as n from email_outbox where kind = 'invite'")).toEqual({ n: 0 });
  });
});

describe('the invite organiser read from TRIAGE_MAIL_FROM', () => {
  it('takes a name and address, a quoted name or a bare address, and refuses anything else', () => {
    expect(mailboxOf('Triage Room <no-reply@triage.invalid>')).toEqual({ name: 'Triage Room', email: 'no-reply@triage.invalid' });
    expect(mailboxOf('"Council, Triage" <a@b.test>')).toEqual({ name: 'Council, Triage', email: 'a@b.test' });
    expect(mailboxOf(' no-reply@b.test ')).toEqual({ name: 'no-reply@b.test', email: 'no-reply@b.test' });
    for (const bad of ['abc', 'Name <not-an-address>', '<a@b.test> trailing', '']) expect(mailboxOf(bad)).toBeNull();
  });
});

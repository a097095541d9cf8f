/**
 * Calendar invites by email: when meetings are scheduled, moved or cancelled, each member of the series gets an
 * email with the meeting's .ics attached (METHOD:REQUEST, or CANCEL), built by the same presenter as the meeting's
 * .ics download, so the UID and SEQUENCE match what calendars already hold. Every email is an outbox row written
 * in the command's own transaction (nothing is lost if the process stops; the sender retries). When sending is not
 * configured nothing is queued, as for circulation and reminders.
 */
import { newId } from '../../../shared/ids.js';
import type { Stores } from '../../db/stores/index.js';
import { renderCalendar } from '../../presenters/calendar.js';
import { meetingInviteEmail, type InviteChange } from '../mail/templates.js';
import type { Sender } from '../mail/sender.js';
import type { SeriesDeps } from './deps.js';
import { personLanguage } from '../../i18n.js';

export interface InviteMail {
  sender: Sender;
  /** The service's From address: the invite's ORGANIZER. */
  from: string;
  baseUrl: () => string;
}

const withdraws = (change: InviteChange): boolean => change === 'cancelled' || change === 'uninvited';
const icsMethod = (change: InviteChange) => (withdraws(change) ? 'CANCEL' : 'REQUEST');

/** `Triage Room <no-reply@example.org>`, `"Name" <a@b>` or a bare address, as name and address; null if neither. */
export function mailboxOf(from: string): { name: string; email: string } | null {
  const named = /^\s*"?([^"<>]*?)"?\s*<([^<>\s@]+@[^<>\s@]+)>\s*$/.exec(from);
  if (named) return { name: named[1].trim() || named[2], email: named[2] };
  const bare = /^\s*([^<>\s@"]+@[^<>\s@"]+)\s*$/.exec(from);
  return bare ? { name: bare[1], email: bare[1] } : null;
}

/**
 * Queues one invite per member for each meeting (or per person of `people`: newcomers, or members just removed,
 * who get `uninvited`: a CANCEL for their calendar only); call inside the command's transaction. Returns how many.
 */
export async function queueInvites(
  deps: SeriesDeps,
  s: Stores,
  meetingIds: string[],
  change: InviteChange,
  people?: { id: string; name: string; email: string; language: 'en' | 'cy' | null }[],
): Promise<number> {
  const mail = deps.mail;
  // An unreadable From address (TRIAGE_MAIL_FROM) would break every email anyway; it must not stop scheduling.
  const organizer = mail ? mailboxOf(mail.from) : null;
  if (!mail?.sender.configured || !organizer || meetingIds.length === 0) return 0;
  const at = deps.now();
  let queued = 0;
  for (const meetingId of meetingIds) {
    const stored = (await s.series.findMeeting(meetingId))!;
    // For someone removed from the series the meeting is withdrawn from their calendar, though it still takes place.
    const meeting = change === 'uninvited' ? { ...stored, status: 'cancelled' as const } : stored;
    const series = (await s.series.find(meeting.seriesId))!;
    const meetingUrl = `${mail.baseUrl()}/meetings/${meeting.id}`;
    for (const person of people ?? (await s.series.inviteesOf(series.id))) {
      const ics = await renderCalendar([{ meeting, series }], { name: series.name, baseUrl: mail.baseUrl(), single: true, invite: { organizer, attendee: { name: person.name, email: person.email } }, lang: personLanguage(person) });
      const email = meetingInviteEmail({ lang: personLanguage(person), recipientName: person.name, seriesName: series.name, startsAt: meeting.scheduledAt, venue: series.venue, meetingUrl, change });
      await s.outbox.enqueue({
        id: newId(),
        kind: 'invite',
        toPersonId: person.id,
        toAddress: person.email,
        ...email,
        attachmentName: withdraws(change) ? 'cancel.ics' : 'invite.ics',
        attachmentType: `text/calendar; method=${icsMethod(change)}; charset=UTF-8`,
        attachment: Buffer.from(ics, 'utf8'),
        meetingId: meeting.id,
        seriesId: series.id,
        nextAttemptAt: at,
        createdAt: at,
      });
      queued++;
    }
  }
  return queued;
}

/** After the commit: the sender starts on what was queued. */
export const sendInvites = (deps: SeriesDeps): void => deps.mail?.sender.kick();

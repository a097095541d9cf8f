/**
 * Meetings as iCalendar (RFC 5545), written by ical-generator: times on the London wall clock with TZID and the
 * Europe/London VTIMEZONE, so calendars keep 10:00 across the clock changes; a stable UID per meeting, so a
 * reschedule (SEQUENCE + 1) or a cancellation (METHOD:CANCEL, STATUS:CANCELLED) updates the same calendar entry.
 * Only what an invite needs leaves the server: series, times, venue, link (and, in an emailed invite, its
 * organizer and the one attendee it is addressed to). Never case content.
 */
import { DateTime } from 'luxon';
import { meetingZone } from '../../shared/domain.js';
import { seriesLimits } from '../../shared/limits.js';
import type { Language } from '../../shared/i18n/languages.js';
import type { MeetingRecord, SeriesRow } from '../db/stores/series.js';
import { translator } from '../i18n.js';

export const calendarUid = (meetingId: string): string => `${meetingId}@triage-room`;

export interface CalendarEntry {
  meeting: MeetingRecord;
  series: Pick<SeriesRow, 'name' | 'body' | 'venue' | 'onlineLink'>;
}

/** An emailed invite's two parties: the service's from-address organises, the member attends. */
export interface InviteParties {
  /** The service's From address, split (see `mailboxOf`). */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * ical-generator and the time zone tables load with the first calendar written, not at start: evaluating them was
 * ~11 ms of every start (timed per bundle module), and most starts serve no calendar for a while.
 */
const calendarLibraries = () => Promise.all([import('ical-generator'), import('@touch4it/ical-timezones')]);

/**
 * One meeting's .ics (METHOD:PUBLISH, or CANCEL once cancelled), or a person's feed of many (no METHOD). With
 * `invite`, the same event becomes an emailed invitation (METHOD:REQUEST, or CANCEL) with ORGANIZER and ATTENDEE,
 * as RFC 5546 asks, so mail clients offer to add or remove it.
 */
export async function renderCalendar(entries: CalendarEntry[], options: { name: string; baseUrl: string; single: boolean; invite?: InviteParties; lang?: Language }): Promise<string> {
  const [{ default: ical, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus }, { getVtimezoneComponent }] = await calendarLibraries();
  // In the reader's language: the person downloading, the feed's owner, or the invite's recipient.
  const t = translator(options.lang ?? 'en');
  const cancelled = options.single && entries[0]?.meeting.status === 'cancelled';
  const openMethod = options.invite ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH;
  const calendar = ical({
    name: options.name,
    prodId: { company: t('common:serviceName'), product: t('series:calendar.product'), language: options.lang === 'cy' ? 'CY' : 'EN' },
    // The zone is set per event, not on the calendar: ical-generator would write DTSTAMP in the calendar's zone,
    // and RFC 5545 wants it in UTC. The generator still adds the Europe/London VTIMEZONE the events name.
    timezone: { name: null, generator: getVtimezoneComponent },
    ...(options.single ? { method: cancelled ? ICalCalendarMethod.CANCEL : openMethod } : {}),
  });
  for (const { meeting, series } of entries) {
    const start = DateTime.fromMillis(meeting.scheduledAt, { zone: meetingZone });
    const link = `${options.baseUrl}/meetings/${meeting.id}`;
    calendar.createEvent({
      id: calendarUid(meeting.id),
      sequence: meeting.sequence,
      start,
      end: start.plus({ minutes: seriesLimits.meetingLengthMinutes }),
      timezone: meetingZone,
      stamp: new Date(meeting.cancelledAt ?? meeting.createdAt),
      summary: meeting.status === 'cancelled' ? t('series:calendar.cancelled', { series: series.name }) : series.name,
      location: series.onlineLink ? t('series:page.venueWithLink', { venue: series.venue, link: series.onlineLink }) : series.venue,
      description: t('series:calendar.description', { body: series.body || series.name, link }),
      url: link,
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(options.invite
        ? {
            organizer: options.invite.organizer,
            attendees: [{ name: options.invite.attendee.name, email: options.invite.attendee.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: false }],
          }
        : {}),
    });
  }
  return calendar.toString();
}

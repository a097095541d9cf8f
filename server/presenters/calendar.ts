/**
 * Meetings as iCalendar (RFC 5545), written by ical-generator: times on the London wall clock with TZID and the
 * Europe/London VTIMEZONE, so calendars keep 10:00 across the clock changes; a stable UID per meeting, so a
 * reschedule (SEQUENCE + 1) or a cancellation (METHOD:CANCEL, STATUS:CANCELLED) updates the same calendar entry.
 * Only what an invite needs leaves the server: series, times, venue, link (and, in an emailed invite, its
 * organizer and the one attendee it is addressed to). Never case content.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { meetingZone } from '../../shared/domain.js';
import { seriesLimits } from '../../shared/limits.js';
import type { MeetingRecord, SeriesRow } from '../db/series-repo.js';

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
 * One meeting's .ics (METHOD:PUBLISH, or CANCEL once cancelled), or a person's feed of many (no METHOD). With
 * `invite`, the same event becomes an emailed invitation (METHOD:REQUEST, or CANCEL) with ORGANIZER and ATTENDEE,
 * as RFC 5546 asks, so mail clients offer to add or remove it.
 */
export function renderCalendar(entries: CalendarEntry[], options: { name: string; baseUrl: string; single: boolean; invite?: InviteParties }): string {
  const cancelled = options.single && entries[0]?.meeting.status === 'cancelled';
  const openMethod = options.invite ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH;
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Triage Room', product: 'Meetings', language: 'EN' },
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
      summary: meeting.status === 'cancelled' ? `Cancelled: ${series.name}` : series.name,
      location: series.onlineLink ? `${series.venue} (${series.onlineLink})` : series.venue,
      description: `${series.body || series.name}. Open the meeting in Triage Room: ${link}`,
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

/**
 * Meetings as iCalendar (RFC 5545), written by ical-generator: times on the London wall clock with TZID and the
 * Europe/London VTIMEZONE, so calendars keep 10:00 across the clock changes; a stable UID per meeting, so a
 * reschedule (SEQUENCE + 1) or a cancellation (METHOD:CANCEL, STATUS:CANCELLED) updates the same calendar entry.
 * Only what an invite needs leaves the server: series, times, venue, link. Never case content or people.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
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

/** One meeting's invite (METHOD:PUBLISH, or CANCEL once cancelled), or a person's feed of many (no METHOD). */
export function renderCalendar(entries: CalendarEntry[], options: { name: string; baseUrl: string; single: boolean }): string {
  const cancelled = options.single && entries[0]?.meeting.status === 'cancelled';
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Triage Room', product: 'Meetings', language: 'EN' },
    // The zone is set per event, not on the calendar: ical-generator would write DTSTAMP in the calendar's zone,
    // and RFC 5545 wants it in UTC. The generator still adds the Europe/London VTIMEZONE the events name.
    timezone: { name: null, generator: getVtimezoneComponent },
    ...(options.single ? { method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH } : {}),
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
    });
  }
  return calendar.toString();
}

/** Dates of the outcomes dashboard: whole days on the London calendar, as the meetings keep. */
import { DateTime } from 'luxon';
import { meetingZone } from '../../../shared/domain.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (not 2026-02-30), or null. */
export function parseIsoDate(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !isoDate.test(value)) return null;
  const d = DateTime.fromISO(value, { zone: meetingZone });
  return d.isValid ? d.startOf('day') : null;
}

/** The London day an instant falls on, YYYY-MM-DD. */
export const londonDay = (ms: number): string => DateTime.fromMillis(ms, { zone: meetingZone }).toISODate()!;

/** The London month an instant falls in, YYYY-MM. */
export const londonMonth = (ms: number): string => DateTime.fromMillis(ms, { zone: meetingZone }).toFormat('yyyy-LL');

/** The first and last day of a calendar quarter (1–4). */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const start = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: meetingZone });
  return { from: start.toISODate()!, to: start.plus({ months: 3 }).minus({ days: 1 }).toISODate()! };
}

/** The default range: the last three whole months up to today (London), so the screen opens on a quarter's figures. */
export function defaultRange(now: number): { from: string; to: string } {
  const today = DateTime.fromMillis(now, { zone: meetingZone }).startOf('day');
  return { from: today.minus({ months: 3 }).plus({ days: 1 }).toISODate()!, to: today.toISODate()! };
}

/** Whole London days from the day of `a` to the day of `b` (a meeting on Monday, done on Thursday: 3). */
export const daysBetween = (a: number, b: number): number =>
  Math.round(DateTime.fromISO(londonDay(b), { zone: meetingZone }).diff(DateTime.fromISO(londonDay(a), { zone: meetingZone }), 'days').days);

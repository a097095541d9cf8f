/** Calendar days as the reminders count them: local dates in Europe/London, as YYYY-MM-DD like action due dates. */
import { mailLimits } from '../../../shared/limits.js';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** 01:00 UTC on the last Sunday of a month (0-based), when UK clocks change. */
const lastSundayAt1Utc = (year: number, month: number): number => {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 86_400_000;
};

/**
 * The UK's offset from UTC at an instant (The Summer Time Order 2002): one hour from 01:00 UTC on the last Sunday of
 * March to 01:00 UTC on the last Sunday of October, none otherwise. Worked out here rather than with Intl: the
 * reminders run at start, and the first Intl time-zone formatter maps ~8 MB of ICU data into the server
 * (test/unit/london-days.test.ts checks it against Intl for instants across two centuries).
 */
export const londonOffsetMs = (ms: number): number => {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9) ? hourMs : 0;
};

if (mailLimits.timeZone !== 'Europe/London') throw new Error('reminders/days.ts works out UK time only: mailLimits.timeZone must be Europe/London');

export const localDay = (ms: number): string => new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10);
export const localHour = (ms: number): number => new Date(ms + londonOffsetMs(ms)).getUTCHours();
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * When a series meets. Occurrences are worked out on the London calendar with Luxon, so "Tuesdays at 10:00" stays
 * 10:00 local time across the clock changes (the UTC instant moves by an hour, the wall clock does not).
 * Times are limited to working hours (shared/limits), which keeps every occurrence clear of the 01:00–02:00 hour
 * that is skipped or repeated when the clocks change.
 */
import { DateTime } from 'luxon';
import { meetingZone, type CadenceKind } from './domain.js';
import { msg } from './i18n/message.js';
import { seriesLimits } from './limits.js';

export interface Cadence {
  kind: CadenceKind;
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  weekday: number;
  /** Local time, "HH:MM". */
  time: string;
  /** Monthly only: the n-th weekday of the month (1–5), or -1 for the last. */
  nth?: number | null;
  /** First day the cadence may fall on (YYYY-MM-DD); fortnightly meetings count their weeks from here. */
  startsOn?: string | null;
  /** Last day the cadence may fall on (YYYY-MM-DD), if it ends. */
  endsOn?: string | null;
}

const day = (iso: string) => DateTime.fromISO(iso, { zone: meetingZone }).startOf('day');
const [hourOf, minuteOf] = [(t: string) => Number(t.slice(0, 2)), (t: string) => Number(t.slice(3, 5))];

/** The instant of `time` on the local calendar day `date`. */
const at = (date: DateTime, time: string): DateTime =>
  DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: hourOf(time), minute: minuteOf(time) }, { zone: meetingZone });

/** The n-th (or last, n = -1) `weekday` of the month holding `month`; null when that month has no such day. */
function nthWeekdayOf(month: DateTime, weekday: number, nth: number): DateTime | null {
  if (nth === -1) {
    const last = month.endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = month.startOf('month');
  const candidate = first.plus({ days: ((weekday - first.weekday + 7) % 7) + (nth - 1) * 7 });
  return candidate.month === first.month ? candidate : null;
}

/**
 * The next `count` meeting instants (ms) strictly after `after`, from the cadence's own rhythm. An `until` bound
 * (or the cadence's `endsOn`) may leave fewer, or none — a cadence that "never occurs" in that window.
 */
export function occurrences(cadence: Cadence, after: number, count: number): number[] {
  const out: number[] = [];
  const from = DateTime.fromMillis(after, { zone: meetingZone });
  const start = cadence.startsOn ? day(cadence.startsOn) : from.startOf('day');
  const end = cadence.endsOn ? day(cadence.endsOn).endOf('day') : null;
  const horizon = DateTime.max(from, start).plus({ years: seriesLimits.cadenceHorizonYears });
  const keep = (when: DateTime | null): boolean => {
    if (!when || when < start || when.toMillis() <= after) return false;
    out.push(when.toMillis());
    return true;
  };
  if (cadence.kind === 'monthly') {
    for (let month = DateTime.max(start, from.startOf('day')).startOf('month'); out.length < count; month = month.plus({ months: 1 })) {
      if ((end && month > end) || month > horizon) break;
      const date = nthWeekdayOf(month, cadence.weekday, cadence.nth ?? 1);
      const when = date ? at(date, cadence.time) : null;
      if (when && end && when > end) break;
      keep(when);
    }
    return out;
  }
  const step = cadence.kind === 'weekly' ? 7 : 14;
  // The rhythm's first day is the first matching weekday on or after `startsOn`; fortnights count from there.
  const anchor = start.plus({ days: (cadence.weekday - start.weekday + 7) % 7 });
  const skipped = Math.max(0, Math.floor(from.startOf('day').diff(anchor, 'days').days / step) - 1);
  for (let k = skipped; out.length < count; k++) {
    const date = anchor.plus({ days: k * step });
    if ((end && date > end) || date > horizon) break;
    keep(at(date, cadence.time));
  }
  return out;
}

/**
 * "Weekly on Tuesday at 10:00", "Monthly on the last Friday at 09:30" — in Welsh "Bob dydd Mawrth am 10:00", "Ar y
 * dydd Gwener olaf bob mis am 09:30". One whole catalogue sentence per rhythm (and per ordinal: Welsh puts "cyntaf"
 * and "olaf" after the day but "ail", "trydydd"… before it, mutating it), with the day's name as a placeholder; never
 * words joined in English order. Returned as a message (shared/i18n/message.ts), translated where it is read.
 */
export function cadenceMessage(cadence: Cadence): string {
  const values = { day: msg(`series:cadence.day.${cadence.weekday}`), time: cadence.time };
  if (cadence.kind !== 'monthly') return msg(`series:cadence.${cadence.kind}`, values);
  const nth = [1, 2, 3, 4, 5, -1].includes(cadence.nth ?? 1) ? (cadence.nth ?? 1) : 1;
  return msg(`series:cadence.monthly.${nth}`, values);
}

/** The cadence sentence in one language, given that language's `localise` (client/i18n.ts, server/i18n.ts). */
export const describeCadence = (cadence: Cadence, localise: (message: string) => string): string => localise(cadenceMessage(cadence));

/** The London wall-clock parts of an instant (what a property test and the screens compare against). */
export function londonParts(ms: number): { date: string; weekday: number; time: string } {
  const d = DateTime.fromMillis(ms, { zone: meetingZone });
  return { date: d.toISODate()!, weekday: d.weekday, time: d.toFormat('HH:mm') };
}

/** The instant of a London wall-clock date and time ("2026-12-01", "10:00"). */
export const londonInstant = (date: string, time: string): number => at(day(date), time).toMillis();

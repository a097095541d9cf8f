import { localiserFor } from '../../server/i18n';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCadence, londonInstant, londonParts, occurrences, type Cadence } from '../../shared/cadence.js';
import { seriesLimits } from '../../shared/limits.js';

const dayNumber = (isoDate: string) => Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000;
const monthIndex = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
const daysInMonth = (isoDate: string) => new Date(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), 0)).getUTCDate();
/** How many times an ISO weekday occurs in month index `m` (year * 12 + month0). */
const weekdaysIn = (m: number, weekday: number) => {
  let n = 0;
  for (let d = new Date(Date.UTC(Math.floor(m / 12), m % 12, 1)); d.getUTCMonth() === m % 12; d.setUTCDate(d.getUTCDate() + 1)) if (((d.getUTCDay() + 6) % 7) + 1 === weekday) n++;
  return n;
};
const pad = (n: number) => String(n).padStart(2, '0');

const minutesOfDay = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const time = fc
  .integer({ min: minutesOfDay(seriesLimits.earliestTime), max: minutesOfDay(seriesLimits.latestTime) })
  .map((m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
const cadence: fc.Arbitrary<Cadence> = fc.record({
  kind: fc.constantFrom('weekly', 'fortnightly', 'monthly' as const),
  weekday: fc.integer({ min: 1, max: 7 }),
  time,
  nth: fc.constantFrom(1, 2, 3, 4, 5, -1),
  startsOn: fc.option(fc.date({ min: new Date('2024-01-01'), max: new Date('2029-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: null }),
});
// Several years of "now", so every run crosses several March and October clock changes.
const after = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime());

describe('cadence occurrences on the London calendar', () => {
  it('every occurrence falls on the right local weekday and time, in order, after the start — none skipped or doubled', () => {
    fc.assert(
      fc.property(cadence, after, fc.integer({ min: 1, max: 60 }), (c, from, count) => {
        const got = occurrences(c, from, count);
        // A fifth weekday comes four or five times a year, so the search horizon may hold fewer than asked for.
        if (c.kind === 'monthly' && c.nth === 5) expect(got.length).toBeGreaterThanOrEqual(Math.min(count, 4 * (seriesLimits.cadenceHorizonYears - 1)));
        else expect(got).toHaveLength(count);
        const parts = got.map(londonParts);
        for (const p of parts) {
          expect(p.weekday).toBe(c.weekday);
          expect(p.time).toBe(c.time);
          if (c.startsOn) expect(p.date >= c.startsOn).toBe(true);
        }
        expect(got[0]).toBeGreaterThan(from);
        for (let i = 1; i < got.length; i++) expect(got[i]).toBeGreaterThan(got[i - 1]);
        if (c.kind === 'monthly') {
          for (const p of parts) {
            const dom = Number(p.date.slice(8, 10));
            if (c.nth === -1) expect(dom + 7).toBeGreaterThan(daysInMonth(p.date));
            else expect(Math.ceil(dom / 7)).toBe(c.nth);
          }
          // Consecutive months, except that a fifth weekday skips exactly the months in between that have none.
          for (let i = 1; i < parts.length; i++) {
            const gap = monthIndex(parts[i].date) - monthIndex(parts[i - 1].date);
            expect(gap).toBeGreaterThanOrEqual(1);
            for (let m = monthIndex(parts[i - 1].date) + 1; m < monthIndex(parts[i].date); m++) {
              expect(c.nth).toBe(5);
              expect(weekdaysIn(m, c.weekday)).toBe(4);
            }
          }
        } else {
          const step = c.kind === 'weekly' ? 7 : 14;
          for (let i = 1; i < parts.length; i++) expect(dayNumber(parts[i].date) - dayNumber(parts[i - 1].date)).toBe(step);
          // Nothing was skipped before the first: one step earlier is already past (or before the cadence starts).
          const first = parts[0].date;
          const earlier = londonInstant(new Date((dayNumber(first) - step) * 86_400_000).toISOString().slice(0, 10), c.time);
          const beforeStart = c.startsOn !== null && c.startsOn !== undefined && dayNumber(first) - step < dayNumber(c.startsOn);
          expect(earlier <= from || beforeStart).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps 10:00 local through the clock changes: the UTC hour moves, the London time does not', () => {
    const got = occurrences({ kind: 'weekly', weekday: 7, time: '10:00' }, Date.parse('2026-03-20T12:00:00Z'), 3);
    expect(got.map((ms) => new Date(ms).toISOString())).toEqual(['2026-03-22T10:00:00.000Z', '2026-03-29T09:00:00.000Z', '2026-04-05T09:00:00.000Z']);
    const autumn = occurrences({ kind: 'fortnightly', weekday: 7, time: '10:00', startsOn: '2026-10-18' }, Date.parse('2026-10-01T00:00:00Z'), 2);
    expect(autumn.map((ms) => new Date(ms).toISOString())).toEqual(['2026-10-18T09:00:00.000Z', '2026-11-01T10:00:00.000Z']);
  });

  it('a cadence that ends before it starts never occurs; monthly picks the n-th or last weekday', () => {
    expect(occurrences({ kind: 'weekly', weekday: 2, time: '10:00', startsOn: '2020-01-01', endsOn: '2020-02-01' }, Date.parse('2026-01-01'), 5)).toEqual([]);
    const last = occurrences({ kind: 'monthly', weekday: 5, time: '09:30', nth: -1 }, Date.parse('2026-01-01T00:00:00Z'), 3).map((ms) => londonParts(ms).date);
    expect(last).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    expect(describeCadence({ kind: 'monthly', weekday: 5, time: '09:30', nth: -1 }, localiserFor('en'))).toBe('Monthly on the last Friday at 09:30');
  });

  it('reads as a whole sentence in English and in Welsh, the ordinal where each language puts it', () => {
    const [en, cy] = [localiserFor('en'), localiserFor('cy')];
    const tuesday = { weekday: 2, time: '10:00' };
    expect(describeCadence({ kind: 'monthly', nth: 1, ...tuesday }, en)).toBe('Monthly on the first Tuesday at 10:00');
    expect(describeCadence({ kind: 'monthly', nth: 1, ...tuesday }, cy)).toBe('Ar y dydd Mawrth cyntaf bob mis am 10:00');
    expect(describeCadence({ kind: 'monthly', nth: 2, ...tuesday }, cy)).toBe('Ar yr ail ddydd Mawrth bob mis am 10:00');
    expect(describeCadence({ kind: 'monthly', nth: -1, weekday: 5, time: '09:30' }, cy)).toBe('Ar y dydd Gwener olaf bob mis am 09:30');
    expect(describeCadence({ kind: 'weekly', ...tuesday }, cy)).toBe('Bob dydd Mawrth am 10:00');
    expect(describeCadence({ kind: 'fortnightly', weekday: 4, time: '14:00' }, en)).toBe('Fortnightly on Thursday at 14:00');
    expect(describeCadence({ kind: 'fortnightly', weekday: 4, time: '14:00' }, cy)).toBe('Bob yn ail ddydd Iau am 14:00');
    // Every rhythm, day and ordinal has its sentence: no key left untranslated, no English in the Welsh.
    for (const kind of ['weekly', 'fortnightly', 'monthly'] as const)
      for (let weekday = 1; weekday <= 7; weekday++)
        for (const nth of [1, 2, 3, 4, 5, -1]) {
          const text = describeCadence({ kind, weekday, time: '11:15', nth }, cy);
          expect(text).toMatch(/^(Bob|Ar) .*dydd (Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul).* am 11:15$/);
          expect(describeCadence({ kind, weekday, time: '11:15', nth }, en)).toMatch(/^(Weekly|Fortnightly|Monthly) on .*day at 11:15$/);
        }
  });
});

/**
 * The reminders' calendar days and hours on the London clock, worked out without Intl (server/services/reminders/days.ts),
 * agree with Intl's Europe/London for any instant, including the hours around each change of the clocks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay, localHour, londonOffsetMs } from '../../server/services/reminders/days.js';

const intlDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const intlHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });
const from = Date.UTC(1997, 0, 1);
const to = Date.UTC(2199, 11, 31);

describe('London days and hours without Intl', () => {
  it('agree with Intl for any instant from 1997 to 2199', () => {
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        expect(localDay(ms)).toBe(intlDay.format(new Date(ms)));
        expect(localHour(ms)).toBe(Number(intlHour.format(new Date(ms))));
      }),
      { numRuns: 5000 },
    );
  });

  it('agree with Intl in every minute around every change of the clocks, 2020 to 2040', () => {
    for (let year = 2020; year <= 2040; year++) {
      for (const month of [2, 9]) {
        // Every minute of the last week of the month covers the change, whichever day the last Sunday is.
        for (let ms = Date.UTC(year, month, 24); ms < Date.UTC(year, month + 1, 1); ms += 60_000) {
          if (localHour(ms) !== Number(intlHour.format(new Date(ms))) || localDay(ms) !== intlDay.format(new Date(ms))) {
            expect({ at: new Date(ms).toISOString(), day: localDay(ms), hour: localHour(ms) }).toEqual({
              at: new Date(ms).toISOString(),
              day: intlDay.format(new Date(ms)),
              hour: Number(intlHour.format(new Date(ms))),
            });
          }
        }
      }
    }
    // The changes themselves: 29 March 2026 01:00 UTC (GMT → BST), 25 October 2026 01:00 UTC (BST → GMT).
    expect(londonOffsetMs(Date.UTC(2026, 2, 29, 0, 59))).toBe(0);
    expect(londonOffsetMs(Date.UTC(2026, 2, 29, 1, 0))).toBe(3_600_000);
    expect(londonOffsetMs(Date.UTC(2026, 9, 25, 0, 59))).toBe(3_600_000);
    expect(londonOffsetMs(Date.UTC(2026, 9, 25, 1, 0))).toBe(0);
  });
});

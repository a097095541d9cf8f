/**
 * Chromium has no Welsh locale data, so the screens format Welsh dates with shared/i18n/welsh-dates.ts: it must write
 * exactly what a full ICU (Node's) writes for cy-GB, every month and weekday, in each style the app uses.
 */
import { describe, expect, it } from 'vitest';
import { hasWelshDates, welshDateFormat } from '../../shared/i18n/welsh-dates';

const styles: Intl.DateTimeFormatOptions[] = [
  { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' },
  { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' },
  { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' },
  { timeStyle: 'short', timeZone: 'Europe/London' },
];

describe('Welsh dates without Welsh locale data', () => {
  it('writes what cy-GB writes, for every month, weekday and style', () => {
    expect(hasWelshDates()).toBe(true);
    for (let i = 0; i < 24; i++) {
      const date = new Date(Date.UTC(2026, i % 12, 1 + i, 9 + (i % 12), 5 * i));
      for (const options of styles) expect(welshDateFormat(options).format(date)).toBe(new Intl.DateTimeFormat('cy-GB', options).format(date));
    }
  });
});

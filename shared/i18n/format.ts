import { locales, type Language } from './languages.js';
import { hasWelshDates, welshDateFormat } from './welsh-dates.js';

/**
 * Dates, times and numbers as people read them in each language (`en-GB`: "28 Nov 2026"; `cy-GB`: "28 Tach 2026"),
 * whatever the browser's or server's own locale. Formatters are built once per language and kept.
 */
type DateFormat = { format(date: Date): string };
const cache = new Map<string, DateFormat | Intl.NumberFormat>();

function dateFormat(lang: Language, key: string, options: Intl.DateTimeFormatOptions): DateFormat {
  const id = `${lang}:${key}`;
  let f = cache.get(id) as DateFormat | undefined;
  if (!f) {
    // Chromium has no Welsh locale data (it would write American English): see welsh-dates.ts.
    f = lang === 'cy' && !hasWelshDates() ? welshDateFormat(options) : new Intl.DateTimeFormat(locales[lang], options);
    cache.set(id, f);
  }
  return f;
}

const asDate = (value: string | number | Date): Date => {
  if (value instanceof Date) return value;
  // A bare calendar date (due dates, meeting days) is a day, not an instant: read it in UTC so no zone moves it.
  if (typeof value === 'string' && value.length === 10) return new Date(`${value}T00:00:00Z`);
  return new Date(value);
};

/** "28 Nov 2026" / "28 Tach 2026": calendar days (due dates), read in UTC. */
export const formatDay = (lang: Language, value: string | number | Date): string =>
  dateFormat(lang, 'day', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(asDate(value));

/** "28 November 2026" / "28 Tachwedd 2026": the long form minutes and letters use. */
export const formatLongDay = (lang: Language, value: string | number | Date, timeZone = 'Europe/London'): string =>
  dateFormat(lang, `long:${timeZone}`, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(asDate(value));

/** "Monday 30 November 2026 at 14:30" / "Dydd Llun, 30 Tachwedd 2026 am 14:30": a meeting's date and time. */
export const formatDateTime = (lang: Language, value: string | number | Date, timeZone?: string): string =>
  dateFormat(lang, `full:${timeZone ?? ''}`, { dateStyle: 'full', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(asDate(value));

/** "30 Nov 2026, 14:30": a moment in a list or a log. */
export const formatShortDateTime = (lang: Language, value: string | number | Date, timeZone?: string): string =>
  dateFormat(lang, `short:${timeZone ?? ''}`, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(asDate(value));

/** "14:30". */
export const formatTime = (lang: Language, value: string | number | Date, timeZone?: string): string =>
  dateFormat(lang, `time:${timeZone ?? ''}`, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(asDate(value));

/** "1,234" / "1,234.5" in both languages; percentages as "12%". */
export function formatNumber(lang: Language, value: number, options: Intl.NumberFormatOptions = {}): string {
  const id = `${lang}:n:${JSON.stringify(options)}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locales[lang], options);
    cache.set(id, f);
  }
  return f.format(value);
}

/** "1 December 2026 at 10:00" / "1 Rhagfyr 2026 am 10:00": a meeting's start in a sentence (London time). */
export const formatLongDateTime = (lang: Language, value: string | number | Date, timeZone = 'Europe/London'): string =>
  dateFormat(lang, `longdt:${timeZone}`, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(asDate(value));

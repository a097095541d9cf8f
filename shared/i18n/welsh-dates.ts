/**
 * Welsh month and day names for JavaScript engines without Welsh locale data. Chromium ships a reduced ICU that has
 * no `cy`: `new Intl.DateTimeFormat('cy-GB')` there silently formats in American English ("Nov 28, 2026"). Where
 * that happens, dates are formatted in en-GB (the same day-month-year order and 24-hour clock) and its month and
 * weekday names swapped for the Welsh ones, giving what a full ICU (Node, Firefox) writes for cy-GB.
 */
import calendar from './welsh-calendar.json';

const { months, shortMonths, weekdays, shortWeekdays } = calendar;

/** True where this engine really formats Welsh. */
export const hasWelshDates = (): boolean => Intl.DateTimeFormat.supportedLocalesOf(['cy-GB']).length > 0;

/** A formatter with Intl.DateTimeFormat's `format`, in Welsh, built on en-GB. */
export function welshDateFormat(options: Intl.DateTimeFormatOptions): { format(date: Date): string } {
  const english = new Intl.DateTimeFormat('en-GB', options);
  // Month and weekday numbers of the same instant in the same zone, to pick the Welsh names.
  const numeric = new Intl.DateTimeFormat('en-GB', { timeZone: english.resolvedOptions().timeZone, month: 'numeric', weekday: 'short' });
  const long = options.month === 'long' || options.dateStyle === 'full' || options.dateStyle === 'long';
  const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
  return {
    format(date: Date): string {
      const at = numeric.formatToParts(date);
      const month = Number(at.find((p) => p.type === 'month')?.value ?? 1) - 1;
      const day = weekdayIndex[at.find((p) => p.type === 'weekday')?.value ?? ''] ?? 0;
      return english
        .formatToParts(date)
        .map((p) => {
          if (p.type === 'month' && !/^\d+$/.test(p.value)) return long ? months[month] : shortMonths[month];
          if (p.type === 'weekday') return options.weekday === 'short' ? shortWeekdays[day] : `${weekdays[day]},`;
          if (p.type === 'literal') return p.value.replace(' at ', ' am ');
          return p.value;
        })
        .join('')
        .replace(/,,/g, ',');
    },
  };
}

/** Calendar days as the reminders count them: local dates in Europe/London, as YYYY-MM-DD like action due dates. */
import { mailLimits } from '../../../shared/limits.js';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: mailLimits.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: mailLimits.timeZone, hour: 'numeric', hourCycle: 'h23' });
const dayMs = 86_400_000;

export const localDay = (ms: number): string => dayFormat.format(new Date(ms));
export const localHour = (ms: number): number => Number(hourFormat.format(new Date(ms)));
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

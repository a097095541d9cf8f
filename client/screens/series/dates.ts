/** London wall-clock date and time <-> the ISO instants the API takes (the series meets on the London calendar). */
import i18next from 'i18next';
import { londonInstant, londonParts } from '../../../shared/cadence';
import { dateParts, partsToIso, type DateParts } from '../../components/DateInput';

const hhmm = /^([01]?\d|2[0-3]):[0-5]\d$/;

export function toInstant(date: DateParts, time: string, what: string): { iso: string } | { dateError?: string; timeError?: string } {
  const day = partsToIso(date, what);
  const timeOk = hhmm.test(time.trim());
  if ('error' in day || !timeOk) return { dateError: 'error' in day ? day.error : undefined, timeError: timeOk ? undefined : i18next.t('series:errors.time') };
  return { iso: new Date(londonInstant(day.iso, time.trim().padStart(5, '0'))).toISOString() };
}

export const fromInstant = (iso: string): { date: DateParts; time: string } => {
  const parts = londonParts(Date.parse(iso));
  return { date: dateParts(parts.date), time: parts.time };
};

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatMeetingDate = (iso: string): string => dateTime.format(new Date(iso));

/** "28 Nov 2026", whatever the browser's locale. Due dates are calendar days, so read them in UTC. */
export const formatDay = (iso: string): string => day.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));

/** Today's calendar date as YYYY-MM-DD in the user's own time zone (what "in the past" means to them). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

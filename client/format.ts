const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

export const formatMeetingDate = (iso: string): string => dateTime.format(new Date(iso));

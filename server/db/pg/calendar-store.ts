/** The PostgreSQL calendar feeds: the same queries as server/db/calendar-repo.ts (only a token's hash is stored). */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { CalendarStore } from '../stores/calendar.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { calendarFeeds, meetings, people, series, seriesMembers } from './schema.js';

export function pgCalendarStore(db: PgExecutor): CalendarStore {
  return {
    feedOf: (personId) => pgCall(async () => (await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.personId, personId)))[0]),
    setFeed: (personId, tokenHash, now) =>
      pgCall(async () => {
        await db
          .insert(calendarFeeds)
          .values({ personId, tokenHash, createdAt: now })
          .onConflictDoUpdate({ target: calendarFeeds.personId, set: { tokenHash, createdAt: now } });
      }),
    deleteFeed: (personId) =>
      pgCall(async () => (await db.delete(calendarFeeds).where(eq(calendarFeeds.personId, personId)).returning({ personId: calendarFeeds.personId })).length > 0),
    ownerOf: (tokenHash) =>
      pgCall(
        async () =>
          (
            await db
              .select({ id: people.id, role: people.role, disabled: people.disabledAt, language: people.language })
              .from(calendarFeeds)
              .innerJoin(people, eq(people.id, calendarFeeds.personId))
              .where(eq(calendarFeeds.tokenHash, tokenHash))
          )[0],
      ),
    meetingsOfMember: (personId) =>
      pgCall(() =>
        db
          .select({ meeting: meetings, series: { name: series.name, body: series.body, venue: series.venue, onlineLink: series.onlineLink } })
          .from(seriesMembers)
          .innerJoin(series, eq(series.id, seriesMembers.seriesId))
          .innerJoin(meetings, eq(meetings.seriesId, series.id))
          .where(and(eq(seriesMembers.personId, personId), ne(seriesMembers.role, 'governance')))
          .orderBy(asc(meetings.scheduledAt), bytewise(meetings.id)),
      ),
  };
}

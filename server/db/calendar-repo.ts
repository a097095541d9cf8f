import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from './client.js';
import { calendarFeeds, meetings, people, series, seriesMembers } from './schema.js';

/** SQL for personal calendar feeds: only a token's hash is stored. PostgreSQL: server/db/pg/calendar-store.ts. */
export function calendarRepo(db: Db) {
  return {
    feedOf: (personId: string) => db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.personId, personId)).get(),
    /** One feed per person: a new token replaces (and so revokes) the old one. */
    setFeed(personId: string, tokenHash: string, now: number): void {
      db.insert(calendarFeeds)
        .values({ personId, tokenHash, createdAt: now })
        .onConflictDoUpdate({ target: calendarFeeds.personId, set: { tokenHash, createdAt: now } })
        .run();
    },
    deleteFeed: (personId: string): boolean => db.delete(calendarFeeds).where(eq(calendarFeeds.personId, personId)).run().changes > 0,
    /** The person a feed token belongs to, with their global role. */
    ownerOf(tokenHash: string) {
      return db
        .select({ id: people.id, role: people.role, disabled: people.disabledAt, language: people.language })
        .from(calendarFeeds)
        .innerJoin(people, eq(people.id, calendarFeeds.personId))
        .where(eq(calendarFeeds.tokenHash, tokenHash))
        .get();
    },
    /** Every meeting of every series the person belongs to (the governance board attends none), with the series facts an invite needs. */
    meetingsOfMember(personId: string) {
      return db
        .select({ meeting: meetings, series: { name: series.name, body: series.body, venue: series.venue, onlineLink: series.onlineLink } })
        .from(seriesMembers)
        .innerJoin(series, eq(series.id, seriesMembers.seriesId))
        .innerJoin(meetings, eq(meetings.seriesId, series.id))
        .where(and(eq(seriesMembers.personId, personId), ne(seriesMembers.role, 'governance')))
        .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
        .all();
    },
  };
}
export type CalendarRepo = ReturnType<typeof calendarRepo>;

import { asc, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { agencies, meetings, people, series } from './schema.js';

const meetingColumns = {
  id: meetings.id,
  title: meetings.title,
  scheduledAt: meetings.scheduledAt,
  venue: meetings.venue,
  status: meetings.status,
  seriesId: meetings.seriesId,
  seriesName: series.name,
  chairId: meetings.chairId,
};

/** SQL for the records the API lists: agencies, people, series and meetings. */
export function recordsRepo(db: Db) {
  const meetingQuery = () => db.select(meetingColumns).from(meetings).innerJoin(series, eq(series.id, meetings.seriesId));
  return {
    listMeetings: () => meetingQuery().orderBy(asc(meetings.scheduledAt)).all(),
    findMeeting: (id: string) => meetingQuery().where(eq(meetings.id, id)).get(),
    meetingExists(id: string): boolean {
      return db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id)).get() !== undefined;
    },
    listAgencies() {
      return db.select().from(agencies).orderBy(asc(agencies.name)).all();
    },
    listPeople() {
      return db
        .select({ id: people.id, name: people.name, email: people.email, role: people.role, agencyId: people.agencyId })
        .from(people)
        .orderBy(asc(people.name))
        .all();
    },
  };
}
export type RecordsRepo = ReturnType<typeof recordsRepo>;

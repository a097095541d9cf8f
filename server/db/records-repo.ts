import { asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from './client.js';
import { agencies, meetingGuests, meetings, people, series, seriesMembers } from './schema.js';

const meetingColumns = {
  id: meetings.id,
  title: meetings.title,
  scheduledAt: meetings.scheduledAt,
  venue: meetings.venue,
  status: meetings.status,
  seriesId: meetings.seriesId,
  seriesName: series.name,
  minutesLanguage: series.minutesLanguage,
  chairId: meetings.chairId,
  minuteTakerId: meetings.minuteTakerId,
  cancelReason: meetings.cancelReason,
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
    /** Everyone who may take part in a meeting (series members, guests, the chair), with their agency. */
    meetingParticipants(meetingId: string, seriesId: string, chairId: string | null) {
      const members = db.select({ id: seriesMembers.personId }).from(seriesMembers).where(eq(seriesMembers.seriesId, seriesId));
      const guests = db.select({ id: meetingGuests.personId }).from(meetingGuests).where(eq(meetingGuests.meetingId, meetingId));
      return db
        .select({ id: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name })
        .from(people)
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(or(inArray(people.id, members), inArray(people.id, guests), eq(people.id, chairId ?? '')))
        .orderBy(asc(people.name))
        .all();
    },
    setMinuteTaker(meetingId: string, personId: string | null): void {
      db.update(meetings).set({ minuteTakerId: personId }).where(eq(meetings.id, meetingId)).run();
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

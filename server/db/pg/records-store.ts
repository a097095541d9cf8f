/** The PostgreSQL records: the same queries as server/db/records-repo.ts, names ordered bytewise as SQLite orders them. */
import { asc, eq, inArray, or } from 'drizzle-orm';
import type { RecordsStore } from '../stores/records.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
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

export function pgRecordsStore(db: PgExecutor): RecordsStore {
  const meetingQuery = () => db.select(meetingColumns).from(meetings).innerJoin(series, eq(series.id, meetings.seriesId));
  return {
    listMeetings: () => pgCall(() => meetingQuery().orderBy(asc(meetings.scheduledAt))),
    findMeeting: (id) => pgCall(async () => (await meetingQuery().where(eq(meetings.id, id)))[0]),
    meetingExists: (id) => pgCall(async () => (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id))).length > 0),
    meetingParticipants: (meetingId, seriesId, chairId) =>
      pgCall(() => {
        const members = db.select({ id: seriesMembers.personId }).from(seriesMembers).where(eq(seriesMembers.seriesId, seriesId));
        const guests = db.select({ id: meetingGuests.personId }).from(meetingGuests).where(eq(meetingGuests.meetingId, meetingId));
        return db
          .select({ id: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name })
          .from(people)
          .innerJoin(agencies, eq(agencies.id, people.agencyId))
          .where(or(inArray(people.id, members), inArray(people.id, guests), eq(people.id, chairId ?? '')))
          .orderBy(bytewise(people.name));
      }),
    setMinuteTaker: (meetingId, personId) =>
      pgCall(async () => {
        await db.update(meetings).set({ minuteTakerId: personId }).where(eq(meetings.id, meetingId));
      }),
    listAgencies: () => pgCall(() => db.select().from(agencies).orderBy(bytewise(agencies.name))),
    listPeople: () =>
      pgCall(() =>
        db.select({ id: people.id, name: people.name, email: people.email, role: people.role, agencyId: people.agencyId }).from(people).orderBy(bytewise(people.name)),
      ),
  };
}

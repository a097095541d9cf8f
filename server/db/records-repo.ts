import { asc, eq, inArray, or, sql } from 'drizzle-orm';
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
  // Asked for every Yjs upgrade (the document's rules read the meeting's status and who takes part) and most meeting
  // requests: prepared once, so a join storm does not build and compile the same SQL 3,000 times (building and
  // compiling it was half the server's CPU in a join storm). Prepared at first use, not while the server starts.
  const prepareMeeting = () => meetingQuery().where(eq(meetings.id, sql.placeholder('id'))).prepare();
  let meetingStatement: ReturnType<typeof prepareMeeting> | undefined;
  const prepareParticipants = () => db
    .select({ id: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name })
    .from(people)
    .innerJoin(agencies, eq(agencies.id, people.agencyId))
    .where(
      or(
        inArray(people.id, db.select({ id: seriesMembers.personId }).from(seriesMembers).where(eq(seriesMembers.seriesId, sql.placeholder('seriesId')))),
        inArray(people.id, db.select({ id: meetingGuests.personId }).from(meetingGuests).where(eq(meetingGuests.meetingId, sql.placeholder('meetingId')))),
        eq(people.id, sql.placeholder('chairId')),
      ),
    )
    .orderBy(asc(people.name))
    .prepare();
  let participantsStatement: ReturnType<typeof prepareParticipants> | undefined;
  return {
    listMeetings: () => meetingQuery().orderBy(asc(meetings.scheduledAt)).all(),
    findMeeting: (id: string) => (meetingStatement ??= prepareMeeting()).get({ id }),
    meetingExists(id: string): boolean {
      return db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id)).get() !== undefined;
    },
    /** Everyone who may take part in a meeting (series members, guests, the chair), with their agency. */
    meetingParticipants(meetingId: string, seriesId: string, chairId: string | null) {
      return (participantsStatement ??= prepareParticipants()).all({ meetingId, seriesId, chairId: chairId ?? '' });
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

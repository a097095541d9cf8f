import { asc, eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { agencies, meetings, people, series, seriesMembers } from './schema.js';

/** SQL behind the admin screens: agencies, people, series and their members. */
export function adminRepo(db: Db) {
  return {
    agencies: () => db.select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName }).from(agencies).orderBy(asc(agencies.name), asc(agencies.id)).all(),
    agencyExists: (id: string) => db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id)).get() !== undefined,
    createAgency(row: { id: string; name: string; shortName: string; now: number }): void {
      db.insert(agencies).values({ id: row.id, name: row.name, shortName: row.shortName, createdAt: row.now }).run();
    },
    people: () =>
      db
        .select({ id: people.id, name: people.name, email: people.email, jobTitle: people.jobTitle, role: people.role, agencyId: people.agencyId, disabledAt: people.disabledAt })
        .from(people)
        .orderBy(asc(people.name), asc(people.id))
        .all()
        .map(({ disabledAt, ...p }) => ({ ...p, disabled: disabledAt !== null })),
    setDisabled(id: string, at: number | null): void {
      db.update(people).set({ disabledAt: at }).where(eq(people.id, id)).run();
    },
    /** The person's global role, or undefined if there is no such person. */
    personRole: (id: string) => db.select({ role: people.role }).from(people).where(eq(people.id, id)).get()?.role,
    /** How many series roles and meeting chairs a person holds (separation of duties asks before making an admin). */
    meetingRolesHeld: (personId: string) => ({
      seriesRoles: db.select({ id: seriesMembers.seriesId }).from(seriesMembers).where(eq(seriesMembers.personId, personId)).all().length,
      chairedMeetings: db.select({ id: meetings.id }).from(meetings).where(eq(meetings.chairId, personId)).all().length,
    }),
    hasAdministrator: () => db.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1).get() !== undefined,
    personExists: (id: string) => db.select({ id: people.id }).from(people).where(eq(people.id, id)).get() !== undefined,
    emailTaken: (email: string) => db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()?.id ?? null,
    createPerson(row: typeof people.$inferInsert): void {
      db.insert(people).values(row).run();
    },
    updatePerson(id: string, patch: Partial<typeof people.$inferInsert>): void {
      db.update(people).set(patch).where(eq(people.id, id)).run();
    },
    series: () => db.select({ id: series.id, name: series.name, cadence: series.cadence }).from(series).orderBy(asc(series.name), asc(series.id)).all(),
    seriesExists: (id: string) => db.select({ id: series.id }).from(series).where(eq(series.id, id)).get() !== undefined,
    members: () =>
      db
        .select({ seriesId: seriesMembers.seriesId, personId: seriesMembers.personId, role: seriesMembers.role })
        .from(seriesMembers)
        .orderBy(asc(seriesMembers.seriesId), asc(seriesMembers.personId))
        .all(),
  };
}
export type AdminRepo = ReturnType<typeof adminRepo>;

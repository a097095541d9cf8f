/** The PostgreSQL administration records: the same queries as server/db/admin-repo.ts, names ordered bytewise as SQLite orders them. */
import { eq } from 'drizzle-orm';
import type { AdminStore } from '../stores/admin.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { agencies, meetings, people, series, seriesMembers } from './schema.js';


export function pgAdminStore(db: PgExecutor): AdminStore {
  const exists = async (query: Promise<unknown[]>) => (await query).length > 0;
  return {
    agencies: () =>
      pgCall(() =>
        db.select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName }).from(agencies).orderBy(bytewise(agencies.name), bytewise(agencies.id)),
      ),
    agencyExists: (id) => pgCall(() => exists(db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id)).limit(1))),
    createAgency: (row) =>
      pgCall(async () => {
        await db.insert(agencies).values({ id: row.id, name: row.name, shortName: row.shortName, createdAt: row.now });
      }),
    people: () =>
      pgCall(async () =>
        (
          await db
            .select({ id: people.id, name: people.name, email: people.email, jobTitle: people.jobTitle, role: people.role, agencyId: people.agencyId, disabledAt: people.disabledAt })
            .from(people)
            .orderBy(bytewise(people.name), bytewise(people.id))
        ).map(({ disabledAt, ...p }) => ({ ...p, disabled: disabledAt !== null })),
      ),
    setDisabled: (id, at) =>
      pgCall(async () => {
        await db.update(people).set({ disabledAt: at }).where(eq(people.id, id));
      }),
    personRole: (id) => pgCall(async () => (await db.select({ role: people.role }).from(people).where(eq(people.id, id)))[0]?.role),
    meetingRolesHeld: (personId) =>
      pgCall(async () => ({
        seriesRoles: (await db.select({ id: seriesMembers.seriesId }).from(seriesMembers).where(eq(seriesMembers.personId, personId))).length,
        chairedMeetings: (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.chairId, personId))).length,
      })),
    hasAdministrator: () => pgCall(() => exists(db.select({ id: people.id }).from(people).where(eq(people.role, 'admin')).limit(1))),
    personExists: (id) => pgCall(() => exists(db.select({ id: people.id }).from(people).where(eq(people.id, id)).limit(1))),
    emailTaken: (email) => pgCall(async () => (await db.select({ id: people.id }).from(people).where(eq(people.email, email)))[0]?.id ?? null),
    createPerson: (row) =>
      pgCall(async () => {
        await db.insert(people).values(row);
      }),
    updatePerson: (id, patch) =>
      pgCall(async () => {
        await db.update(people).set(patch).where(eq(people.id, id));
      }),
    series: () => pgCall(() => db.select({ id: series.id, name: series.name, cadence: series.cadence }).from(series).orderBy(bytewise(series.name), bytewise(series.id))),
    seriesExists: (id) => pgCall(() => exists(db.select({ id: series.id }).from(series).where(eq(series.id, id)).limit(1))),
    members: () =>
      pgCall(() =>
        db
          .select({ seriesId: seriesMembers.seriesId, personId: seriesMembers.personId, role: seriesMembers.role })
          .from(seriesMembers)
          .orderBy(bytewise(seriesMembers.seriesId), bytewise(seriesMembers.personId)),
      ),
  };
}

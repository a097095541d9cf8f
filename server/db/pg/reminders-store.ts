/**
 * The PostgreSQL reminders: the same queries as server/db/reminders-repo.ts, text ordered and compared bytewise
 * (collate "C") as SQLite does, so digests list actions and leads in the same order on both engines.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { participatingRoles } from '../../../shared/domain.js';
import { mailLimits } from '../../../shared/limits.js';
import type { RemindersStore } from '../stores/reminders.js';
import type { PgExecutor } from './client.js';
import { bytewise } from './bytewise.js';
import { pgCall } from './faults.js';
import { actionEscalations, actions, agencies, jobRuns, people, personPreferences, series, seriesAgencyLeads, seriesMembers, seriesReminderSettings } from './schema.js';


export function pgRemindersStore(db: PgExecutor): RemindersStore {
  return {
    claimDay: (job, day, at) =>
      pgCall(async () => (await db.insert(jobRuns).values({ job, day, claimedAt: at }).onConflictDoNothing().returning({ job: jobRuns.job })).length === 1),
    lastRun: (job) =>
      pgCall(async () => (await db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(sql`${jobRuns.day} collate "C" desc`).limit(1))[0] ?? null),
    openActionsDueBy: (until) =>
      pgCall(() =>
        db
          .select({
            id: actions.id,
            seriesId: actions.seriesId,
            seriesName: series.name,
            caseRef: actions.caseRef,
            due: actions.due,
            ownerPersonId: actions.ownerPersonId,
            ownerName: people.name,
            ownerEmail: people.email,
            ownerLanguage: people.language,
            ownerAgencyId: actions.ownerAgencyId,
            ownerAgencyName: agencies.name,
            digests: personPreferences.digests,
            escalatedAt: actionEscalations.at,
            escalateAfterDays: seriesReminderSettings.escalateAfterDays,
          })
          .from(actions)
          .innerJoin(series, eq(series.id, actions.seriesId))
          .innerJoin(people, eq(people.id, actions.ownerPersonId))
          .leftJoin(agencies, eq(agencies.id, actions.ownerAgencyId))
          .leftJoin(personPreferences, eq(personPreferences.personId, actions.ownerPersonId))
          .leftJoin(actionEscalations, eq(actionEscalations.actionId, actions.id))
          .leftJoin(seriesReminderSettings, eq(seriesReminderSettings.seriesId, actions.seriesId))
          .where(and(eq(actions.status, 'open'), isNotNull(actions.due), sql`${actions.due} collate "C" <= ${until}`))
          .orderBy(bytewise(actions.seriesId), bytewise(actions.due), asc(actions.createdAt), asc(actions.position), bytewise(actions.id)),
      ),
    leadsOf: (seriesId) =>
      pgCall(() =>
        db
          .select({ agencyId: seriesAgencyLeads.agencyId, agencyName: agencies.name, personId: people.id, name: people.name, email: people.email, language: people.language })
          .from(seriesAgencyLeads)
          .innerJoin(people, eq(people.id, seriesAgencyLeads.personId))
          .innerJoin(agencies, eq(agencies.id, seriesAgencyLeads.agencyId))
          .where(eq(seriesAgencyLeads.seriesId, seriesId))
          .orderBy(bytewise(agencies.name), bytewise(agencies.id)),
      ),
    recordEscalation: (actionId, leadPersonId, outboxId, at) =>
      pgCall(async () => {
        await db.insert(actionEscalations).values({ actionId, leadPersonId, outboxId, at }).onConflictDoNothing();
      }),
    escalateAfterDays: (seriesId) =>
      pgCall(
        async () =>
          (await db.select({ d: seriesReminderSettings.escalateAfterDays }).from(seriesReminderSettings).where(eq(seriesReminderSettings.seriesId, seriesId)))[0]?.d ??
          mailLimits.escalateAfterDaysDefault,
      ),
    setSettings: (seriesId, escalateAfterDays, leads, at) =>
      pgCall(async () => {
        await db
          .insert(seriesReminderSettings)
          .values({ seriesId, escalateAfterDays, updatedAt: at })
          .onConflictDoUpdate({ target: seriesReminderSettings.seriesId, set: { escalateAfterDays, updatedAt: at } });
        await db.delete(seriesAgencyLeads).where(eq(seriesAgencyLeads.seriesId, seriesId));
        if (leads.length) await db.insert(seriesAgencyLeads).values(leads.map((l) => ({ seriesId, ...l, updatedAt: at })));
      }),
    leadCandidates: (seriesId) =>
      pgCall(async () =>
        (
          await db
            .select({ personId: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name, role: seriesMembers.role })
            .from(seriesMembers)
            .innerJoin(people, eq(people.id, seriesMembers.personId))
            .innerJoin(agencies, eq(agencies.id, people.agencyId))
            .where(eq(seriesMembers.seriesId, seriesId))
            .orderBy(bytewise(agencies.name), bytewise(people.name), bytewise(people.id))
        ).filter((r) => participatingRoles.includes(r.role)),
      ),
    memberOfAgency: (seriesId, personId, agencyId) =>
      pgCall(
        async () =>
          (
            await db
              .select({ id: people.id, role: seriesMembers.role })
              .from(seriesMembers)
              .innerJoin(people, eq(people.id, seriesMembers.personId))
              .where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId), eq(people.agencyId, agencyId)))
          )[0],
      ),
    digestsOn: (personId) =>
      pgCall(async () => (await db.select({ on: personPreferences.digests }).from(personPreferences).where(eq(personPreferences.personId, personId)))[0]?.on ?? true),
    setDigests: (personId, on, at) =>
      pgCall(async () => {
        await db
          .insert(personPreferences)
          .values({ personId, digests: on, updatedAt: at })
          .onConflictDoUpdate({ target: personPreferences.personId, set: { digests: on, updatedAt: at } });
      }),
    languageOf: (personId) => pgCall(async () => (await db.select({ language: people.language }).from(people).where(eq(people.id, personId)))[0]?.language ?? null),
    setLanguage: (personId, language) =>
      pgCall(async () => {
        await db.update(people).set({ language }).where(eq(people.id, personId));
      }),
  };
}

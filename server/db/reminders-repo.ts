import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from './client.js';
import { participatingRoles } from '../../shared/domain.js';
import { actionEscalations, actions, agencies, jobRuns, people, personPreferences, series, seriesAgencyLeads, seriesMembers, seriesReminderSettings } from './schema.js';
import { mailLimits } from '../../shared/limits.js';

/** SQL for the daily reminders: the day's claim, the actions due, agency leads, thresholds and preferences. */
export function remindersRepo(db: Db) {
  return {
    /** Claims `day` for `job`; false if a run (in this process or an earlier one) already claimed it. */
    claimDay(job: string, day: string, at: number): boolean {
      return db.insert(jobRuns).values({ job, day, claimedAt: at }).onConflictDoNothing().run().changes === 1;
    },

    lastRun(job: string) {
      return db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(asc(jobRuns.day)).all().at(-1) ?? null;
    },

    /** Open actions with an owner and a due date on or before `until` (YYYY-MM-DD), with owner, agency and series. */
    openActionsDueBy(until: string) {
      return db
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
        .where(and(eq(actions.status, 'open'), isNotNull(actions.due), lte(actions.due, until)))
        // Within a series by due day; actions due the same day in the order they were agreed (the id settles a tie).
        .orderBy(asc(actions.seriesId), asc(actions.due), asc(actions.createdAt), asc(actions.position), asc(actions.id))
        .all();
    },

    /** The named leads of a series, by agency, with how to reach them. */
    leadsOf(seriesId: string) {
      return db
        .select({ agencyId: seriesAgencyLeads.agencyId, agencyName: agencies.name, personId: people.id, name: people.name, email: people.email, language: people.language })
        .from(seriesAgencyLeads)
        .innerJoin(people, eq(people.id, seriesAgencyLeads.personId))
        .innerJoin(agencies, eq(agencies.id, seriesAgencyLeads.agencyId))
        .where(eq(seriesAgencyLeads.seriesId, seriesId))
        .orderBy(asc(agencies.name), asc(agencies.id))
        .all();
    },

    recordEscalation(actionId: string, leadPersonId: string, outboxId: string, at: number): void {
      db.insert(actionEscalations).values({ actionId, leadPersonId, outboxId, at }).onConflictDoNothing().run();
    },

    escalateAfterDays(seriesId: string): number {
      return db.select({ d: seriesReminderSettings.escalateAfterDays }).from(seriesReminderSettings).where(eq(seriesReminderSettings.seriesId, seriesId)).get()?.d ?? mailLimits.escalateAfterDaysDefault;
    },

    /** Replaces the series' threshold and leads. */
    setSettings(seriesId: string, escalateAfterDays: number, leads: { agencyId: string; personId: string }[], at: number): void {
      db.insert(seriesReminderSettings)
        .values({ seriesId, escalateAfterDays, updatedAt: at })
        .onConflictDoUpdate({ target: seriesReminderSettings.seriesId, set: { escalateAfterDays, updatedAt: at } })
        .run();
      db.delete(seriesAgencyLeads).where(eq(seriesAgencyLeads.seriesId, seriesId)).run();
      if (leads.length) db.insert(seriesAgencyLeads).values(leads.map((l) => ({ seriesId, ...l, updatedAt: at }))).run();
    },

    /** Who may be named a lead: the series' members who are not observers, with their agency. */
    leadCandidates(seriesId: string) {
      return db
        .select({ personId: people.id, name: people.name, agencyId: agencies.id, agencyName: agencies.name, role: seriesMembers.role })
        .from(seriesMembers)
        .innerJoin(people, eq(people.id, seriesMembers.personId))
        .innerJoin(agencies, eq(agencies.id, people.agencyId))
        .where(eq(seriesMembers.seriesId, seriesId))
        .orderBy(asc(agencies.name), asc(people.name), asc(people.id))
        .all()
        .filter((r) => participatingRoles.includes(r.role));
    },

    /** A series member (not an observer) of the given agency, or undefined. */
    memberOfAgency(seriesId: string, personId: string, agencyId: string) {
      return db
        .select({ id: people.id, role: seriesMembers.role })
        .from(seriesMembers)
        .innerJoin(people, eq(people.id, seriesMembers.personId))
        .where(and(eq(seriesMembers.seriesId, seriesId), eq(seriesMembers.personId, personId), eq(people.agencyId, agencyId)))
        .get();
    },

    digestsOn(personId: string): boolean {
      return db.select({ on: personPreferences.digests }).from(personPreferences).where(eq(personPreferences.personId, personId)).get()?.on ?? true;
    },

    setDigests(personId: string, on: boolean, at: number): void {
      db.insert(personPreferences)
        .values({ personId, digests: on, updatedAt: at })
        .onConflictDoUpdate({ target: personPreferences.personId, set: { digests: on, updatedAt: at } })
        .run();
    },

    languageOf(personId: string): 'en' | 'cy' | null {
      return db.select({ language: people.language }).from(people).where(eq(people.id, personId)).get()?.language ?? null;
    },

    setLanguage(personId: string, language: 'en' | 'cy'): void {
      db.update(people).set({ language }).where(eq(people.id, personId)).run();
    },
  };
}
export type RemindersRepo = ReturnType<typeof remindersRepo>;

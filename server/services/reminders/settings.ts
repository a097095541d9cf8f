/** A person's digest preference, and a series' escalation threshold and agency leads: one command each. */
import { participatingRoles } from '../../../shared/domain.js';
import type { PreferencesView, SeriesRemindersBody, SeriesRemindersView } from '../../../shared/reminders.js';
import type { LeadCandidateRow } from '../../db/stores/reminders.js';
import type { Storage } from '../../db/stores/storage.js';
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';

function candidatesByAgency(rows: LeadCandidateRow[]): SeriesRemindersView['candidates'] {
  const byAgency = new Map<string, SeriesRemindersView['candidates'][number]>();
  for (const r of rows) {
    const entry = byAgency.get(r.agencyId) ?? { agencyId: r.agencyId, agency: r.agencyName, people: [] };
    entry.people.push({ id: r.personId, name: r.name });
    byAgency.set(r.agencyId, entry);
  }
  return [...byAgency.values()];
}

export function createReminderSettings(deps: { storage: Storage; policies: Policies; now: () => number }) {
  const { storage, policies, now } = deps;
  const { reminders, outbox, records } = storage.stores;

  async function seriesView(seriesId: string): Promise<SeriesRemindersView> {
    const [people, escalateAfterDays, leads, candidates, problems] = await Promise.all([
      records.listPeople(),
      reminders.escalateAfterDays(seriesId),
      reminders.leadsOf(seriesId),
      reminders.leadCandidates(seriesId),
      outbox.problems({ seriesId }),
    ]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    return {
      escalateAfterDays,
      leads: leads.map((l) => ({ agencyId: l.agencyId, agency: l.agencyName, personId: l.personId, name: l.name })),
      candidates: candidatesByAgency(candidates),
      problems: problems
        .filter((p) => p.kind !== 'circulation')
        .map((p) => ({
          id: p.id,
          kind: p.kind,
          to: names.get(p.toPersonId) ?? '',
          subject: p.subject,
          state: p.state,
          attempts: p.attempts,
          lastError: p.lastError,
          nextAttemptAt: p.state === 'queued' ? new Date(p.nextAttemptAt).toISOString() : null,
        })),
    };
  }

  const preferencesOf = async (personId: string): Promise<PreferencesView> => ({ digests: await reminders.digestsOn(personId), language: await reminders.languageOf(personId) });

  return {
    async preferences(actor: Actor | null): Promise<PreferencesView> {
      const me = policies.requireActor(actor);
      return preferencesOf(me.id);
    },

    async setPreferences(actor: Actor | null, patch: Partial<PreferencesView>, ip: string | null): Promise<PreferencesView> {
      const me = policies.requireActor(actor);
      await storage.transaction(async (s) => {
        const at = now();
        if (patch.digests !== undefined) await s.reminders.setDigests(me.id, patch.digests, at);
        if (patch.language) await s.reminders.setLanguage(me.id, patch.language);
        await s.audit.record({ actorId: me.id, action: 'preferences.update', targetType: 'person', targetId: me.id, detail: { digests: patch.digests ?? null, language: patch.language ?? null }, ip }, at);
      });
      return preferencesOf(me.id);
    },

    async seriesSettings(actor: Actor | null, seriesId: string): Promise<SeriesRemindersView> {
      await policies.authoriseSeries(actor, seriesId, 'circulateMinutes');
      return seriesView(seriesId);
    },

    /** "Retry now" on the series' reminder delivery problems. */
    async retry(actor: Actor | null, seriesId: string, ip: string | null): Promise<{ queued: number }> {
      await policies.authoriseSeries(actor, seriesId, 'circulateMinutes');
      return storage.transaction(async (s) => {
        const at = now();
        const ids = (await s.outbox.problems({ seriesId })).filter((p) => p.kind !== 'circulation').map((p) => p.id);
        const queued = await s.outbox.retryNow(ids, at);
        await s.audit.record({ actorId: actor!.id, action: 'series.reminders.retry', targetType: 'series', targetId: seriesId, detail: { queued }, ip }, at);
        return { queued };
      });
    },

    /** Names the agency leads (each a non-observer series member of that agency) and the escalation threshold. */
    async setSeriesSettings(actor: Actor | null, seriesId: string, body: SeriesRemindersBody, ip: string | null): Promise<SeriesRemindersView> {
      await policies.authoriseSeries(actor, seriesId, 'circulateMinutes');
      await storage.transaction(async (s) => {
        for (const lead of body.leads) {
          const member = await s.reminders.memberOfAgency(seriesId, lead.personId, lead.agencyId);
          if (!member || !participatingRoles.includes(member.role)) throw new AppError('validation_failed', `leads: ${msg('actions:errors.notALead', { person: lead.personId, agency: lead.agencyId })}`);
        }
        const at = now();
        await s.reminders.setSettings(seriesId, body.escalateAfterDays, body.leads, at);
        await s.audit.record({ actorId: actor!.id, action: 'series.reminders.update', targetType: 'series', targetId: seriesId, detail: { escalateAfterDays: body.escalateAfterDays, leads: body.leads.length }, ip }, at);
      });
      return seriesView(seriesId);
    },
  };
}
export type ReminderSettings = ReturnType<typeof createReminderSettings>;

/** A person's digest preference, and a series' escalation threshold and agency leads: one command each. */
import type Database from 'better-sqlite3';
import { participatingRoles } from '../../../shared/domain.js';
import type { PreferencesView, SeriesRemindersBody, SeriesRemindersView } from '../../../shared/reminders.js';
import type { OutboxRepo } from '../../db/outbox-repo.js';
import type { RemindersRepo } from '../../db/reminders-repo.js';
import type { RecordsRepo } from '../../db/records-repo.js';
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';
import type { Audit } from '../audit-service.js';

function candidatesByAgency(rows: ReturnType<RemindersRepo['leadCandidates']>): SeriesRemindersView['candidates'] {
  const byAgency = new Map<string, SeriesRemindersView['candidates'][number]>();
  for (const r of rows) {
    const entry = byAgency.get(r.agencyId) ?? { agencyId: r.agencyId, agency: r.agencyName, people: [] };
    entry.people.push({ id: r.personId, name: r.name });
    byAgency.set(r.agencyId, entry);
  }
  return [...byAgency.values()];
}

export function createReminderSettings(deps: { sqlite: Database.Database; repo: RemindersRepo; outbox: OutboxRepo; records: RecordsRepo; policies: Policies; audit: Audit; now: () => number }) {
  const { sqlite, repo, outbox, records, policies, audit, now } = deps;

  function seriesView(seriesId: string): SeriesRemindersView {
    const names = new Map(records.listPeople().map((p) => [p.id, p.name]));
    return {
      escalateAfterDays: repo.escalateAfterDays(seriesId),
      leads: repo.leadsOf(seriesId).map((l) => ({ agencyId: l.agencyId, agency: l.agencyName, personId: l.personId, name: l.name })),
      candidates: candidatesByAgency(repo.leadCandidates(seriesId)),
      problems: outbox.problems({ seriesId }).filter((p) => p.kind !== 'circulation').map((p) => ({
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

  return {
    preferences(actor: Actor | null): PreferencesView {
      const me = policies.requireActor(actor);
      return { digests: repo.digestsOn(me.id), language: repo.languageOf(me.id) };
    },

    setPreferences(actor: Actor | null, patch: Partial<PreferencesView>, ip: string | null): PreferencesView {
      const me = policies.requireActor(actor);
      sqlite.transaction(() => {
        if (patch.digests !== undefined) repo.setDigests(me.id, patch.digests, now());
        if (patch.language) repo.setLanguage(me.id, patch.language);
        audit.record({ actorId: me.id, action: 'preferences.update', targetType: 'person', targetId: me.id, detail: { digests: patch.digests ?? null, language: patch.language ?? null }, ip });
      })();
      return { digests: repo.digestsOn(me.id), language: repo.languageOf(me.id) };
    },

    seriesSettings(actor: Actor | null, seriesId: string): SeriesRemindersView {
      policies.authoriseSeries(actor, seriesId, 'circulateMinutes');
      return seriesView(seriesId);
    },

    /** "Retry now" on the series' reminder delivery problems. */
    retry(actor: Actor | null, seriesId: string, ip: string | null): { queued: number } {
      policies.authoriseSeries(actor, seriesId, 'circulateMinutes');
      return sqlite.transaction(() => {
        const ids = outbox.problems({ seriesId }).filter((p) => p.kind !== 'circulation').map((p) => p.id);
        const queued = outbox.retryNow(ids, now());
        audit.record({ actorId: actor!.id, action: 'series.reminders.retry', targetType: 'series', targetId: seriesId, detail: { queued }, ip });
        return { queued };
      })();
    },

    /** Names the agency leads (each a non-observer series member of that agency) and the escalation threshold. */
    setSeriesSettings(actor: Actor | null, seriesId: string, body: SeriesRemindersBody, ip: string | null): SeriesRemindersView {
      policies.authoriseSeries(actor, seriesId, 'circulateMinutes');
      sqlite.transaction(() => {
        for (const lead of body.leads) {
          const member = repo.memberOfAgency(seriesId, lead.personId, lead.agencyId);
          if (!member || !participatingRoles.includes(member.role)) throw new AppError('validation_failed', `leads: ${msg('actions:errors.notALead', { person: lead.personId, agency: lead.agencyId })}`);
        }
        repo.setSettings(seriesId, body.escalateAfterDays, body.leads, now());
        audit.record({ actorId: actor!.id, action: 'series.reminders.update', targetType: 'series', targetId: seriesId, detail: { escalateAfterDays: body.escalateAfterDays, leads: body.leads.length }, ip });
      })();
      return seriesView(seriesId);
    },
  };
}
export type ReminderSettings = ReturnType<typeof createReminderSettings>;

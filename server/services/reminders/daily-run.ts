/**
 * The daily reminders: each owner gets one digest a day, across all their series, of their open actions due within
 * `mailLimits.digestDueWithinDays` days or overdue (unless they turned digests off), a section per series, and actions overdue by more than
 * the series' threshold are escalated, once, to their agency's lead named on the series. The run claims its day in
 * the same transaction that queues the emails, so a day is run at most once, across restarts and overlapping ticks,
 * and a run that fails part-way leaves the day unclaimed and nothing queued.
 */
import { mailLimits } from '../../../shared/limits.js';
import { newId } from '../../../shared/ids.js';
import type { DueActionRow } from '../../db/stores/reminders.js';
import type { Storage } from '../../db/stores/storage.js';
import type { Sender } from '../mail/sender.js';
import { digestEmail, escalationEmail, type EmailContent, type ReminderLine } from '../mail/templates.js';
import { addDays, daysBetween, localDay, localHour } from './days.js';
import { personLanguage } from '../../i18n.js';

export const remindersJob = 'reminders';

export interface DailyRunResult {
  day: string;
  /** False when this day had already been run (or sending is not configured). */
  claimed: boolean;
  digests: number;
  escalations: number;
}

export function createDailyReminders(deps: { storage: Storage; sender: Sender; baseUrl: () => string; now: () => number }) {
  const { storage, sender, baseUrl, now } = deps;
  const trackerUrl = (seriesId: string) => `${baseUrl()}/series/${seriesId}/actions`;

  async function run(): Promise<DailyRunResult> {
    const at = now();
    const day = localDay(at);
    if (!sender.configured) return { day, claimed: false, digests: 0, escalations: 0 };
    const result = await storage.transaction(async (s): Promise<DailyRunResult> => {
      if (!(await s.reminders.claimDay(remindersJob, day, at))) return { day, claimed: false, digests: 0, escalations: 0 };
      const rows = await s.reminders.openActionsDueBy(addDays(day, mailLimits.digestDueWithinDays));
      const queue = async (kind: 'digest' | 'escalation', to: { id: string; email: string }, seriesId: string | null, email: EmailContent): Promise<string> => {
        const id = newId();
        await s.outbox.enqueue({ id, kind, toPersonId: to.id, toAddress: to.email, ...email, attachmentName: null, attachmentType: null, attachment: null, meetingId: null, seriesId, nextAttemptAt: at, createdAt: at });
        return id;
      };
      const line = (r: DueActionRow, withOwner = false): ReminderLine => ({ caseRef: r.caseRef, due: r.due!, daysOverdue: daysBetween(r.due!, day), ownerName: withOwner ? r.ownerName : undefined });

      // Digests: one per owner, a section per series (within a series, rows come ordered by due date).
      const digests = new Map<string, Map<string, DueActionRow[]>>();
      for (const r of rows) {
        if (r.digests === false) continue;
        const bySeries = digests.get(r.ownerPersonId!) ?? new Map<string, DueActionRow[]>();
        bySeries.set(r.seriesId, [...(bySeries.get(r.seriesId) ?? []), r]);
        digests.set(r.ownerPersonId!, bySeries);
      }
      for (const bySeries of digests.values()) {
        // Sections in series-name order, so a reader finds a series in the same place each day.
        const groups = [...bySeries.values()].sort((a, b) => a[0].seriesName.localeCompare(b[0].seriesName));
        const first = groups[0][0];
        const sections = groups.map((g) => ({ seriesName: g[0].seriesName, trackerUrl: trackerUrl(g[0].seriesId), lines: g.map((r) => line(r)) }));
        // The outbox row names its series when the digest covers one; one covering several names none, and each of
        // those series' coordinators still sees it among their delivery problems (OutboxStore.problems: by owner).
        const seriesId = groups.length === 1 ? first.seriesId : null;
        await queue('digest', { id: first.ownerPersonId!, email: first.ownerEmail }, seriesId, digestEmail({ lang: personLanguage({ language: first.ownerLanguage }), recipientName: first.ownerName, preferencesUrl: `${baseUrl()}/account`, sections }));
      }

      // Escalations: overdue past the series' threshold, not escalated before, to the agency's named lead.
      const escalations = new Map<string, DueActionRow[]>();
      for (const r of rows) {
        const after = r.escalateAfterDays ?? mailLimits.escalateAfterDaysDefault;
        if (r.escalatedAt !== null || r.ownerAgencyId === null || daysBetween(r.due!, day) <= after) continue;
        const key = `${r.seriesId}\u0000${r.ownerAgencyId}`;
        escalations.set(key, [...(escalations.get(key) ?? []), r]);
      }
      let escalated = 0;
      for (const group of escalations.values()) {
        const first = group[0];
        const lead = (await s.reminders.leadsOf(first.seriesId)).find((l) => l.agencyId === first.ownerAgencyId);
        if (!lead) continue; // No lead named yet: escalated on the first run after one is.
        const afterDays = first.escalateAfterDays ?? mailLimits.escalateAfterDaysDefault;
        const outboxId = await queue('escalation', { id: lead.personId, email: lead.email }, first.seriesId, escalationEmail({ lang: personLanguage(lead), recipientName: lead.name, seriesName: first.seriesName, agencyName: lead.agencyName, afterDays, trackerUrl: trackerUrl(first.seriesId), lines: group.map((r) => line(r, true)) }));
        for (const r of group) await s.reminders.recordEscalation(r.id, lead.personId, outboxId, at);
        escalated++;
      }
      await s.audit.record({ actorId: null, action: 'reminders.run', targetType: 'job', targetId: remindersJob, detail: { day, digests: digests.size, escalations: escalated } }, at);
      return { day, claimed: true, digests: digests.size, escalations: escalated };
    });
    sender.kick();
    return result;
  }

  return {
    run,
    /** At start: run today's reminders if their hour has passed and no run has claimed today yet. */
    catchUp: async (): Promise<DailyRunResult | null> => (localHour(now()) >= mailLimits.remindersHour ? run() : null),
  };
}
export type DailyReminders = ReturnType<typeof createDailyReminders>;

/** What the minutes page shows a coordinator: who gets which extract, what was sent, its delivery and first open. */
import type { CirculationRecipientView, CirculationView } from '../../../shared/circulation.js';
import type { Actor } from '../../policies/index.js';
import type { CirculationRepo } from '../../db/circulation-repo.js';
import type { CirculationDeps } from './deps.js';
import { circulationPlan } from './plan.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(row: ReturnType<CirculationRepo['listForMeeting']>[number]): CirculationRecipientView {
  return {
    id: row.id,
    emailId: row.outboxId,
    version: row.version,
    agency: row.agencyName,
    person: { id: row.personId, name: row.personName },
    delivery: row.delivery,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: iso(row.expiresAt),
    firstOpenedAt: iso(row.firstOpenedAt),
    opens: row.opens,
    status: { state: row.state, attempts: row.attempts, lastError: row.lastError, sentAt: iso(row.sentAt), nextAttemptAt: row.state === 'queued' ? iso(row.nextAttemptAt) : null },
  };
}

export function circulationStatus(deps: CirculationDeps) {
  const { policies, minutes, circulation, sender } = deps;
  return async (actor: Actor | null, meetingId: string, version?: number): Promise<CirculationView> => {
    const { seriesId } = policies.meetingAccess(actor, meetingId, 'circulateMinutes');
    const view = await minutes.view(meetingId, version);
    const sent = circulation.listForMeeting(meetingId).map(present);
    return {
      configured: sender.configured,
      latestVersion: (await minutes.versions(meetingId))[0]?.version ?? view.version.number,
      plan: circulationPlan(view, circulation.readersOf(seriesId)),
      sent,
      problems: sent.filter((s) => s.status.state !== 'sent' && s.status.attempts > 0),
    };
  };
}

/** "Retry now" on the delivery problems: queues this meeting's unsent emails (or the chosen ones) for now. */
export function retryDeliveries(deps: CirculationDeps) {
  const { sqlite, policies, circulation, outbox, audit, sender, now } = deps;
  return (actor: Actor | null, meetingId: string, emailIds: string[] | undefined, ip: string | null): { queued: number } => {
    policies.meetingAccess(actor, meetingId, 'circulateMinutes');
    const queued = sqlite.transaction(() => {
      const n = outbox.retryNow(circulation.outboxIdsOfMeeting(meetingId, emailIds), now());
      audit.record({ actorId: actor!.id, action: 'minutes.circulate.retry', targetType: 'meeting', targetId: meetingId, detail: { queued: n }, ip });
      return n;
    })();
    sender.kick();
    return { queued };
  };
}

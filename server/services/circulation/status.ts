/** What the minutes page shows a coordinator: who gets which extract, what was sent, its delivery and first open. */
import type { CirculationRecipientView, CirculationView } from '../../../shared/circulation.js';
import type { Actor } from '../../policies/index.js';
import type { SentExtractRow } from '../../db/stores/circulation.js';
import type { CirculationDeps } from './deps.js';
import { circulationPlan } from './plan.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(row: SentExtractRow): CirculationRecipientView {
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
  const { storage, policies, minutes, sender } = deps;
  const { circulation } = storage.stores;
  return async (actor: Actor | null, meetingId: string, version?: number): Promise<CirculationView> => {
    const { seriesId } = await policies.meetingAccess(actor, meetingId, 'circulateMinutes');
    const view = await minutes.view(meetingId, version);
    const sent = (await circulation.listForMeeting(meetingId)).map(present);
    return {
      configured: sender.configured,
      latestVersion: (await minutes.versions(meetingId))[0]?.version ?? view.version.number,
      plan: circulationPlan(view, await circulation.readersOf(seriesId)),
      sent,
      problems: sent.filter((s) => s.status.state !== 'sent' && s.status.attempts > 0),
    };
  };
}

/** "Retry now" on the delivery problems: queues this meeting's unsent emails (or the chosen ones) for now. */
export function retryDeliveries(deps: CirculationDeps) {
  const { storage, policies, sender, now } = deps;
  return async (actor: Actor | null, meetingId: string, emailIds: string[] | undefined, ip: string | null): Promise<{ queued: number }> => {
    await policies.meetingAccess(actor, meetingId, 'circulateMinutes');
    const queued = await storage.transaction(async (s) => {
      const at = now();
      const n = await s.outbox.retryNow(await s.circulation.outboxIdsOfMeeting(meetingId, emailIds), at);
      await s.audit.record({ actorId: actor!.id, action: 'minutes.circulate.retry', targetType: 'meeting', targetId: meetingId, detail: { queued: n }, ip }, at);
      return n;
    });
    sender.kick();
    return { queued };
  };
}

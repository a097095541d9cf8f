/** Cancels a meeting still to come. It is kept, with why, and shown as cancelled; calendars receive a cancellation. */
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { queueInvites, sendInvites } from './invites.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkStillScheduled } from './rules.js';
import { meetingInSeries } from './rescheduleMeeting.js';

export async function cancelMeeting(deps: SeriesDeps, actor: Actor | null, meetingId: string, reason: string, ip: string | null): Promise<{ meeting: SeriesMeetingView; changed: string[] }> {
  const who = deps.policies.requireActor(actor);
  await deps.policies.authoriseMeeting(who, meetingId, 'schedule');
  const now = deps.now();
  const view = await inTransaction(deps, async (s) => {
    const { meeting, series } = await meetingInSeries(s, meetingId);
    checkArchived(series);
    checkStillScheduled(meeting, 'cancelled', 'reason');
    await s.series.updateMeeting(meetingId, { status: 'cancelled', cancelledAt: now, cancelReason: reason, cancelledBy: who.id, sequence: meeting.sequence + 1 });
    const invites = await queueInvites(deps, s, [meetingId], 'cancelled');
    // The reason is free text and may name people: it stays on the meeting, not in the audit log.
    await auditRow(deps, s, { actorId: who.id, action: 'meeting.cancel', targetType: 'meeting', targetId: meetingId, detail: { scheduledAt: new Date(meeting.scheduledAt).toISOString(), invites }, ip });
    return presentSeriesMeeting((await s.series.findMeeting(meetingId))!, series.name);
  });
  sendInvites(deps);
  return { meeting: view, changed: ['status', 'cancelReason'] };
}

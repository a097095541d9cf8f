/** Cancels a meeting still to come. It is kept, with why, and shown as cancelled; calendars receive a cancellation. */
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { queueInvites, sendInvites } from './invites.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkStillScheduled } from './rules.js';
import { meetingInSeries } from './rescheduleMeeting.js';

export function cancelMeeting(deps: SeriesDeps, actor: Actor | null, meetingId: string, reason: string, ip: string | null): { meeting: SeriesMeetingView; changed: string[] } {
  const who = deps.policies.requireActor(actor);
  deps.policies.authoriseMeeting(who, meetingId, 'schedule');
  const { meeting, series } = meetingInSeries(deps, meetingId);
  checkArchived(series);
  checkStillScheduled(meeting, 'cancelled', 'reason');
  const now = deps.now();
  inTransaction(deps, () => {
    deps.repo.updateMeeting(meetingId, { status: 'cancelled', cancelledAt: now, cancelReason: reason, cancelledBy: who.id, sequence: meeting.sequence + 1 });
    // The reason is free text and may name people: it stays on the meeting, not in the audit log.
    auditRow(deps, { actorId: who.id, action: 'meeting.cancel', targetType: 'meeting', targetId: meetingId, detail: { scheduledAt: new Date(meeting.scheduledAt).toISOString(), invites: queueInvites(deps, [meetingId], 'cancelled') }, ip });
  });
  sendInvites(deps);
  return { meeting: presentSeriesMeeting(deps.repo.findMeeting(meetingId)!, series.name), changed: ['status', 'cancelReason'] };
}

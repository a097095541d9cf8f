/** Moves a meeting still to come. Calendars see a new SEQUENCE, so invites already sent update in place. */
import { msg } from '../../../shared/i18n/message.js';
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { queueInvites, sendInvites } from './invites.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkStart, checkStillScheduled, throwIfAny } from './rules.js';

export function meetingInSeries(deps: SeriesDeps, meetingId: string) {
  const meeting = deps.repo.findMeeting(meetingId);
  if (!meeting) throw new AppError('not_found', msg('series:errors.noSuchMeeting'));
  return { meeting, series: deps.repo.find(meeting.seriesId)! };
}

export function rescheduleMeeting(deps: SeriesDeps, actor: Actor | null, meetingId: string, startsAt: string, ip: string | null): { meeting: SeriesMeetingView; changed: string[] } {
  const who = deps.policies.requireActor(actor);
  deps.policies.authoriseMeeting(who, meetingId, 'schedule');
  const { meeting, series } = meetingInSeries(deps, meetingId);
  checkArchived(series);
  checkStillScheduled(meeting, 'rescheduled', 'startsAt');
  const at = Date.parse(startsAt);
  const fields: FieldErrors = {};
  checkStart(deps.repo, series.id, at, deps.now(), fields, meetingId);
  throwIfAny(fields);
  inTransaction(deps, () => {
    deps.repo.updateMeeting(meetingId, { scheduledAt: at, sequence: meeting.sequence + 1 });
    auditRow(deps, {
      actorId: who.id,
      action: 'meeting.reschedule',
      targetType: 'meeting',
      targetId: meetingId,
      detail: { from: new Date(meeting.scheduledAt).toISOString(), to: new Date(at).toISOString(), invites: queueInvites(deps, [meetingId], 'rescheduled') },
      ip,
    });
  });
  sendInvites(deps);
  return { meeting: presentSeriesMeeting(deps.repo.findMeeting(meetingId)!, series.name), changed: ['startsAt'] };
}

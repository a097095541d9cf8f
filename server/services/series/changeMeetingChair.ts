/** Another member chairs one meeting (the default chair is away): the role follows for that meeting only. */
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { accessChangedFor, auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkMeetingChair, checkStillScheduled, throwIfAny } from './rules.js';
import { meetingInSeries } from './rescheduleMeeting.js';

/** The checks alone, so a request that also reschedules can be refused before either change is written. */
export function checkChairChange(deps: SeriesDeps, actor: Actor | null, meetingId: string, chairId: string): void {
  deps.policies.authoriseMeeting(actor, meetingId, 'schedule');
  const { meeting, series } = meetingInSeries(deps, meetingId);
  checkArchived(series);
  checkStillScheduled(meeting, 'rechaired', 'chairId', true);
  const fields: FieldErrors = {};
  checkMeetingChair(deps.repo, series.id, chairId, fields);
  throwIfAny(fields);
}

export function changeMeetingChair(deps: SeriesDeps, actor: Actor | null, meetingId: string, chairId: string, ip: string | null): { meeting: SeriesMeetingView; changed: string[] } {
  checkChairChange(deps, actor, meetingId, chairId);
  const { meeting, series } = meetingInSeries(deps, meetingId);
  inTransaction(deps, () => {
    deps.repo.updateMeeting(meetingId, { chairId });
    auditRow(deps, { actorId: actor!.id, action: 'meeting.chair.change', targetType: 'meeting', targetId: meetingId, detail: { from: meeting.chairId, to: chairId }, ip });
  });
  // The former chair loses the chair commands and the restricted notes of this meeting at once.
  accessChangedFor(deps, [meeting.chairId, chairId]);
  return { meeting: presentSeriesMeeting(deps.repo.findMeeting(meetingId)!, series.name), changed: ['chairId'] };
}

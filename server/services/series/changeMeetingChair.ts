/** Another member chairs one meeting (the default chair is away): the role follows for that meeting only. */
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { Stores } from '../../db/stores/index.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { accessChangedFor, auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkMeetingChair, checkStillScheduled, throwIfAny } from './rules.js';
import { meetingInSeries } from './rescheduleMeeting.js';

/** The checks alone, so a request that also reschedules can be refused before either change is written. */
export async function checkChairChange(deps: SeriesDeps, actor: Actor | null, meetingId: string, chairId: string, s: Stores = deps.storage.stores) {
  await deps.policies.authoriseMeeting(actor, meetingId, 'schedule');
  const found = await meetingInSeries(s, meetingId);
  checkArchived(found.series);
  checkStillScheduled(found.meeting, 'rechaired', 'chairId', true);
  const fields: FieldErrors = {};
  await checkMeetingChair(s.series, found.series.id, chairId, fields);
  throwIfAny(fields);
  return found;
}

/** The chair change's checks and write inside the caller's transaction; the meeting as it now stands, and who chaired. */
export async function rechairIn(deps: SeriesDeps, s: Stores, actor: Actor | null, meetingId: string, chairId: string, ip: string | null) {
  const { meeting, series } = await checkChairChange(deps, actor, meetingId, chairId, s);
  await s.series.updateMeeting(meetingId, { chairId });
  await auditRow(deps, s, { actorId: actor!.id, action: 'meeting.chair.change', targetType: 'meeting', targetId: meetingId, detail: { from: meeting.chairId, to: chairId }, ip });
  return { view: presentSeriesMeeting((await s.series.findMeeting(meetingId))!, series.name), from: meeting.chairId };
}

export async function changeMeetingChair(deps: SeriesDeps, actor: Actor | null, meetingId: string, chairId: string, ip: string | null): Promise<{ meeting: SeriesMeetingView; changed: string[] }> {
  const { view, from } = await inTransaction(deps, (s) => rechairIn(deps, s, actor, meetingId, chairId, ip));
  // The former chair loses the chair commands and the restricted notes of this meeting at once.
  await accessChangedFor(deps, [from, chairId]);
  return { meeting: view, changed: ['chairId'] };
}

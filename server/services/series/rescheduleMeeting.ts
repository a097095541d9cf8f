/** Moves a meeting still to come. Calendars see a new SEQUENCE, so invites already sent update in place. */
import { msg } from '../../../shared/i18n/message.js';
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { Stores } from '../../db/stores/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { queueInvites, sendInvites } from './invites.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkStart, checkStillScheduled, throwIfAny } from './rules.js';

export async function meetingInSeries(s: Stores, meetingId: string) {
  const meeting = await s.series.findMeeting(meetingId);
  if (!meeting) throw new AppError('not_found', msg('series:errors.noSuchMeeting'));
  return { meeting, series: (await s.series.find(meeting.seriesId))! };
}

/** The reschedule's reads, checks and writes inside the caller's transaction; the meeting as it now stands. */
export async function rescheduleIn(deps: SeriesDeps, s: Stores, who: Actor, meetingId: string, startsAt: string, ip: string | null): Promise<SeriesMeetingView> {
  const at = Date.parse(startsAt);
  const { meeting, series } = await meetingInSeries(s, meetingId);
  checkArchived(series);
  checkStillScheduled(meeting, 'rescheduled', 'startsAt');
  const fields: FieldErrors = {};
  await checkStart(s.series, series.id, at, deps.now(), fields, meetingId);
  throwIfAny(fields);
  await s.series.updateMeeting(meetingId, { scheduledAt: at, sequence: meeting.sequence + 1 });
  const invites = await queueInvites(deps, s, [meetingId], 'rescheduled');
  await auditRow(deps, s, {
    actorId: who.id,
    action: 'meeting.reschedule',
    targetType: 'meeting',
    targetId: meetingId,
    detail: { from: new Date(meeting.scheduledAt).toISOString(), to: new Date(at).toISOString(), invites },
    ip,
  });
  return presentSeriesMeeting((await s.series.findMeeting(meetingId))!, series.name);
}

export async function rescheduleMeeting(deps: SeriesDeps, actor: Actor | null, meetingId: string, startsAt: string, ip: string | null): Promise<{ meeting: SeriesMeetingView; changed: string[] }> {
  const who = deps.policies.requireActor(actor);
  await deps.policies.authoriseMeeting(who, meetingId, 'schedule');
  const view = await inTransaction(deps, (s) => rescheduleIn(deps, s, who, meetingId, startsAt, ip));
  sendInvites(deps);
  return { meeting: view, changed: ['startsAt'] };
}

/**
 * At a later meeting of the series its chair agrees the previous minutes as a correct record — as they stand, or
 * with amendments, which go through the minutes' own amendment path first (a new version with who, when and why),
 * all in one transaction. From then on every export of that version says "Agreed as a correct record on …".
 */
import type { MinutesAmendment } from '../../../shared/api-schemas.js';
import { AppError, invalidFields, msg } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';

export interface AgreedMinutes {
  meetingId: string;
  version: number;
  agreedAt: string;
  agreedBy: string;
  atMeetingId: string;
  amended: boolean;
}

export async function agreeMinutes(
  deps: SeriesDeps,
  actor: Actor | null,
  meetingId: string,
  request: { atMeetingId: string; amendment?: MinutesAmendment },
  ip: string | null,
): Promise<{ agreed: AgreedMinutes }> {
  const { status } = await deps.policies.meetingAccess(actor, request.atMeetingId, 'chair');
  const chair = actor!;
  const now = deps.now();
  // The checks read inside the transaction, so two chairs agreeing at once cannot both pass "not agreed yet". The
  // amendment (the minutes' own command) joins this transaction: agreed with its new version, or neither.
  const version = await inTransaction(deps, async (s) => {
    const at = (await s.series.findMeeting(request.atMeetingId))!;
    const target = await s.series.findMeeting(meetingId);
    if (!target) throw new AppError('not_found', msg('errors:noSuchMeeting'));
    if (target.seriesId !== at.seriesId || target.scheduledAt >= at.scheduledAt) {
      throw invalidFields({ atMeetingId: msg('errors:minutesAreAgreedAtALater') });
    }
    if (status !== 'live') throw new AppError('conflict', msg('errors:openTheMeetingFirstMinutesAre'));
    if (target.minutesAgreedAt !== null) throw new AppError('conflict', msg('errors:theseMinutesHaveAlreadyBeenAgreed'));
    const latest = await s.series.latestMinutesVersion(meetingId);
    if (latest === null) throw new AppError('conflict', msg('errors:thatMeetingHasNoMinutesYet'));
    const version = request.amendment ? (await deps.minutes.amend(meetingId, chair, request.amendment)).version : latest;
    await s.series.updateMeeting(meetingId, { minutesAgreedAt: now, minutesAgreedBy: chair.id, minutesAgreedIn: request.atMeetingId, minutesAgreedVersion: version });
    await auditRow(deps, s, {
      actorId: chair.id,
      action: 'minutes.agree',
      targetType: 'meeting',
      targetId: meetingId,
      detail: { version, atMeetingId: request.atMeetingId, amended: request.amendment !== undefined },
      ip,
    });
    return version;
  });
  return { agreed: { meetingId, version, agreedAt: new Date(now).toISOString(), agreedBy: chair.name, atMeetingId: request.atMeetingId, amended: request.amendment !== undefined } };
}

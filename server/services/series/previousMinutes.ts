/**
 * "Minutes of the last meeting": the latest earlier meeting of the series that has minutes, with a summary and
 * whether they are agreed, for the standing item of that name. Read-only; agreeing is `agreeMinutes`.
 */
import type { PreviousMinutesView } from '../../../shared/api-types.js';
import { recordStatus } from '../../../shared/minutes-house-style.js';
import type { Actor } from '../../policies/index.js';
import { minutesWords } from '../../presenters/minutes/words.js';
import type { SeriesDeps } from './deps.js';

export async function previousMinutes(deps: SeriesDeps, actor: Actor | null, meetingId: string): Promise<{ previous: PreviousMinutesView | null }> {
  const { grant, status } = await deps.policies.meetingAccess(actor, meetingId, 'viewMinutes');
  const store = deps.storage.stores.series;
  const meeting = (await store.findMeeting(meetingId))!;
  const previous = await store.previousWithMinutes(meeting.seriesId, meeting.scheduledAt);
  if (!previous) return { previous: null };
  const view = await deps.minutes.view(previous.id);
  return {
    previous: {
      meetingId: previous.id,
      heldAt: view.meeting.heldAt,
      version: view.version.number,
      status: recordStatus(minutesWords(actor?.language ?? 'en'), view),
      agreed: previous.minutesAgreedAt !== null,
      summary: {
        items: view.items.length,
        decisions: view.items.filter((i) => i.decision).length,
        actions: view.items.reduce((n, i) => n + i.actions.length, 0),
        present: view.attendance.present.length,
      },
      // Only this meeting's chair agrees them, at the meeting, once.
      canAgree: grant.meetingChair && status === 'live' && previous.minutesAgreedAt === null,
    },
  };
}

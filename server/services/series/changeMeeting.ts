/**
 * One request that moves a meeting and names another chair for it: both in one transaction, so a refused chair
 * never leaves a half-done reschedule (the chair is checked first, so its refusal is the one reported).
 */
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import type { Actor } from '../../policies/index.js';
import { accessChangedFor, inTransaction, type SeriesDeps } from './deps.js';
import { checkChairChange, rechairIn } from './changeMeetingChair.js';
import { sendInvites } from './invites.js';
import { rescheduleIn } from './rescheduleMeeting.js';

export async function changeMeeting(
  deps: SeriesDeps,
  actor: Actor | null,
  meetingId: string,
  change: { startsAt?: string; chairId?: string },
  ip: string | null,
): Promise<{ meeting: SeriesMeetingView; changed: string[] }> {
  const who = deps.policies.requireActor(actor);
  await deps.policies.authoriseMeeting(who, meetingId, 'schedule');
  const { startsAt, chairId } = change;
  const { moved, rechaired } = await inTransaction(deps, async (s) => {
    if (chairId !== undefined) await checkChairChange(deps, who, meetingId, chairId, s);
    const moved = startsAt !== undefined ? await rescheduleIn(deps, s, who, meetingId, startsAt, ip) : null;
    const rechaired = chairId !== undefined ? await rechairIn(deps, s, who, meetingId, chairId, ip) : null;
    return { moved, rechaired };
  });
  // After the commit: calendars hear of the move; the former chair loses the chair commands at once.
  if (moved) sendInvites(deps);
  if (rechaired) await accessChangedFor(deps, [rechaired.from, chairId]);
  return { meeting: (rechaired?.view ?? moved)!, changed: [...(moved ? ['startsAt'] : []), ...(rechaired ? ['chairId'] : [])] };
}

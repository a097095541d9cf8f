/** The coordinator publishes a meeting's agenda: from now on each agency adds its research on the cases on it. */
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import type { CasesDeps } from './deps.js';
import { caseRefsOnAgenda } from './queries.js';

export async function publishAgenda(deps: CasesDeps, actor: Actor | null, meetingId: string, ip: string | null) {
  const { status } = await deps.policies.meetingAccess(actor, meetingId, 'runQueue');
  if (status !== 'scheduled') throw new AppError('conflict', msg('cases:errors.onlyUpcomingAgenda'));
  const caseRefs = (await caseRefsOnAgenda(deps, meetingId)).map((c) => c.ref);
  const at = deps.now();
  await deps.storage.transaction(async (s) => {
    await s.cases.publish(meetingId, actor!.id, at);
    await s.audit.record({ actorId: actor!.id, action: 'agenda.publish', targetType: 'meeting', targetId: meetingId, detail: { cases: caseRefs.length }, ip }, at);
  });
  return { publishedAt: new Date(at).toISOString(), caseRefs };
}

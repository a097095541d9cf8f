/** The coordinator publishes a meeting's agenda: from now on each agency adds its research on the cases on it. */
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import type { CasesDeps } from './deps.js';
import { caseRefsOnAgenda } from './queries.js';

export function publishAgenda(deps: CasesDeps, actor: Actor | null, meetingId: string, ip: string | null) {
  const { status } = deps.policies.meetingAccess(actor, meetingId, 'runQueue');
  if (status !== 'scheduled') throw new AppError('conflict', msg('cases:errors.onlyUpcomingAgenda'));
  const caseRefs = caseRefsOnAgenda(deps, meetingId).map((c) => c.ref);
  const at = deps.now();
  deps.repo.transaction(() => {
    deps.repo.publish(meetingId, actor!.id, at);
    deps.audit.record({ actorId: actor!.id, action: 'agenda.publish', targetType: 'meeting', targetId: meetingId, detail: { cases: caseRefs.length }, ip });
  });
  return { publishedAt: new Date(at).toISOString(), caseRefs };
}

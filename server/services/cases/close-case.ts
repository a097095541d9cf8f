/** Closing a case records why and when; reopening is a new referral. */
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { caseByRef, type CasesDeps } from './deps.js';

export function closeCase(deps: CasesDeps, actor: Actor | null, ref: string, reason: string, ip: string | null) {
  deps.policies.requireActor(actor);
  const found = caseByRef(deps, ref, 'path');
  deps.policies.authoriseSeries(actor, found.seriesId, 'runQueue');
  if (found.status !== 'open' && found.status !== 'referred') throw new AppError('conflict', msg('cases:errors.caseIs', { status: msg(`cases:status.case.${found.status}`) }));
  const at = deps.now();
  deps.repo.transaction(() => {
    deps.repo.updateCase(found.id, { status: 'closed', closedAt: at, closedReason: reason, closedBy: actor!.id, updatedAt: at });
    deps.audit.record({ actorId: actor!.id, action: 'case.close', targetType: 'case', targetId: found.ref, detail: null, ip });
  });
  return { ref: found.ref, status: 'closed' as const, closed: { at: new Date(at).toISOString(), reason } };
}

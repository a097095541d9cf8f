/** Closing a case records why and when; reopening is a new referral. */
import { msg } from '../../../shared/i18n/message.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { caseByRef, type CasesDeps } from './deps.js';

export async function closeCase(deps: CasesDeps, actor: Actor | null, ref: string, reason: string, ip: string | null) {
  deps.policies.requireActor(actor);
  const seen = await caseByRef(deps, ref, 'path');
  await deps.policies.authoriseSeries(actor, seen.seriesId, 'runQueue');
  const at = deps.now();
  const found = await deps.storage.transaction(async (s) => {
    // Checked inside the transaction: a referral accepted or matched meanwhile may have changed the case.
    const current = await caseByRef(deps, ref, 'path', s);
    if (current.status !== 'open' && current.status !== 'referred') throw new AppError('conflict', msg('cases:errors.caseIs', { status: msg(`cases:status.case.${current.status}`) }));
    await s.cases.updateCase(current.id, { status: 'closed', closedAt: at, closedReason: reason, closedBy: actor!.id, updatedAt: at });
    await s.audit.record({ actorId: actor!.id, action: 'case.close', targetType: 'case', targetId: current.ref, detail: null, ip }, at);
    return current;
  });
  return { ref: found.ref, status: 'closed' as const, closed: { at: new Date(at).toISOString(), reason } };
}

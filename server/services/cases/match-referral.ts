/**
 * The coordinator matches a referral to an earlier case. The server alone decides whether it is a repeat referral:
 * the earlier case was referred or closed within the repeat window before this referral. The reference issued with
 * the referral is retired ("merged"), never reused.
 */
import { msg } from '../../../shared/i18n/message.js';
import { withinRepeatWindow } from '../../../shared/domain.js';
import { invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { caseByRef, type CasesDeps, openReferralIn, referralFor, referralView, requireOpen } from './deps.js';

export async function matchReferral(deps: CasesDeps, actor: Actor | null, referralId: string, caseRef: string, ip: string | null) {
  const { referral: seen } = await referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(seen);
  await caseByRef(deps, caseRef, 'field');
  const at = deps.now();
  // Every check again inside the transaction, on what it reads: the referral or the case may have changed since.
  await deps.storage.transaction(async (s) => {
    const referral = await openReferralIn(s, seen.id);
    const target = await caseByRef(deps, caseRef, 'field', s);
    if (target.seriesId !== referral.seriesId) throw invalidFields({ caseRef: msg('cases:errors.noCaseWithRef', { ref: caseRef }) });
    if (target.status === 'merged') throw invalidFields({ caseRef: msg('cases:errors.mergedElsewhere', { ref: caseRef }) });
    if (target.id === referral.caseId) throw invalidFields({ caseRef: msg('cases:errors.alreadyOn', { ref: caseRef }) });

    const earlierReferredAt = (await s.cases.referralsOfCases([target.id]))
      .filter((r) => r.id !== referral.id && withinRepeatWindow(r.createdAt, referral.createdAt))
      .map((r) => r.createdAt)
      .sort((a, b) => b - a);
    const earlierClosedAt = target.closedAt !== null && withinRepeatWindow(target.closedAt, referral.createdAt) ? target.closedAt : null;
    const repeat = earlierReferredAt.length > 0 || earlierClosedAt !== null;
    await s.cases.updateReferral(referral.id, { caseId: target.id, repeat, earlierReferredAt, earlierClosedAt, updatedAt: at });
    const previous = await s.cases.caseById(referral.caseId);
    if (previous && previous.id === referral.issuedCaseId && previous.status === 'referred') {
      await s.cases.updateCase(previous.id, { status: 'merged', mergedIntoId: target.id, updatedAt: at });
    }
    await s.audit.record({ actorId: actor!.id, action: 'referral.match', targetType: 'referral', targetId: referral.id, detail: { caseRef: target.ref, repeat }, ip }, at);
  });
  return referralView(deps, seen.id);
}

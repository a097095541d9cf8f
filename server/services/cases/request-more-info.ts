/** The coordinator sends a referral back to its referrer with a question. */
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, openReferralIn, referralFor, referralView, requireOpen } from './deps.js';

export async function requestMoreInfo(deps: CasesDeps, actor: Actor | null, referralId: string, message: string, ip: string | null) {
  const { referral: seen } = await referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(seen);
  const at = deps.now();
  await deps.storage.transaction(async (s) => {
    const referral = await openReferralIn(s, seen.id);
    await s.cases.updateReferral(referral.id, {
      state: 'more-info-requested',
      stateMessage: message,
      infoExchanges: [...referral.infoExchanges, { request: message, response: null, requestedAt: at, respondedAt: null }],
      updatedAt: at,
    });
    await s.audit.record({ actorId: actor!.id, action: 'referral.request-info', targetType: 'referral', targetId: referral.id, detail: null, ip }, at);
  });
  return referralView(deps, seen.id);
}

/** The coordinator sends a referral back to its referrer with a question. */
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, presentReferrals, referralFor, requireOpen } from './deps.js';

export function requestMoreInfo(deps: CasesDeps, actor: Actor | null, referralId: string, message: string, ip: string | null) {
  const { referral } = referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(referral);
  const at = deps.now();
  deps.repo.transaction(() => {
    deps.repo.updateReferral(referral.id, {
      state: 'more-info-requested',
      stateMessage: message,
      infoExchanges: [...referral.infoExchanges, { request: message, response: null, requestedAt: at, respondedAt: null }],
      updatedAt: at,
    });
    deps.audit.record({ actorId: actor!.id, action: 'referral.request-info', targetType: 'referral', targetId: referral.id, detail: null, ip });
  });
  return presentReferrals(deps, [deps.repo.referral(referral.id)!])[0];
}

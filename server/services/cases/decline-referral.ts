/** The coordinator declines a referral with a reason; a case known only from it is closed with that reason. */
import { msg } from '../../../shared/i18n/message.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, presentReferrals, referralFor, requireOpen } from './deps.js';

export function declineReferral(deps: CasesDeps, actor: Actor | null, referralId: string, reason: string, ip: string | null) {
  const { referral } = referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(referral);
  const at = deps.now();
  deps.repo.transaction(() => {
    deps.repo.updateReferral(referral.id, { state: 'declined', stateMessage: reason, decidedBy: actor!.id, decidedAt: at, updatedAt: at });
    const current = deps.repo.caseById(referral.caseId);
    if (current?.status === 'referred') {
      // Stored words, not a message: the record reads the same to everyone (in English, like the demo records).
      // Stored as a catalogue message: each reader gets "Referral declined: …" in their language.
      deps.repo.updateCase(current.id, { status: 'closed', closedAt: at, closedReason: msg('cases:declinedReason', { reason }), closedBy: actor!.id, updatedAt: at });
    }
    deps.audit.record({ actorId: actor!.id, action: 'referral.decline', targetType: 'referral', targetId: referral.id, detail: null, ip });
  });
  return presentReferrals(deps, [deps.repo.referral(referral.id)!])[0];
}

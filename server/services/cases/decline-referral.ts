/** The coordinator declines a referral with a reason; a case known only from it is closed with that reason. */
import { msg } from '../../../shared/i18n/message.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, openReferralIn, referralFor, referralView, requireOpen } from './deps.js';

export async function declineReferral(deps: CasesDeps, actor: Actor | null, referralId: string, reason: string, ip: string | null) {
  const { referral: seen } = await referralFor(deps, actor, referralId, 'runQueue');
  requireOpen(seen);
  const at = deps.now();
  await deps.storage.transaction(async (s) => {
    const referral = await openReferralIn(s, seen.id);
    await s.cases.updateReferral(referral.id, { state: 'declined', stateMessage: reason, decidedBy: actor!.id, decidedAt: at, updatedAt: at });
    const current = await s.cases.caseById(referral.caseId);
    if (current?.status === 'referred') {
      // Stored words, not a message: the record reads the same to everyone (in English, like the demo records).
      // Stored as a catalogue message: each reader gets "Referral declined: …" in their language.
      await s.cases.updateCase(current.id, { status: 'closed', closedAt: at, closedReason: msg('cases:declinedReason', { reason }), closedBy: actor!.id, updatedAt: at });
    }
    await s.audit.record({ actorId: actor!.id, action: 'referral.decline', targetType: 'referral', targetId: referral.id, detail: null, ip }, at);
  });
  return referralView(deps, seen.id);
}

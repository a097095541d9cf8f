/** The referrer answers the coordinator's question (and may correct consent); the referral goes back to the queue. */
import { msg } from '../../../shared/i18n/message.js';
import { needsLawfulBasis, type ConsentStatus } from '../../../shared/domain.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, presentReferrals, referralFor } from './deps.js';

export function provideMoreInfo(
  deps: CasesDeps,
  actor: Actor | null,
  referralId: string,
  input: { message: string; consent?: ConsentStatus; lawfulBasis?: string },
  ip: string | null,
) {
  const { referral } = referralFor(deps, actor, referralId, 'refer');
  if (referral.state !== 'more-info-requested') throw new AppError('conflict', msg('cases:errors.noInfoAsked'));
  const consent = input.consent ?? referral.fields.consent;
  const lawfulBasis = input.lawfulBasis ?? referral.fields.lawfulBasis;
  if (needsLawfulBasis(consent) && lawfulBasis.trim().length < 3) throw invalidFields({ lawfulBasis: msg('cases:errors.lawfulBasis') });
  const at = deps.now();
  const exchanges = referral.infoExchanges.map((e, i, all) => (i === all.length - 1 ? { ...e, response: input.message, respondedAt: at } : e));
  deps.repo.transaction(() => {
    deps.repo.updateReferral(referral.id, { state: 'pending', stateMessage: null, infoExchanges: exchanges, fields: { ...referral.fields, consent, lawfulBasis }, updatedAt: at });
    // A case known only from this referral takes the corrected consent; an earlier case changes when accepted.
    const current = deps.repo.caseById(referral.caseId);
    if (current?.status === 'referred') deps.repo.updateCase(current.id, { consent, lawfulBasis, updatedAt: at });
    deps.audit.record({ actorId: actor!.id, action: 'referral.provide-info', targetType: 'referral', targetId: referral.id, detail: null, ip });
  });
  return presentReferrals(deps, [deps.repo.referral(referral.id)!])[0];
}

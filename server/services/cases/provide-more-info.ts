/** The referrer answers the coordinator's question (and may correct consent); the referral goes back to the queue. */
import { msg } from '../../../shared/i18n/message.js';
import { needsLawfulBasis, type ConsentStatus } from '../../../shared/domain.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, referralFor, referralView } from './deps.js';

export async function provideMoreInfo(
  deps: CasesDeps,
  actor: Actor | null,
  referralId: string,
  input: { message: string; consent?: ConsentStatus; lawfulBasis?: string },
  ip: string | null,
) {
  const at = deps.now();
  await deps.storage.transaction(async (s) => {
    // Read and checked inside the transaction: the coordinator may have decided the referral meanwhile.
    const { referral } = await referralFor(deps, actor, referralId, 'refer', s);
    if (referral.state !== 'more-info-requested') throw new AppError('conflict', msg('cases:errors.noInfoAsked'));
    const consent = input.consent ?? referral.fields.consent;
    const lawfulBasis = input.lawfulBasis ?? referral.fields.lawfulBasis;
    if (needsLawfulBasis(consent) && lawfulBasis.trim().length < 3) throw invalidFields({ lawfulBasis: msg('cases:errors.lawfulBasis') });
    const exchanges = referral.infoExchanges.map((e, i, all) => (i === all.length - 1 ? { ...e, response: input.message, respondedAt: at } : e));
    await s.cases.updateReferral(referral.id, { state: 'pending', stateMessage: null, infoExchanges: exchanges, fields: { ...referral.fields, consent, lawfulBasis }, updatedAt: at });
    // A case known only from this referral takes the corrected consent; an earlier case changes when accepted.
    const current = await s.cases.caseById(referral.caseId);
    if (current?.status === 'referred') await s.cases.updateCase(current.id, { consent, lawfulBasis, updatedAt: at });
    await s.audit.record({ actorId: actor!.id, action: 'referral.provide-info', targetType: 'referral', targetId: referral.id, detail: null, ip }, at);
  });
  return referralView(deps, referralId);
}

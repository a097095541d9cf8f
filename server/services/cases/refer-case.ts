/** A member agency refers a case: the server issues its pseudonymous reference and queues the referral. */
import { msg } from '../../../shared/i18n/message.js';
import type { ReferralInput } from '../../../shared/api-schemas.js';
import { caseRefPrefixFor, formatCaseRef } from '../../../shared/domain.js';
import { newId } from '../../../shared/ids.js';
import { invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { type CasesDeps, referralView } from './deps.js';

export async function referCase(deps: CasesDeps, actor: Actor | null, seriesId: string, input: ReferralInput, ip: string | null) {
  const { storage, policies, now } = deps;
  await policies.authoriseSeries(actor, seriesId, 'refer');
  const series = (await storage.stores.cases.series(seriesId))!;
  const problems: Record<string, string> = {};
  if (series.archived) problems.seriesId = msg('cases:errors.seriesArchived');
  if (!(await storage.stores.cases.agency(input.agencyId))) problems.agencyId = msg('cases:errors.noSuchAgency');
  if (Object.keys(problems).length) throw invalidFields(problems);

  const at = now();
  const prefix = series.caseRefPrefix ?? caseRefPrefixFor(series.name);
  const year = new Date(at).getUTCFullYear();
  const caseId = newId();
  const referralId = newId();
  const { reason, urgent, agencyId, ...fields } = input;
  // Allocation and both inserts in one command transaction, serialised with every other command (SQLite: BEGIN
  // IMMEDIATE; PostgreSQL: the command lock, plus a lock on (prefix, year) in nextSeq): no other writer can take the
  // same number, and the unique index on (prefix, year, seq) would refuse it if one did.
  const ref = await storage.transaction(async (s) => {
    const seq = await s.cases.nextSeq(prefix, year);
    const issued = formatCaseRef(prefix, year, seq);
    await s.cases.insertCase({ id: caseId, seriesId, ref: issued, prefix, year, seq, status: 'referred', referringAgencyId: agencyId, ...fields, createdAt: at, updatedAt: at });
    await s.cases.insertReferral({
      id: referralId,
      seriesId,
      caseId,
      issuedCaseId: caseId,
      referrerId: actor!.id,
      agencyId,
      reason,
      urgent,
      fields,
      state: 'pending',
      infoExchanges: [],
      earlierReferredAt: [],
      createdAt: at,
      updatedAt: at,
    });
    await s.audit.record({ actorId: actor!.id, action: 'referral.create', targetType: 'referral', targetId: referralId, detail: { caseRef: issued, seriesId, urgent }, ip }, at);
    return issued;
  });
  return { ref, referral: await referralView(deps, referralId) };
}

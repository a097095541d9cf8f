/** What every case command and query is given, and the helpers they share. */
import { msg } from '../../../shared/i18n/message.js';
import type { CasesRepo, ReferralRow } from '../../db/cases-repo.js';
import type { RecordsRepo } from '../../db/records-repo.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';
import { presentReferral } from '../../presenters/cases.js';
import type { Audit } from '../audit-service.js';
import type { MeetingDocWriter } from './meeting-doc-writer.js';
import { openReferralStates } from '../../../shared/domain.js';
import type { ReferralView } from '../../../shared/api-types.js';

export interface CasesDeps {
  repo: CasesRepo;
  records: RecordsRepo;
  policies: Policies;
  audit: Audit;
  docs: MeetingDocWriter;
  now: () => number;
}

/** The referral and the actor's series role, or throws 401 / 404 / 403. */
export function referralFor(deps: CasesDeps, actor: Actor | null, referralId: string, action: 'runQueue' | 'refer') {
  deps.policies.requireActor(actor);
  const referral = deps.repo.referral(referralId);
  if (!referral) throw new AppError('not_found', msg('cases:errors.noSuchReferral'));
  const role = deps.policies.authoriseSeries(actor, referral.seriesId, action);
  // Acting on an existing referral as a referrer means being the person who referred it.
  if (action === 'refer' && referral.referrerId !== actor!.id) throw new AppError('forbidden', msg('cases:errors.onlyReferrer'));
  return { referral, role };
}

/** The coordinator may act only on referrals still waiting for a decision. */
export function requireOpen(referral: ReferralRow): void {
  if (!openReferralStates.includes(referral.state)) throw new AppError('conflict', msg('cases:errors.referralAlready', { state: msg(`cases:status.referral.${referral.state}`) }));
}

/** The case by reference, or a 422 naming the field (for bodies) / a 404 (for paths). */
export function caseByRef(deps: CasesDeps, ref: string, as: 'field' | 'path') {
  const found = deps.repo.caseByRef(ref);
  if (!found) {
    if (as === 'field') throw invalidFields({ caseRef: msg('cases:errors.noCaseWithRef', { ref }) });
    throw new AppError('not_found', msg('cases:errors.noCase'));
  }
  return found;
}

/** Presents referrals with the names they refer to, in as few queries as the rows need. */
export function presentReferrals(deps: CasesDeps, rows: readonly ReferralRow[]): ReferralView[] {
  const caseIds = [...new Set(rows.flatMap((r) => [r.caseId, r.issuedCaseId]))];
  const refs = new Map(deps.repo.casesById(caseIds).map((c) => [c.id, c.ref]));
  const people = new Map(deps.repo.people([...new Set(rows.map((r) => r.referrerId))]).map((p) => [p.id, p.name]));
  const agencies = new Map(deps.records.listAgencies().map((a) => [a.id, a.name]));
  return rows.map((r) => {
    const meeting = r.meetingId ? deps.records.findMeeting(r.meetingId) : undefined;
    return presentReferral(r, {
      caseRef: refs.get(r.caseId) ?? '',
      issuedRef: refs.get(r.issuedCaseId) ?? '',
      referrer: people.get(r.referrerId) ?? '',
      agency: agencies.get(r.agencyId) ?? '',
      meeting: meeting ? { id: meeting.id, title: meeting.title, scheduledAt: meeting.scheduledAt } : null,
    });
  });
}

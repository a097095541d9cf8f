/** What every case command and query is given, and the helpers they share. */
import { msg } from '../../../shared/i18n/message.js';
import type { ReferralRow } from '../../db/stores/cases.js';
import type { Stores } from '../../db/stores/index.js';
import type { Storage } from '../../db/stores/storage.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor, Policies } from '../../policies/index.js';
import { presentReferral } from '../../presenters/cases.js';
import type { MeetingDocWriter } from './meeting-doc-writer.js';
import { openReferralStates } from '../../../shared/domain.js';
import type { ReferralView } from '../../../shared/api-types.js';

export interface CasesDeps {
  /** The case register, the records it names and the audit log; each command writes in one `storage.transaction`. */
  storage: Storage;
  policies: Policies;
  docs: MeetingDocWriter;
  now: () => number;
}

/** The referral and the actor's series role, or throws 401 / 404 / 403. */
export async function referralFor(deps: CasesDeps, actor: Actor | null, referralId: string, action: 'runQueue' | 'refer', stores: Stores = deps.storage.stores) {
  deps.policies.requireActor(actor);
  const referral = await stores.cases.referral(referralId);
  if (!referral) throw new AppError('not_found', msg('cases:errors.noSuchReferral'));
  const role = await deps.policies.authoriseSeries(actor, referral.seriesId, action);
  // Acting on an existing referral as a referrer means being the person who referred it.
  if (action === 'refer' && referral.referrerId !== actor!.id) throw new AppError('forbidden', msg('cases:errors.onlyReferrer'));
  return { referral, role };
}

/** The coordinator may act only on referrals still waiting for a decision. */
export function requireOpen(referral: ReferralRow): void {
  if (!openReferralStates.includes(referral.state)) throw new AppError('conflict', msg('cases:errors.referralAlready', { state: msg(`cases:status.referral.${referral.state}`) }));
}

/**
 * The referral as a command's transaction sees it, refused (409) if it is no longer open. The checks before the
 * transaction read it outside; another coordinator's decision may have been committed since.
 */
export async function openReferralIn(s: Stores, referralId: string): Promise<ReferralRow> {
  const current = await s.cases.referral(referralId);
  if (!current) throw new AppError('not_found', msg('cases:errors.noSuchReferral'));
  requireOpen(current);
  return current;
}

/** The case by reference, or a 422 naming the field (for bodies) / a 404 (for paths). */
export async function caseByRef(deps: CasesDeps, ref: string, as: 'field' | 'path', stores: Stores = deps.storage.stores) {
  const found = await stores.cases.caseByRef(ref);
  if (!found) {
    if (as === 'field') throw invalidFields({ caseRef: msg('cases:errors.noCaseWithRef', { ref }) });
    throw new AppError('not_found', msg('cases:errors.noCase'));
  }
  return found;
}

/** Presents referrals with the names they refer to, in as few queries as the rows need. */
export async function presentReferrals(deps: CasesDeps, rows: readonly ReferralRow[]): Promise<ReferralView[]> {
  const { cases, records } = deps.storage.stores;
  const caseIds = [...new Set(rows.flatMap((r) => [r.caseId, r.issuedCaseId]))];
  const refs = new Map((await cases.casesById(caseIds)).map((c) => [c.id, c.ref]));
  const people = new Map((await cases.people([...new Set(rows.map((r) => r.referrerId))])).map((p) => [p.id, p.name]));
  const agencies = new Map((await records.listAgencies()).map((a) => [a.id, a.name]));
  const meetings = new Map<string, Awaited<ReturnType<typeof records.findMeeting>>>();
  for (const id of new Set(rows.flatMap((r) => (r.meetingId ? [r.meetingId] : [])))) meetings.set(id, await records.findMeeting(id));
  return rows.map((r) => {
    const meeting = r.meetingId ? meetings.get(r.meetingId) : undefined;
    return presentReferral(r, {
      caseRef: refs.get(r.caseId) ?? '',
      issuedRef: refs.get(r.issuedCaseId) ?? '',
      referrer: people.get(r.referrerId) ?? '',
      agency: agencies.get(r.agencyId) ?? '',
      meeting: meeting ? { id: meeting.id, title: meeting.title, scheduledAt: meeting.scheduledAt } : null,
    });
  });
}

/** One referral as it now stands, presented. */
export async function referralView(deps: CasesDeps, referralId: string): Promise<ReferralView> {
  const row = await deps.storage.stores.cases.referral(referralId);
  return (await presentReferrals(deps, [row!]))[0];
}

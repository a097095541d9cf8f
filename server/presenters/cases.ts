/** Exactly which fields of cases, referrals and research leave the server. */
import type { CaseRefView, CaseView, ReferralView, ResearchView } from '../../shared/api-types.js';
import type { CaseRow, ReferralRow, ResearchRow } from '../db/stores/cases.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const presentCaseRef = (c: CaseRow): CaseRefView => ({ ref: c.ref, status: c.status });

export function presentCase(c: CaseRow, names: { agency: string; mergedInto: string | null }): CaseView {
  return {
    ref: c.ref,
    status: c.status,
    seriesId: c.seriesId,
    referringAgency: { id: c.referringAgencyId, name: names.agency },
    riskLevel: c.riskLevel,
    childrenInvolved: c.childrenInvolved,
    consent: c.consent,
    lawfulBasis: c.lawfulBasis,
    vulnerabilities: c.vulnerabilities,
    summary: c.summary,
    openedAt: iso(c.createdAt),
    closed: c.closedAt !== null ? { at: iso(c.closedAt), reason: c.closedReason ?? '' } : null,
    mergedInto: names.mergedInto,
  };
}

export interface ReferralNames {
  caseRef: string;
  issuedRef: string;
  referrer: string;
  agency: string;
  meeting: { id: string; title: string; scheduledAt: number } | null;
}

export function presentReferral(r: ReferralRow, names: ReferralNames): ReferralView {
  return {
    id: r.id,
    seriesId: r.seriesId,
    caseRef: names.caseRef,
    issuedRef: names.issuedRef,
    state: r.state,
    stateMessage: r.stateMessage,
    referrer: { id: r.referrerId, name: names.referrer },
    agency: { id: r.agencyId, name: names.agency },
    reason: r.reason,
    urgent: r.urgent,
    ...r.fields,
    infoExchanges: r.infoExchanges.map((e) => ({ request: e.request, response: e.response, requestedAt: iso(e.requestedAt), respondedAt: isoOrNull(e.respondedAt) })),
    meeting: names.meeting ? { id: names.meeting.id, title: names.meeting.title, scheduledAt: iso(names.meeting.scheduledAt) } : null,
    repeat: r.repeat,
    earlierReferredAt: r.earlierReferredAt.map(iso),
    earlierClosedAt: isoOrNull(r.earlierClosedAt),
    createdAt: iso(r.createdAt),
    decidedAt: isoOrNull(r.decidedAt),
  };
}

export function presentResearch(r: ResearchRow, names: { caseRef: string; agency: string; authors: string[]; meetingAt: number }): ResearchView {
  return {
    caseRef: names.caseRef,
    meetingId: r.meetingId,
    meetingAt: iso(names.meetingAt),
    agency: { id: r.agencyId, name: names.agency },
    knows: r.knows,
    risks: r.risks,
    view: r.view,
    authors: names.authors,
    updatedAt: iso(r.updatedAt),
  };
}

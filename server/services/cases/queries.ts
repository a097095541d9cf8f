/** What the screens read: the register, the queue, a case's history, a meeting's cases and research. */
import { msg } from '../../../shared/i18n/message.js';
import type { CaseHistoryView, CaseRefView, CaseView, MatchSuggestion, MeetingCasesView, QueueEntryView, ResearchNoticeView, ResearchView } from '../../../shared/api-types.js';
import { isCaseKind, openReferralStates, withinRepeatWindow } from '../../../shared/domain.js';
import { readAgenda } from '../../../shared/meeting-doc.js';
import { caseLimits } from '../../../shared/limits.js';
import type { CaseRow, ReferralRow } from '../../db/cases-repo.js';
import { AppError } from '../../errors.js';
import { roleMay, type Actor } from '../../policies/index.js';
import { presentCase, presentCaseRef, presentResearch } from '../../presenters/cases.js';
import { caseByRef, type CasesDeps, presentReferrals, referralFor } from './deps.js';

const iso = (ms: number) => new Date(ms).toISOString();
const minutesPath = (meetingId: string) => `/meetings/${meetingId}/minutes`;

/** Case items on a meeting's agenda (by reference), in agenda order. */
export function caseRefsOnAgenda(deps: CasesDeps, meetingId: string): { ref: string; itemId: string }[] {
  return deps.docs.read(meetingId, (doc) =>
    readAgenda(doc)
      .filter((i) => i.caseRef !== null && isCaseKind(i.kind))
      .map((i) => ({ ref: i.caseRef!, itemId: i.id })),
  );
}

function presentCases(deps: CasesDeps, rows: readonly CaseRow[]): CaseView[] {
  const agencies = new Map(deps.records.listAgencies().map((a) => [a.id, a.name]));
  const merged = new Map(deps.repo.casesById([...new Set(rows.flatMap((c) => (c.mergedIntoId ? [c.mergedIntoId] : [])))]).map((c) => [c.id, c.ref]));
  return rows.map((c) => presentCase(c, { agency: agencies.get(c.referringAgencyId) ?? '', mergedInto: c.mergedIntoId ? (merged.get(c.mergedIntoId) ?? null) : null }));
}

function suggestionsFor(referral: ReferralRow, candidates: readonly CaseRow[], lastReferred: Map<string, number>, agencies: Map<string, string>): MatchSuggestion[] {
  return candidates
    .filter((c) => c.id !== referral.caseId && c.status !== 'merged')
    .map((c) => {
      const alike: string[] = [];
      if (c.referringAgencyId === referral.agencyId) alike.push(msg('cases:alike.sameAgency'));
      if (c.childrenInvolved === referral.fields.childrenInvolved) alike.push(msg(c.childrenInvolved ? 'cases:alike.children' : 'cases:alike.noChildren'));
      if (c.riskLevel === referral.fields.riskLevel) alike.push(msg(`cases:alike.risk.${c.riskLevel}`));
      const shared = c.vulnerabilities.filter((v) => referral.fields.vulnerabilities.some((w) => w.toLowerCase() === v.toLowerCase()));
      if (shared.length) alike.push(msg('cases:alike.vulnerabilities', { list: shared.join(', ') }));
      const last = lastReferred.get(c.id) ?? c.createdAt;
      const inWindow = withinRepeatWindow(last, referral.createdAt) || (c.closedAt !== null && withinRepeatWindow(c.closedAt, referral.createdAt));
      return {
        score: alike.length + shared.length + (inWindow ? 2 : 0),
        view: {
          ref: c.ref,
          status: c.status,
          summary: c.summary,
          agency: agencies.get(c.referringAgencyId) ?? '',
          riskLevel: c.riskLevel,
          childrenInvolved: c.childrenInvolved,
          vulnerabilities: c.vulnerabilities,
          lastReferredAt: iso(last),
          closedAt: c.closedAt === null ? null : iso(c.closedAt),
          withinRepeatWindow: inWindow,
          alike,
        },
      };
    })
    .filter((s) => s.view.alike.length > 0)
    .sort((a, b) => b.score - a.score || b.view.lastReferredAt.localeCompare(a.view.lastReferredAt))
    .slice(0, caseLimits.suggestions)
    .map((s) => s.view);
}

export function createCaseQueries(deps: CasesDeps) {
  const { repo, policies } = deps;
  return {
    /** Authorisation alone, so a route refuses a stranger (401/403/404) before it looks at the body. */
    referralAccess: (actor: Actor | null, referralId: string, action: 'runQueue' | 'refer'): void => void referralFor(deps, actor, referralId, action),
    caseAccess(actor: Actor | null, ref: string, action: 'runQueue' | 'research'): void {
      policies.requireActor(actor);
      policies.authoriseSeries(actor, caseByRef(deps, ref, 'path').seriesId, action);
    },

    /** Coordinators and chairs see the whole register; everyone else in the series only references and statuses. */
    register(actor: Actor | null, seriesId: string): { cases: (CaseView | CaseRefView)[]; full: boolean } {
      const role = policies.authoriseSeries(actor, seriesId, 'viewRegister');
      const rows = repo.listCases(seriesId);
      const full = roleMay(role, 'runQueue');
      return { cases: full ? presentCases(deps, rows) : rows.map(presentCaseRef), full };
    },

    /** "queue": every referral of the series, open ones with suggested earlier cases; "mine": the actor's own. */
    referrals(actor: Actor | null, seriesId: string, view: 'queue' | 'mine'): { referrals: QueueEntryView[] } {
      if (view === 'mine') {
        policies.authoriseSeries(actor, seriesId, 'refer');
        return { referrals: presentReferrals(deps, repo.listReferrals(seriesId, { referrerId: actor!.id })).map((r) => ({ ...r, suggestions: [] })) };
      }
      policies.authoriseSeries(actor, seriesId, 'runQueue');
      const rows = repo.listReferrals(seriesId);
      const candidates = repo.listCases(seriesId);
      const allReferrals = repo.referralsOfCases(candidates.map((c) => c.id));
      const lastReferred = new Map<string, number>();
      for (const r of allReferrals) lastReferred.set(r.caseId, Math.max(lastReferred.get(r.caseId) ?? 0, r.createdAt));
      const agencies = new Map(deps.records.listAgencies().map((a) => [a.id, a.name]));
      const views = presentReferrals(deps, rows);
      return {
        referrals: rows.map((r, i) => ({
          ...views[i],
          suggestions: openReferralStates.includes(r.state) ? suggestionsFor(r, candidates, lastReferred, agencies) : [],
        })),
      };
    },

    /** One case across meetings, newest first, from the register, the referrals and the minutes record. */
    history(actor: Actor | null, ref: string): CaseHistoryView {
      policies.requireActor(actor);
      const found = caseByRef(deps, ref, 'path');
      policies.authoriseSeries(actor, found.seriesId, 'viewCase');
      const items = repo.minutesItemsOfCase(found.seriesId, found.ref);
      const referrals = repo.referralsOfCases([found.id]);
      const meetingsById = new Map<string, CaseHistoryView['meetings'][number]>();
      for (const i of items) {
        meetingsById.set(i.meetingId, { id: i.meetingId, title: i.meetingTitle, heldAt: iso(i.heldAt), status: 'ended', itemTitle: i.title, discussion: i.discussion, minutesPath: minutesPath(i.meetingId) });
      }
      for (const r of referrals) {
        if (!r.meetingId || meetingsById.has(r.meetingId)) continue;
        const m = deps.records.findMeeting(r.meetingId);
        if (m) meetingsById.set(m.id, { id: m.id, title: m.title, heldAt: iso(m.scheduledAt), status: m.status, itemTitle: null, discussion: null, minutesPath: m.status === 'ended' ? minutesPath(m.id) : null });
      }
      const heldAt = new Map(items.map((i) => [i.meetingId, i.heldAt]));
      const decisions = repo
        .decisionsOf(items)
        .map((d) => ({ number: d.number, outcome: d.outcome, text: d.text, reasons: d.reasons, meetingId: d.meetingId, heldAt: iso(heldAt.get(d.meetingId) ?? 0), minutesPath: minutesPath(d.meetingId) }))
        .sort((a, b) => b.heldAt.localeCompare(a.heldAt));
      const actionRows = repo.actionsOfCase(found.seriesId, found.ref);
      const notes = repo.actionNotes(actionRows.map((a) => a.id));
      const research = repo.researchForCase(found.id);
      const authorNames = new Map(repo.people([...new Set(research.flatMap((r) => r.row.authorIds))]).map((p) => [p.id, p.name]));
      return {
        case: presentCases(deps, [found])[0],
        referrals: presentReferrals(deps, referrals),
        meetings: [...meetingsById.values()].sort((a, b) => b.heldAt.localeCompare(a.heldAt)),
        decisions,
        actions: actionRows.map((a) => ({
          id: a.id,
          what: a.what,
          owner: a.ownerName,
          agency: a.ownerAgency,
          due: a.due,
          status: a.status,
          endNote: a.status === 'open' ? null : (notes.filter((n) => n.actionId === a.id && n.status === a.status).at(-1)?.note ?? null),
          meetingId: a.meetingId,
          heldAt: iso(a.heldAt),
        })),
        contributions: items.flatMap((i) =>
          i.contributions.map((c) => ({ meetingId: i.meetingId, heldAt: iso(i.heldAt), agency: c.agency, authors: c.author ? c.author.split(/,\s*/) : [], text: c.text })),
        ),
        research: research.map(({ row, agencyName, meetingAt }) =>
          presentResearch(row, { caseRef: found.ref, agency: agencyName, authors: row.authorIds.map((id) => authorNames.get(id) ?? ''), meetingAt }),
        ),
      };
    },

    /** For the live room: per case item, how often discussed, open actions, and who has and has not sent research. */
    meetingCases(actor: Actor | null, meetingId: string): MeetingCasesView {
      policies.authoriseMeeting(actor, meetingId, 'viewCase');
      const meeting = deps.records.findMeeting(meetingId)!;
      const onAgenda = caseRefsOnAgenda(deps, meetingId);
      const refs = onAgenda.map((c) => c.ref);
      const rows = new Map(repo.casesByRefs(meeting.seriesId, refs).map((c) => [c.ref, c]));
      const times = repo.timesDiscussed(meeting.seriesId, refs);
      const expected = repo.seriesAgencies(meeting.seriesId);
      const research = repo.researchForMeeting(meetingId);
      const authorNames = new Map(repo.people([...new Set(research.flatMap((r) => r.authorIds))]).map((p) => [p.id, p.name]));
      const publication = repo.publication(meetingId);
      return {
        published: publication ? { at: iso(publication.publishedAt) } : null,
        cases: onAgenda.map(({ ref, itemId }) => {
          const row = rows.get(ref);
          const sentRows = row ? research.filter((r) => r.caseId === row.id) : [];
          const sentIds = new Set(sentRows.map((r) => r.agencyId));
          const agencyName = new Map(expected.map((a) => [a.id, a.name]));
          const open = repo.actionsOfCase(meeting.seriesId, ref).filter((a) => a.status === 'open' && a.meetingId !== meetingId);
          return {
            ref,
            itemId,
            status: row?.status ?? null,
            timesDiscussed: times.get(ref) ?? 0,
            openActions: open.map((a) => ({ what: a.what, owner: a.ownerName, due: a.due })),
            research: {
              sent: sentRows.map((r) => ({ agencyId: r.agencyId, agencyName: agencyName.get(r.agencyId) ?? deps.repo.agency(r.agencyId)?.name ?? '', authors: r.authorIds.map((id) => authorNames.get(id) ?? '') })),
              missing: expected.filter((a) => !sentIds.has(a.id)).map((a) => ({ agencyId: a.id, agencyName: a.name })),
            },
          };
        }),
      };
    },

    /** The actor's agency's research on one case for one meeting (to edit it), or null. */
    myResearch(actor: Actor | null, ref: string, meetingId: string): ResearchView | null {
      policies.requireActor(actor);
      const found = caseByRef(deps, ref, 'path');
      policies.authoriseSeries(actor, found.seriesId, 'research');
      const row = repo.research(found.id, meetingId, actor!.agencyId);
      if (!row) return null;
      const meeting = deps.records.findMeeting(meetingId);
      const names = new Map(repo.people(row.authorIds).map((p) => [p.id, p.name]));
      return presentResearch(row, { caseRef: ref, agency: actor!.agencyName, authors: row.authorIds.map((id) => names.get(id) ?? ''), meetingAt: meeting?.scheduledAt ?? 0 });
    },

    /** Published agendas of upcoming meetings in the actor's series, with whether the actor's agency has researched each case. */
    researchNotices(actor: Actor | null): ResearchNoticeView[] {
      policies.requireActor(actor);
      const seriesIds = repo.seriesOf(actor!.id).filter((id) => roleMay(deps.policies.seriesRoleOf(actor!, id), 'research'));
      return repo.publishedUpcoming(seriesIds).map((m) => {
        const mine = new Set(repo.researchForMeeting(m.meetingId).filter((r) => r.agencyId === actor!.agencyId).map((r) => r.caseId));
        const rows = new Map(repo.casesByRefs(m.seriesId, caseRefsOnAgenda(deps, m.meetingId).map((c) => c.ref)).map((c) => [c.ref, c]));
        return {
          meetingId: m.meetingId,
          seriesId: m.seriesId,
          title: m.title,
          scheduledAt: iso(m.scheduledAt),
          publishedAt: iso(m.publishedAt),
          cases: [...rows.values()].map((c) => ({ ref: c.ref, researched: mine.has(c.id) })),
        };
      });
    },

    /** The published agenda as the export presenters lay it out: standing items by title, cases by reference only. */
    agendaForExport(actor: Actor | null, meetingId: string) {
      policies.authoriseMeeting(actor, meetingId, 'view');
      const publication = repo.publication(meetingId);
      if (!publication) throw new AppError('conflict', msg('cases:errors.agendaNotPublished'));
      const meeting = deps.records.findMeeting(meetingId)!;
      const items = deps.docs.read(meetingId, (doc) => readAgenda(doc));
      return { meeting, publishedAt: publication.publishedAt, items };
    },
  };
}
export type CaseQueries = ReturnType<typeof createCaseQueries>;

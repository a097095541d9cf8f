/** What the screens read: the register, the queue, a case's history, a meeting's cases and research. */
import { msg } from '../../../shared/i18n/message.js';
import type { CaseHistoryView, CaseRefView, CaseView, MatchSuggestion, MeetingCasesView, QueueEntryView, ResearchNoticeView, ResearchView } from '../../../shared/api-types.js';
import { isCaseKind, openReferralStates, withinRepeatWindow } from '../../../shared/domain.js';
import { readAgenda } from '../../../shared/meeting-doc.js';
import { caseLimits } from '../../../shared/limits.js';
import type { CaseRow, ReferralRow } from '../../db/stores/cases.js';
import { AppError } from '../../errors.js';
import { roleMay, type Actor } from '../../policies/index.js';
import { presentCase, presentCaseRef, presentResearch } from '../../presenters/cases.js';
import { caseByRef, type CasesDeps, presentReferrals, referralFor } from './deps.js';

const iso = (ms: number) => new Date(ms).toISOString();
const minutesPath = (meetingId: string) => `/meetings/${meetingId}/minutes`;

/** Case items on a meeting's agenda (by reference), in agenda order. */
export async function caseRefsOnAgenda(deps: CasesDeps, meetingId: string): Promise<{ ref: string; itemId: string }[]> {
  return await deps.docs.read(meetingId, (doc) =>
    readAgenda(doc)
      .filter((i) => i.caseRef !== null && isCaseKind(i.kind))
      .map((i) => ({ ref: i.caseRef!, itemId: i.id })),
  );
}

async function presentCases(deps: CasesDeps, rows: readonly CaseRow[]): Promise<CaseView[]> {
  const { cases, records } = deps.storage.stores;
  const agencies = new Map((await records.listAgencies()).map((a) => [a.id, a.name]));
  const merged = new Map((await cases.casesById([...new Set(rows.flatMap((c) => (c.mergedIntoId ? [c.mergedIntoId] : [])))])).map((c) => [c.id, c.ref]));
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
  const { policies } = deps;
  const { cases: repo, records } = deps.storage.stores;
  return {
    /** Authorisation alone, so a route refuses a stranger (401/403/404) before it looks at the body. */
    async referralAccess(actor: Actor | null, referralId: string, action: 'runQueue' | 'refer'): Promise<void> {
      await referralFor(deps, actor, referralId, action);
    },
    async caseAccess(actor: Actor | null, ref: string, action: 'runQueue' | 'research'): Promise<void> {
      policies.requireActor(actor);
      await policies.authoriseSeries(actor, (await caseByRef(deps, ref, 'path')).seriesId, action);
    },

    /** The agencies a referral may name (ids and names only): any signed-in person. */
    async agencies(actor: Actor | null): Promise<{ id: string; name: string }[]> {
      policies.requireActor(actor);
      return (await records.listAgencies()).map((a) => ({ id: a.id, name: a.name }));
    },

    /** Coordinators and chairs see the whole register; everyone else in the series only references and statuses. */
    async register(actor: Actor | null, seriesId: string): Promise<{ cases: (CaseView | CaseRefView)[]; full: boolean }> {
      const role = await policies.authoriseSeries(actor, seriesId, 'viewRegister');
      const rows = await repo.listCases(seriesId);
      const full = roleMay(role, 'runQueue');
      return { cases: full ? await presentCases(deps, rows) : rows.map(presentCaseRef), full };
    },

    /** "queue": every referral of the series, open ones with suggested earlier cases; "mine": the actor's own. */
    async referrals(actor: Actor | null, seriesId: string, view: 'queue' | 'mine'): Promise<{ referrals: QueueEntryView[] }> {
      if (view === 'mine') {
        await policies.authoriseSeries(actor, seriesId, 'refer');
        return { referrals: (await presentReferrals(deps, await repo.listReferrals(seriesId, { referrerId: actor!.id }))).map((r) => ({ ...r, suggestions: [] })) };
      }
      await policies.authoriseSeries(actor, seriesId, 'runQueue');
      const rows = await repo.listReferrals(seriesId);
      const candidates = await repo.listCases(seriesId);
      const allReferrals = await repo.referralsOfCases(candidates.map((c) => c.id));
      const lastReferred = new Map<string, number>();
      for (const r of allReferrals) lastReferred.set(r.caseId, Math.max(lastReferred.get(r.caseId) ?? 0, r.createdAt));
      const agencies = new Map((await records.listAgencies()).map((a) => [a.id, a.name]));
      const views = await presentReferrals(deps, rows);
      return {
        referrals: rows.map((r, i) => ({
          ...views[i],
          suggestions: openReferralStates.includes(r.state) ? suggestionsFor(r, candidates, lastReferred, agencies) : [],
        })),
      };
    },

    /** One case across meetings, newest first, from the register, the referrals and the minutes record. */
    async history(actor: Actor | null, ref: string): Promise<CaseHistoryView> {
      policies.requireActor(actor);
      const found = await caseByRef(deps, ref, 'path');
      await policies.authoriseSeries(actor, found.seriesId, 'viewCase');
      const items = await repo.minutesItemsOfCase(found.seriesId, found.ref);
      const referrals = await repo.referralsOfCases([found.id]);
      const meetingsById = new Map<string, CaseHistoryView['meetings'][number]>();
      for (const i of items) {
        meetingsById.set(i.meetingId, { id: i.meetingId, title: i.meetingTitle, heldAt: iso(i.heldAt), status: 'ended', itemTitle: i.title, discussion: i.discussion, minutesPath: minutesPath(i.meetingId) });
      }
      for (const r of referrals) {
        if (!r.meetingId || meetingsById.has(r.meetingId)) continue;
        const m = await records.findMeeting(r.meetingId);
        if (m) meetingsById.set(m.id, { id: m.id, title: m.title, heldAt: iso(m.scheduledAt), status: m.status, itemTitle: null, discussion: null, minutesPath: m.status === 'ended' ? minutesPath(m.id) : null });
      }
      const heldAt = new Map(items.map((i) => [i.meetingId, i.heldAt]));
      const decisions = (await repo.decisionsOf(items))
        .map((d) => ({ number: d.number, outcome: d.outcome, text: d.text, reasons: d.reasons, meetingId: d.meetingId, heldAt: iso(heldAt.get(d.meetingId) ?? 0), minutesPath: minutesPath(d.meetingId) }))
        .sort((a, b) => b.heldAt.localeCompare(a.heldAt));
      const actionRows = await repo.actionsOfCase(found.seriesId, found.ref);
      const notes = await repo.actionNotes(actionRows.map((a) => a.id));
      const research = await repo.researchForCase(found.id);
      const authorNames = new Map((await repo.people([...new Set(research.flatMap((r) => r.row.authorIds))])).map((p) => [p.id, p.name]));
      return {
        case: (await presentCases(deps, [found]))[0],
        referrals: await presentReferrals(deps, referrals),
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
    async meetingCases(actor: Actor | null, meetingId: string): Promise<MeetingCasesView> {
      await policies.authoriseMeeting(actor, meetingId, 'viewCase');
      const meeting = (await records.findMeeting(meetingId))!;
      const onAgenda = await caseRefsOnAgenda(deps, meetingId);
      const refs = onAgenda.map((c) => c.ref);
      const rows = new Map((await repo.casesByRefs(meeting.seriesId, refs)).map((c) => [c.ref, c]));
      const times = await repo.timesDiscussed(meeting.seriesId, refs);
      const expected = await repo.seriesAgencies(meeting.seriesId);
      const research = await repo.researchForMeeting(meetingId);
      const authorNames = new Map((await repo.people([...new Set(research.flatMap((r) => r.authorIds))])).map((p) => [p.id, p.name]));
      const publication = await repo.publication(meetingId);
      const agencyName = new Map(expected.map((a) => [a.id, a.name]));
      // Research from an agency no longer expected (its members left the series) still shows, under its name.
      for (const r of research) if (!agencyName.has(r.agencyId)) agencyName.set(r.agencyId, (await repo.agency(r.agencyId))?.name ?? '');
      const cases: MeetingCasesView['cases'] = [];
      for (const { ref, itemId } of onAgenda) {
        const row = rows.get(ref);
        const sentRows = row ? research.filter((r) => r.caseId === row.id) : [];
        const sentIds = new Set(sentRows.map((r) => r.agencyId));
        const open = (await repo.actionsOfCase(meeting.seriesId, ref)).filter((a) => a.status === 'open' && a.meetingId !== meetingId);
        cases.push({
          ref,
          itemId,
          status: row?.status ?? null,
          timesDiscussed: times.get(ref) ?? 0,
          openActions: open.map((a) => ({ what: a.what, owner: a.ownerName, due: a.due })),
          research: {
            sent: sentRows.map((r) => ({ agencyId: r.agencyId, agencyName: agencyName.get(r.agencyId) ?? '', authors: r.authorIds.map((id) => authorNames.get(id) ?? '') })),
            missing: expected.filter((a) => !sentIds.has(a.id)).map((a) => ({ agencyId: a.id, agencyName: a.name })),
          },
        });
      }
      return { published: publication ? { at: iso(publication.publishedAt) } : null, cases };
    },

    /** The actor's agency's research on one case for one meeting (to edit it), or null. */
    async myResearch(actor: Actor | null, ref: string, meetingId: string): Promise<ResearchView | null> {
      policies.requireActor(actor);
      const found = await caseByRef(deps, ref, 'path');
      await policies.authoriseSeries(actor, found.seriesId, 'research');
      const row = await repo.research(found.id, meetingId, actor!.agencyId);
      if (!row) return null;
      const meeting = await records.findMeeting(meetingId);
      const names = new Map((await repo.people(row.authorIds)).map((p) => [p.id, p.name]));
      return presentResearch(row, { caseRef: ref, agency: actor!.agencyName, authors: row.authorIds.map((id) => names.get(id) ?? ''), meetingAt: meeting?.scheduledAt ?? 0 });
    },

    /** Published agendas of upcoming meetings in the actor's series, with whether the actor's agency has researched each case. */
    async researchNotices(actor: Actor | null): Promise<ResearchNoticeView[]> {
      policies.requireActor(actor);
      const seriesIds: string[] = [];
      for (const id of await repo.seriesOf(actor!.id)) if (roleMay(await deps.policies.seriesRoleOf(actor!, id), 'research')) seriesIds.push(id);
      const notices: ResearchNoticeView[] = [];
      for (const m of await repo.publishedUpcoming(seriesIds)) {
        const mine = new Set((await repo.researchForMeeting(m.meetingId)).filter((r) => r.agencyId === actor!.agencyId).map((r) => r.caseId));
        const rows = new Map((await repo.casesByRefs(m.seriesId, (await caseRefsOnAgenda(deps, m.meetingId)).map((c) => c.ref))).map((c) => [c.ref, c]));
        notices.push({
          meetingId: m.meetingId,
          seriesId: m.seriesId,
          title: m.title,
          scheduledAt: iso(m.scheduledAt),
          publishedAt: iso(m.publishedAt),
          cases: [...rows.values()].map((c) => ({ ref: c.ref, researched: mine.has(c.id) })),
        });
      }
      return notices;
    },

    /** The published agenda as the export presenters lay it out: standing items by title, cases by reference only. */
    async agendaForExport(actor: Actor | null, meetingId: string) {
      await policies.authoriseMeeting(actor, meetingId, 'view');
      const publication = await repo.publication(meetingId);
      if (!publication) throw new AppError('conflict', msg('cases:errors.agendaNotPublished'));
      const meeting = (await records.findMeeting(meetingId))!;
      const items = await deps.docs.read(meetingId, (doc) => readAgenda(doc));
      return { meeting, publishedAt: publication.publishedAt, items };
    },

    /** Who read a case's history, and who took a published agenda away: audited once each is answered. */
    async caseViewed(actor: Actor, ref: string, ip: string | null): Promise<void> {
      await deps.storage.transaction((s) => s.audit.record({ actorId: actor.id, action: 'case.view', targetType: 'case', targetId: ref, detail: null, ip }, deps.now()));
    },
    async agendaExported(actor: Actor, meetingId: string, format: string, ip: string | null): Promise<void> {
      await deps.storage.transaction((s) => s.audit.record({ actorId: actor.id, action: 'agenda.export', targetType: 'meeting', targetId: meetingId, detail: { format }, ip }, deps.now()));
    },
  };
}
export type CaseQueries = ReturnType<typeof createCaseQueries>;

/** An agency's research on a case on a published agenda: what it knows, the risks it sees, its view. */
import { msg } from '../../../shared/i18n/message.js';
import { newId } from '../../../shared/ids.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { presentResearch } from '../../presenters/cases.js';
import { caseByRef, type CasesDeps } from './deps.js';
import { caseRefsOnAgenda } from './queries.js';

export function addResearch(deps: CasesDeps, actor: Actor | null, ref: string, meetingId: string, parts: { knows: string; risks: string; view: string }, ip: string | null) {
  deps.policies.requireActor(actor);
  const found = caseByRef(deps, ref, 'path');
  deps.policies.authoriseSeries(actor, found.seriesId, 'research');
  const meeting = deps.records.findMeeting(meetingId);
  if (!meeting || meeting.seriesId !== found.seriesId) throw invalidFields({ meetingId: msg('cases:errors.noSuchMeetingInSeries') });
  if (!deps.repo.publication(meetingId)) throw new AppError('conflict', msg('cases:errors.agendaNotPublished'));
  if (meeting.status !== 'scheduled') throw new AppError('conflict', msg('cases:errors.researchBeforeOpen'));
  if (!caseRefsOnAgenda(deps, meetingId).some((c) => c.ref === ref)) throw invalidFields({ meetingId: msg('cases:errors.notOnAgenda', { ref }) });

  const at = deps.now();
  const existing = deps.repo.research(found.id, meetingId, actor!.agencyId);
  const id = existing?.id ?? newId();
  deps.repo.transaction(() => {
    if (existing) {
      const authorIds = existing.authorIds.includes(actor!.id) ? existing.authorIds : [...existing.authorIds, actor!.id];
      deps.repo.updateResearch(existing.id, { ...parts, authorIds, updatedAt: at });
    } else {
      deps.repo.insertResearch({ id, caseId: found.id, meetingId, agencyId: actor!.agencyId, ...parts, authorIds: [actor!.id], createdAt: at, updatedAt: at });
    }
    deps.audit.record({ actorId: actor!.id, action: 'research.save', targetType: 'case', targetId: ref, detail: { meetingId, agencyId: actor!.agencyId }, ip });
  });
  const row = deps.repo.research(found.id, meetingId, actor!.agencyId)!;
  const names = new Map(deps.repo.people(row.authorIds).map((p) => [p.id, p.name]));
  return presentResearch(row, { caseRef: ref, agency: actor!.agencyName, authors: row.authorIds.map((a) => names.get(a) ?? ''), meetingAt: meeting.scheduledAt });
}

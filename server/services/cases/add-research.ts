/** An agency's research on a case on a published agenda: what it knows, the risks it sees, its view. */
import { msg } from '../../../shared/i18n/message.js';
import { newId } from '../../../shared/ids.js';
import { AppError, invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { presentResearch } from '../../presenters/cases.js';
import { caseByRef, type CasesDeps } from './deps.js';
import { caseRefsOnAgenda } from './queries.js';

export async function addResearch(deps: CasesDeps, actor: Actor | null, ref: string, meetingId: string, parts: { knows: string; risks: string; view: string }, ip: string | null) {
  deps.policies.requireActor(actor);
  const { cases, records } = deps.storage.stores;
  const found = await caseByRef(deps, ref, 'path');
  await deps.policies.authoriseSeries(actor, found.seriesId, 'research');
  const meeting = await records.findMeeting(meetingId);
  if (!meeting || meeting.seriesId !== found.seriesId) throw invalidFields({ meetingId: msg('cases:errors.noSuchMeetingInSeries') });
  if (!(await cases.publication(meetingId))) throw new AppError('conflict', msg('cases:errors.agendaNotPublished'));
  if (meeting.status !== 'scheduled') throw new AppError('conflict', msg('cases:errors.researchBeforeOpen'));
  if (!(await caseRefsOnAgenda(deps, meetingId)).some((c) => c.ref === ref)) throw invalidFields({ meetingId: msg('cases:errors.notOnAgenda', { ref }) });

  const at = deps.now();
  await deps.storage.transaction(async (s) => {
    // Read inside the transaction: two people of one agency saving at once both end up as authors of one row.
    if ((await s.records.findMeeting(meetingId))?.status !== 'scheduled') throw new AppError('conflict', msg('cases:errors.researchBeforeOpen'));
    const existing = await s.cases.research(found.id, meetingId, actor!.agencyId);
    if (existing) {
      const authorIds = existing.authorIds.includes(actor!.id) ? existing.authorIds : [...existing.authorIds, actor!.id];
      await s.cases.updateResearch(existing.id, { ...parts, authorIds, updatedAt: at });
    } else {
      await s.cases.insertResearch({ id: newId(), caseId: found.id, meetingId, agencyId: actor!.agencyId, ...parts, authorIds: [actor!.id], createdAt: at, updatedAt: at });
    }
    await s.audit.record({ actorId: actor!.id, action: 'research.save', targetType: 'case', targetId: ref, detail: { meetingId, agencyId: actor!.agencyId }, ip }, at);
  });
  const row = (await cases.research(found.id, meetingId, actor!.agencyId))!;
  const names = new Map((await cases.people(row.authorIds)).map((p) => [p.id, p.name]));
  return presentResearch(row, { caseRef: ref, agency: actor!.agencyName, authors: row.authorIds.map((a) => names.get(a) ?? ''), meetingAt: meeting.scheduledAt });
}

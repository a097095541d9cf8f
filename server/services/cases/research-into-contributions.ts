/**
 * When the chair opens a meeting, each agency's research on a case becomes its contribution on the case's item,
 * attributed to the people who wrote it. Written through the live room like any edit (stored before broadcast).
 * Idempotent: only empty parts are filled, and authors are joined by id, so opening again adds nothing twice.
 */
import type * as Y from 'yjs';
import { contributionParts, contributionText, joinContribution } from '../../../shared/item-work.js';
import type { CasesDeps } from './deps.js';
import { caseRefsOnAgenda } from './queries.js';

export async function researchIntoContributions(deps: CasesDeps, meetingId: string, doc: Y.Doc): Promise<number> {
  const { cases: repo, records } = deps.storage.stores;
  const research = await repo.researchForMeeting(meetingId);
  if (research.length === 0) return 0;
  const meeting = await records.findMeeting(meetingId);
  if (!meeting) return 0;
  const items = await caseRefsOnAgenda(deps, meetingId);
  const cases = new Map((await repo.casesByRefs(meeting.seriesId, items.map((i) => i.ref))).map((c) => [c.id, c.ref]));
  const people = new Map((await repo.people([...new Set(research.flatMap((r) => r.authorIds))])).map((p) => [p.id, p]));
  // Everything is read first; the document is then changed in one go, with no await in between.
  let written = 0;
  doc.transact(() => {
    for (const r of research) {
      const ref = cases.get(r.caseId);
      const item = items.find((i) => i.ref === ref);
      if (!item) continue;
      for (const id of r.authorIds) {
        const person = people.get(id);
        // Research belongs to the agency that wrote it: attribute it there, even if the author moved agency since.
        if (person) joinContribution(doc, item.itemId, { ...person, agencyId: r.agencyId });
      }
      for (const part of contributionParts) {
        const text = contributionText(doc, item.itemId, r.agencyId, part);
        if (text.length === 0 && r[part]) text.insert(0, r[part]);
      }
      written += 1;
    }
  });
  return written;
}

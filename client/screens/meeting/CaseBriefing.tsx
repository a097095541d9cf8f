/**
 * Beside a case item: a link to the case's history, and for the chair and coordinator how often the room has
 * discussed it, its open actions, and which agencies have and have not sent research.
 */
import { useEffect, useState } from 'react';
import type { MeetingCasesView, MeetingDetailView } from '../../../shared/api-types';
import { apiGet } from '../../api';
import { Link } from '../../components/Link';

export function CaseBriefing({ meeting, caseRef }: { meeting: MeetingDetailView; caseRef: string }) {
  const [cases, setCases] = useState<MeetingCasesView | null>(null);
  const known = cases?.cases.find((c) => c.ref === caseRef);
  // Loaded again when an item appears that the last answer did not know (a referral accepted meanwhile).
  const needsLoad = meeting.abilities.viewCase && (!cases || !known);
  useEffect(() => {
    if (!needsLoad) return;
    let live = true;
    apiGet<MeetingCasesView>(`/meetings/${meeting.id}/cases`).then((b) => live && setCases(b), () => undefined);
    return () => {
      live = false;
    };
  }, [meeting.id, needsLoad, caseRef]);
  if (!meeting.abilities.viewCase) return null;
  const briefs = meeting.abilities.chair || meeting.abilities.runQueue;
  return (
    <div className="case-briefing" aria-label={`Case ${caseRef} at a glance`} role="group">
      <p>
        <Link to={`/cases/${caseRef}`}>Case history: {caseRef}</Link>
      </p>
      {briefs && known && (
        <>
          <p>
            Discussed at {known.timesDiscussed} earlier {known.timesDiscussed === 1 ? 'meeting' : 'meetings'}; {known.openActions.length} open{' '}
            {known.openActions.length === 1 ? 'action' : 'actions'}
            {known.openActions.length > 0 && `: ${known.openActions.map((a) => `${a.what}${a.owner ? ` (${a.owner})` : ''}`).join('; ')}`}.
          </p>
          <p>
            Research sent by: {known.research.sent.length ? known.research.sent.map((s) => `${s.agencyName} (${s.authors.join(', ')})`).join('; ') : 'no agency yet'}.
          </p>
          <p>Not sent by: {known.research.missing.length ? known.research.missing.map((m) => m.agencyName).join('; ') : 'every agency has sent research'}.</p>
        </>
      )}
    </div>
  );
}

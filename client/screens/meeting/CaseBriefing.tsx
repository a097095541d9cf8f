/**
 * Beside a case item: a link to the case's history, and for the chair and coordinator how often the room has
 * discussed it, its open actions, and which agencies have and have not sent research.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingCasesView, MeetingDetailView } from '../../../shared/api-types';
import { apiGet } from '../../api';
import { Link } from '../../components/Link';

export function CaseBriefing({ meeting, caseRef }: { meeting: MeetingDetailView; caseRef: string }) {
  const { t } = useTranslation('room');
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
  const summary = () => {
    if (!known) return '';
    const discussed = t('briefing.discussed', { count: known.timesDiscussed });
    const actions = t('briefing.openActions', { count: known.openActions.length });
    if (known.openActions.length === 0) return t('briefing.summary', { discussed, actions });
    const list = known.openActions.map((a) => (a.owner ? t('briefing.actionWithOwner', { what: a.what, owner: a.owner }) : a.what)).join('; ');
    return t('briefing.summaryWithList', { discussed, actions, list });
  };
  return (
    <div className="case-briefing" aria-label={t('briefing.label', { caseRef })} role="group">
      <p>
        <Link to={`/cases/${caseRef}`}>{t('briefing.history', { caseRef })}</Link>
      </p>
      {briefs && known && (
        <>
          <p>{summary()}</p>
          <p>
            {t('briefing.researchSent', {
              agencies: known.research.sent.length
                ? known.research.sent.map((s) => t('briefing.researchBy', { agency: s.agencyName, authors: s.authors.join(', ') })).join('; ')
                : t('briefing.noAgencyYet'),
            })}
          </p>
          <p>{t('briefing.notSent', { agencies: known.research.missing.length ? known.research.missing.map((m) => m.agencyName).join('; ') : t('briefing.everyAgency') })}</p>
        </>
      )}
    </div>
  );
}

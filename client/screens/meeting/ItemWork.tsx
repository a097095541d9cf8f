import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { AgendaItem } from '../../../shared/meeting-doc';
import type { MeetingDetailView } from '../../../shared/api-types';
import { takesDecision, type PersonRef } from '../../../shared/item-work';
import { useSession } from '../../session';
import { ApologiesSection } from './ApologiesSection';
import { ContributionsSection } from './ContributionsSection';
import { DecisionSection } from './DecisionSection';
import { ActionsSection } from './ActionsSection';
import { MattersArising } from './MattersArising';
import { PreviousMinutes } from './PreviousMinutes';
import { standingText } from '../../../shared/meeting-doc';

/** The shared work on one agenda item below its notes: agency contributions, the decision and the actions. */
export function ItemWork({ doc, item, readOnly, meeting, live = false }: { doc: Y.Doc; item: AgendaItem; readOnly: boolean; meeting: MeetingDetailView; live?: boolean }) {
  const { t } = useTranslation('room');
  const session = useSession();
  const [announcement, setAnnouncement] = useState('');
  if (!session) return null;
  const me: PersonRef = { id: session.user.id, name: session.user.name, agencyId: session.user.agency.id, agencyName: session.user.agency.name };
  const isCase = takesDecision(item);
  const label = item.caseRef ? t('decision.caseLabel', { caseRef: item.caseRef }) : item.title;
  return (
    <div className="item-work">
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {item.kind === 'apologies' && <ApologiesSection doc={doc} people={meeting.participants} readOnly={readOnly} announce={setAnnouncement} />}
      {item.kind === 'matters-arising' &&
        (meeting.abilities.mattersArising ? (
          <MattersArising meetingId={meeting.id} readOnly={readOnly} announce={setAnnouncement} />
        ) : (
          <p className="govuk-body-s app-secondary-text">{t('itemWork.arisingHidden')}</p>
        ))}
      {item.kind === 'previous-minutes' &&
        (meeting.abilities.viewMinutes ? (
          <PreviousMinutes meetingId={meeting.id} live={live} announce={setAnnouncement} />
        ) : (
          <p className="govuk-body-s app-secondary-text">{t('itemWork.previousHidden')}</p>
        ))}
      {item.kind === 'confidentiality' && standingText(doc, item.id) && <blockquote className="confidentiality-text">{standingText(doc, item.id)}</blockquote>}
      {isCase && <ContributionsSection doc={doc} itemId={item.id} me={me} readOnly={readOnly} />}
      {/* Once live the decision is the chair's and coordinator's: the server reverts anyone else's edit. */}
      {isCase && <DecisionSection doc={doc} itemId={item.id} itemLabel={label} readOnly={readOnly || (live && !meeting.abilities.decide)} />}
      {item.kind !== 'apologies' && item.kind !== 'confidentiality' && item.kind !== 'previous-minutes' && (
        <ActionsSection doc={doc} itemId={item.id} people={meeting.participants} readOnly={readOnly} announce={setAnnouncement} />
      )}
    </div>
  );
}

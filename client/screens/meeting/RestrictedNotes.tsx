/**
 * The chair's restricted notes for the item on screen. They live in a second Yjs document that the server opens
 * only for chairs (`/yjs/<meetingId>/restricted`), so nothing typed here travels on anyone else's connection and
 * nothing here goes into the minutes. Mount this only when the meeting's abilities include `restrictedNotes`.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeetingDoc } from '../../live/useMeetingDoc';
import { SaveStatus } from '../../components/SaveStatus';
import { restrictedNotesFragmentName, type AgendaItem } from '../../../shared/meeting-doc';
import type { UserView } from '../../../shared/api-types';

const CaseNotes = lazy(() => import('./CaseNotes').then((m) => ({ default: m.CaseNotes })));

export function RestrictedNotes({ meetingId, item, user, ended }: { meetingId: string; item: AgendaItem; user: UserView; ended: boolean }) {
  const { t } = useTranslation('room');
  const { doc, status, provider } = useMeetingDoc(meetingId, { persist: false, userId: null, kind: 'restricted' });
  return (
    <div className="restricted-notes">
      {provider && (
        <Suspense fallback={<p className="notes-loading">{t('stage.loadingEditor')}</p>}>
          <CaseNotes
            key={`${item.id}:${provider.roomname}`}
            doc={doc}
            provider={provider}
            itemId={item.id}
            itemTitle={item.title}
            user={user}
            readOnly={ended || status === 'read-only'}
            fragmentName={restrictedNotesFragmentName(item.id)}
            heading={t('restricted.heading')}
            labelFor={(title) => t('restricted.labelFor', { title })}
            className="case-notes restricted-notes-panel"
            notice={
              <p className="govuk-inset-text restricted-notice">
                <span aria-hidden="true">🔒 </span>
                <strong>{t('restricted.restricted')}</strong> {t('restricted.notice')}
              </p>
            }
          />
        </Suspense>
      )}
      <SaveStatus status={status} of={t('restricted.document')} />
    </div>
  );
}

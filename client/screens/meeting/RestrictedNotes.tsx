/**
 * The chair's restricted notes for the item on screen. They live in a second Yjs document that the server opens
 * only for chairs (`/yjs/<meetingId>/restricted`), so nothing typed here travels on anyone else's connection and
 * nothing here goes into the minutes. Mount this only when the meeting's abilities include `restrictedNotes`.
 */
import { lazy, Suspense } from 'react';
import { useMeetingDoc } from '../../live/useMeetingDoc';
import { SaveStatus } from '../../components/SaveStatus';
import { restrictedNotesFragmentName, type AgendaItem } from '../../../shared/meeting-doc';
import type { UserView } from '../../../shared/api-types';

const CaseNotes = lazy(() => import('./CaseNotes').then((m) => ({ default: m.CaseNotes })));

export const restrictedNotesNotice = 'Only chairs see these notes. They are not part of the minutes.';

export function RestrictedNotes({ meetingId, item, user, ended }: { meetingId: string; item: AgendaItem; user: UserView; ended: boolean }) {
  const { doc, status, provider } = useMeetingDoc(meetingId, { persist: false, userId: null, kind: 'restricted' });
  return (
    <div className="restricted-notes">
      {provider && (
        <Suspense fallback={<p className="notes-loading">Loading the notes editor…</p>}>
          <CaseNotes
            key={`${item.id}:${provider.roomname}`}
            doc={doc}
            provider={provider}
            itemId={item.id}
            itemTitle={item.title}
            user={user}
            readOnly={ended || status === 'read-only'}
            fragmentName={restrictedNotesFragmentName(item.id)}
            heading="Chair's restricted notes"
            labelPrefix="Chair's restricted notes for"
            className="case-notes restricted-notes-panel"
            notice={
              <p className="govuk-inset-text restricted-notice">
                <span aria-hidden="true">🔒 </span>
                <strong>Restricted.</strong> {restrictedNotesNotice}
              </p>
            }
          />
        </Suspense>
      )}
      <SaveStatus status={status} of="Restricted notes" />
    </div>
  );
}

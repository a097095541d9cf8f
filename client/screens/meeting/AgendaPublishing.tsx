/** Before the meeting: the coordinator publishes the agenda; everyone may then download it and add research. */
import { useEffect, useState } from 'react';
import type { MeetingCasesView, MeetingDetailView } from '../../../shared/api-types';
import { apiGet, apiPost } from '../../api';
import { Button } from '../../components/Button';
import { Link } from '../../components/Link';

export function AgendaPublishing({ meeting }: { meeting: MeetingDetailView }) {
  const [publishedAt, setPublishedAt] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!meeting.abilities.viewCase) return;
    apiGet<MeetingCasesView>(`/meetings/${meeting.id}/cases`).then((b) => setPublishedAt(b.published?.at ?? null), () => setPublishedAt(null));
  }, [meeting.id, meeting.abilities.viewCase]);
  if (meeting.status !== 'scheduled' || publishedAt === undefined) return null;
  const publish = async () => {
    try {
      setPublishedAt((await apiPost<{ publishedAt: string }>(`/meetings/${meeting.id}/agenda/publish`)).publishedAt);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="agenda-publishing">
      {publishedAt ? (
        <p>
          Agenda published. <a href={`/api/meetings/${meeting.id}/agenda.docx`}>Agenda (Word)</a> · <a href={`/api/meetings/${meeting.id}/agenda.pdf`}>Agenda (PDF)</a>
          {meeting.abilities.research && (
            <>
              {' '}
              · <Link to={`/meetings/${meeting.id}/research`}>Add your agency’s research</Link>
            </>
          )}
        </p>
      ) : (
        <p>The agenda is not published yet.</p>
      )}
      {meeting.abilities.runQueue && (
        <Button small variant="secondary" onClick={publish}>
          {publishedAt ? 'Publish the agenda again' : 'Publish the agenda'}
        </Button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

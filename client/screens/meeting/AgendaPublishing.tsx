/** Before the meeting: the coordinator publishes the agenda; everyone may then download it and add research. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingCasesView, MeetingDetailView } from '../../../shared/api-types';
import { apiGet, apiPost } from '../../api';
import { Button } from '../../components/Button';
import { Link } from '../../components/Link';

export function AgendaPublishing({ meeting }: { meeting: MeetingDetailView }) {
  const { t } = useTranslation('room');
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
          {t('publishing.published')} <a href={`/api/meetings/${meeting.id}/agenda.docx`}>{t('publishing.word')}</a> ·{' '}
          <a href={`/api/meetings/${meeting.id}/agenda.pdf`}>{t('publishing.pdf')}</a>
          {meeting.abilities.research && (
            <>
              {' '}
              · <Link to={`/meetings/${meeting.id}/research`}>{t('publishing.research')}</Link>
            </>
          )}
        </p>
      ) : (
        <p>{t('publishing.notPublished')}</p>
      )}
      {meeting.abilities.runQueue && (
        <Button small variant="secondary" onClick={publish}>
          {publishedAt ? t('publishing.publishAgain') : t('publishing.publish')}
        </Button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviousMinutesView } from '../../../shared/api-types';
import { useFormat } from '../../i18n';
import { apiGet, apiPost } from '../../api';
import { Link } from '../../components/Link';
import { AgreeWithAmendments } from './AgreeWithAmendments';

/**
 * The standing item "Minutes of the last meeting": the previous minutes (link and summary) and, for this meeting's
 * chair once it is live, "Agree as a correct record" or "Agree with amendments" (a short form: why, and what changed).
 */
export function PreviousMinutes({ meetingId, live, announce }: { meetingId: string; live: boolean; announce(m: string): void }) {
  const { t } = useTranslation('room');
  const format = useFormat();
  const [previous, setPrevious] = useState<PreviousMinutesView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [amending, setAmending] = useState(false);
  const load = useCallback(() => {
    apiGet<{ previous: PreviousMinutesView | null }>(`/meetings/${meetingId}/previous-minutes`).then(
      (body) => setPrevious(body.previous),
      (err: Error) => setError(err.message),
    );
  }, [meetingId]);
  useEffect(load, [load, live]);

  const agree = async () => {
    if (!previous) return;
    setBusy(true);
    try {
      await apiPost(`/meetings/${previous.meetingId}/minutes/agree`, { atMeetingId: meetingId });
      announce(t('previous.agreed'));
      load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="work-section" aria-labelledby="previous-minutes-heading">
      <h3 id="previous-minutes-heading">{t('previous.heading')}</h3>
      {error && <p role="alert">{error}</p>}
      {previous === undefined && !error && <p>{t('previous.loading')}</p>}
      {previous === null && <p className="govuk-body-s app-secondary-text">{t('previous.none')}</p>}
      {previous && (
        <>
          <p>
            <Link to={`/meetings/${previous.meetingId}/minutes`}>{t('previous.link', { date: format.longDay(previous.heldAt) })}</Link>{' '}
            {t('previous.summary', { version: previous.version, ...previous.summary })}
          </p>
          <p className={previous.agreed ? 'minutes-agreed' : 'minutes-draft'}>
            <strong>{previous.status}</strong>
          </p>
          {previous.canAgree && !amending && (
            <div className="govuk-button-group">
              <button className="govuk-button govuk-button--secondary app-button--small" type="button" disabled={busy} onClick={() => void agree()}>
                {t('previous.agree')}
              </button>
              <button className="govuk-button govuk-button--secondary app-button--small" type="button" aria-expanded={false} onClick={() => setAmending(true)}>
                {t('previous.agreeAmended')}
              </button>
            </div>
          )}
          {previous.canAgree && amending && (
            <AgreeWithAmendments
              previousMeetingId={previous.meetingId}
              atMeetingId={meetingId}
              onCancel={() => setAmending(false)}
              onAgreed={() => {
                setAmending(false);
                announce(t('previous.amendedAgreed'));
                load();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingDetailView, MinutesVersionView } from '../../../shared/api-types';
import type { MinutesView } from '../../../shared/minutes';
import { shortHash } from '../../../shared/minutes-house-style';
import { apiGet, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useFormat } from '../../i18n';
import { MinutesDocument } from './MinutesDocument';
import { Downloads } from './Downloads';
import { AmendForm } from './AmendForm';
import { Circulation } from './Circulation';

/** The record of an ended meeting: any version on screen, its downloads, and corrections for chairs and coordinators. */
export function MinutesPage({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation(['minutes', 'common']);
  const { dateTime, shortDateTime } = useFormat();
  const [meeting, setMeeting] = useState<MeetingDetailView | null>(null);
  const [data, setData] = useState<{ minutes: MinutesView; versions: MinutesVersionView[]; extractRecipients: string[] } | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [amending, setAmending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  // The save button sits at the foot of a long form: the result is shown, focused and scrolled to where the reader now is.
  const saved = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) saved.current?.focus();
  }, [notice]);

  useEffect(() => {
    apiGet<{ meeting: MeetingDetailView }>(`/meetings/${meetingId}`).then((b) => setMeeting(b.meeting), (e: Error) => setError(e.message));
  }, [meetingId]);
  useEffect(() => {
    apiGet<{ minutes: MinutesView; versions: MinutesVersionView[]; extractRecipients: string[] }>(`/meetings/${meetingId}/minutes${version ? `?version=${version}` : ''}`).then(
      (body) => {
        setData(body);
        setError(null);
      },
      (err: Error) => setError(err instanceof ApiError && err.status === 403 ? t('minutes:forbidden') : err.message),
    );
  }, [meetingId, version]);

  const latest = data?.versions[0]?.version ?? null;
  const viewing = data?.minutes.version.number ?? null;
  return (
    <section aria-labelledby="minutes-heading">
      <p className="breadcrumb">
        <Link to="/">{t('common:nav.meetings')}</Link> › <Link to={`/meetings/${meetingId}`}>{meeting?.title ?? t('minutes:meeting')}</Link>
      </p>
      <h1 id="minutes-heading" tabIndex={-1}>
        {meeting ? t('minutes:headingFor', { title: meeting.title, date: dateTime(meeting.scheduledAt) }) : t('minutes:heading')}
      </h1>
      {error && <p role="alert">{error}</p>}
      {data && meeting && (
        <div className="minutes-layout">
          <div>
            {notice && (
              // Focus moves to the banner (as GOV.UK's own script does for a success banner), scrolling it into view.
              <div ref={saved} tabIndex={-1} className="saved-banner">
                <NotificationBanner type="success">
                  <p className="govuk-notification-banner__heading">{notice}</p>
                  <p className="govuk-body">{t('minutes:earlierStay')}</p>
                </NotificationBanner>
              </div>
            )}
            {viewing !== latest && (
              <p className="govuk-inset-text">
                {t('minutes:readingOld', { viewing, latest })}{' '}
                <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => setVersion(null)}>
                  {t('minutes:showLatest')}
                </button>
              </p>
            )}
            {amending && viewing === latest ? (
              <AmendForm
                meeting={meeting}
                view={data.minutes}
                onAmended={(v) => {
                  setAmending(false);
                  setNotice(t('minutes:savedAs', { version: v }));
                  setVersion(v);
                }}
              />
            ) : (
              <MinutesDocument view={data.minutes} />
            )}
          </div>
          <aside className="minutes-side">
            {meeting.abilities.exportMinutes && <Downloads meetingId={meetingId} view={data.minutes} recipients={data.extractRecipients} />}
            {meeting.abilities.amendMinutes && viewing === latest && (
              <button className="govuk-button govuk-button--secondary app-button--small"
                type="button"
                onClick={() => {
                  setAmending((a) => !a);
                  setNotice('');
                }}
                aria-expanded={amending}
              >
                {t(amending ? 'minutes:cancelAmend' : 'minutes:amend')}
              </button>
            )}
            <section className="work-section" aria-labelledby="versions-heading">
              <h2 id="versions-heading">{t('minutes:versions')}</h2>
              <ol className="versions" reversed>
                {data.versions.map((v) => (
                  <li key={v.version}>
                    <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => setVersion(v.version)} aria-current={v.version === viewing ? 'true' : undefined}>
                      {t('minutes:version', { version: v.version })}
                    </button>{' '}
                    {t('minutes:versionBy', { date: shortDateTime(v.createdAt), name: v.createdBy.name, agency: v.createdBy.agency })}
                    <br />
                    <span className="app-secondary-text">{`SHA-256 ${shortHash(v.contentHash)}`}</span>
                    {v.note && <p>{t('minutes:reason', { note: v.note })}</p>}
                    {v.changes.length > 0 && <p className="govuk-body-s app-secondary-text">{t('minutes:changed', { changes: v.changes.join('; ') })}</p>}
                  </li>
                ))}
              </ol>
            </section>
          </aside>
        </div>
      )}
      {data && meeting?.abilities.circulateMinutes && viewing !== null && <Circulation meetingId={meetingId} version={viewing} />}
    </section>
  );
}

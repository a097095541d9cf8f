import { useEffect, useRef, useState } from 'react';
import type { MeetingDetailView, MinutesVersionView } from '../../../shared/api-types';
import type { MinutesView } from '../../../shared/minutes';
import { shortHash } from '../../../shared/minutes-house-style';
import { apiGet, ApiError } from '../../api';
import { Link } from '../../components/Link';
import { NotificationBanner } from '../../components/NotificationBanner';
import { formatMeetingDate } from '../../format';
import { MinutesDocument } from './MinutesDocument';
import { Downloads } from './Downloads';
import { AmendForm } from './AmendForm';
import { Circulation } from './Circulation';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The record of an ended meeting: any version on screen, its downloads, and corrections for chairs and coordinators. */
export function MinutesPage({ meetingId }: { meetingId: string }) {
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
      (err: Error) => setError(err instanceof ApiError && err.status === 403 ? 'Your role in this meeting does not include reading its minutes.' : err.message),
    );
  }, [meetingId, version]);

  const latest = data?.versions[0]?.version ?? null;
  const viewing = data?.minutes.version.number ?? null;
  return (
    <section aria-labelledby="minutes-heading">
      <p className="breadcrumb">
        <Link to="/">Meetings</Link> › <Link to={`/meetings/${meetingId}`}>{meeting?.title ?? 'Meeting'}</Link>
      </p>
      <h1 id="minutes-heading" tabIndex={-1}>
        Minutes{meeting ? `: ${meeting.title}, ${formatMeetingDate(meeting.scheduledAt)}` : ''}
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
                  <p className="govuk-body">The earlier versions stay exactly as they were.</p>
                </NotificationBanner>
              </div>
            )}
            {viewing !== latest && (
              <p className="govuk-inset-text">
                You are reading version {viewing}. The latest is version {latest}.{' '}
                <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => setVersion(null)}>
                  Show the latest
                </button>
              </p>
            )}
            {amending && viewing === latest ? (
              <AmendForm
                meeting={meeting}
                view={data.minutes}
                onAmended={(v) => {
                  setAmending(false);
                  setNotice(`Saved as version ${v}`);
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
                {amending ? 'Cancel the amendment' : 'Amend these minutes'}
              </button>
            )}
            <section className="work-section" aria-labelledby="versions-heading">
              <h2 id="versions-heading">Versions</h2>
              <ol className="versions" reversed>
                {data.versions.map((v) => (
                  <li key={v.version}>
                    <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => setVersion(v.version)} aria-current={v.version === viewing ? 'true' : undefined}>
                      Version {v.version}
                    </button>{' '}
                    {when.format(new Date(v.createdAt))}, {v.createdBy.name} ({v.createdBy.agency})
                    <br />
                    <span className="app-secondary-text">SHA-256 {shortHash(v.contentHash)}</span>
                    {v.note && <p>Reason: {v.note}</p>}
                    {v.changes.length > 0 && <p className="govuk-body-s app-secondary-text">Changed: {v.changes.join('; ')}</p>}
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

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgendaPublished } from '../../live/useAppNotices';
import type { MeetingView, ResearchNoticeView } from '../../../shared/api-types';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useSession } from '../../session';
import { apiGet } from '../../api';
import { Link } from '../../components/Link';
import { useFormat } from '../../i18n';
import { Tag, type TagColour } from '../../components/Tag';

const statusColour: Record<MeetingView['status'], TagColour> = { live: 'green', scheduled: 'blue', ended: 'grey', cancelled: 'red' };

function MeetingRow({ m }: { m: MeetingView }) {
  const { t } = useTranslation('series');
  const f = useFormat();
  return (
    <li>
      <Link className="govuk-link" to={`/meetings/${m.id}`}>
        {t('meetings.meetingLink', { title: m.title, date: f.dateTime(m.scheduledAt) })}
      </Link>
      <span className="app-meeting-list__facts">
        {' '}
        · {m.venue} <Tag colour={statusColour[m.status]}>{t(`meetings.status.${m.status}`)}</Tag>
      </span>
      {m.status === 'ended' && (
        <>
          {' '}
          · <Link to={`/meetings/${m.id}/minutes`}>{t('meetings.minutes')}</Link>
        </>
      )}
    </li>
  );
}

type SeriesLink = { id: string; name: string; abilities: { tracker: boolean; cases: boolean; outcomes: boolean } };

/** Meetings the person belongs to: what is coming up first, then the record of past ones, and each series' tracker. */
export function MeetingsList() {
  const { t } = useTranslation('series');
  const f = useFormat();
  const session = useSession();
  const [meetings, setMeetings] = useState<MeetingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<ResearchNoticeView[]>([]);
  const role = session?.user.role;
  const runsQueue = role === 'coordinator' || role === 'chair';
  // Fetched on load, on each notice and on each (re)connection: only the latest request's answer is shown.
  const noticesAsked = useRef(0);
  const loadNotices = useCallback(() => {
    const asked = ++noticesAsked.current;
    apiGet<{ notices: ResearchNoticeView[] }>('/research/notices').then((b) => asked === noticesAsked.current && setNotices(b.notices), () => undefined);
  }, []);
  useEffect(loadNotices, [loadNotices]);
  // A coordinator publishing an agenda now shows its banner here at once, without a reload (or once connected).
  useAgendaPublished(loadNotices);
  useEffect(() => {
    apiGet<{ meetings: MeetingView[] }>('/meetings').then(
      (body) => setMeetings(body.meetings),
      (err: Error) => setError(err.message),
    );
  }, []);
  // Cancelled meetings stay on their series' page, with the reason; this list is what to attend and what was held.
  const upcoming = meetings?.filter((m) => m.status === 'scheduled' || m.status === 'live') ?? [];
  const past = (meetings?.filter((m) => m.status === 'ended') ?? []).reverse();
  const [series, setSeries] = useState<SeriesLink[]>([]);
  useEffect(() => {
    // Every series the person belongs to (admins: all), including new ones with no meetings yet.
    apiGet<{ series: SeriesLink[] }>('/series').then((body) => setSeries(body.series), () => setSeries([]));
  }, []);
  return (
    <section aria-labelledby="meetings-heading">
      <h1 id="meetings-heading" className="govuk-heading-l" tabIndex={-1}>
        {t('meetings.heading')}
      </h1>
      {notices.map((n) => {
        const todo = n.cases.filter((c) => !c.researched);
        return (
          <NotificationBanner key={n.meetingId} id={`notice-${n.meetingId}`} title={t('meetings.agendaPublished')}>
            <p className="govuk-notification-banner__heading">
              {t('meetings.agendaPublishedText', { title: n.title, date: f.dateTime(n.scheduledAt) })}{' '}
              {todo.length > 0 ? t('meetings.researchMissing', { refs: todo.map((c) => c.ref).join(', ') }) : t('meetings.researchDone')}{' '}
              <Link className="govuk-notification-banner__link" to={`/meetings/${n.meetingId}/research`}>
                {t('meetings.addResearch')}
              </Link>
            </p>
          </NotificationBanner>
        );
      })}
      {error && <p role="alert">{t('meetings.couldNotLoad', { error })}</p>}
      {!meetings && !error && <p>{t('meetings.loading')}</p>}
      {meetings && meetings.length === 0 && <p>{t('meetings.none')}</p>}
      {upcoming.length > 0 && (
        <>
          <h2 id="upcoming-heading" className="govuk-heading-m">{t('meetings.upcoming')}</h2>
          <ul className="govuk-list govuk-list--spaced app-meeting-list" aria-labelledby="upcoming-heading">
            {upcoming.map((m) => (
              <MeetingRow key={m.id} m={m} />
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h2 id="past-heading" className="govuk-heading-m">{t('meetings.past')}</h2>
          <ul className="govuk-list govuk-list--spaced app-meeting-list" aria-labelledby="past-heading">
            {past.map((m) => (
              <MeetingRow key={m.id} m={m} />
            ))}
          </ul>
        </>
      )}
      {series.length > 0 && (
        <>
          <h2 id="series-list-heading" className="govuk-heading-m">{t('meetings.series')}</h2>
          <ul className="govuk-list govuk-list--spaced app-meeting-list" aria-labelledby="series-list-heading">
            {series.map((s) => (
              <li key={s.id}>
                <Link to={`/series/${s.id}`}>{t('meetings.allMeetings', { name: s.name })}</Link>
                {s.abilities.tracker && (
                  <>
                    {' '}
                    · <Link to={`/series/${s.id}/actions`}>{t('meetings.tracker', { name: s.name })}</Link>
                  </>
                )}
                {s.abilities.outcomes && (
                  <>
                    {' '}
                    · <Link to={`/series/${s.id}/outcomes`}>{t('meetings.outcomes', { name: s.name })}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
          {role !== 'admin' && series.some((s) => s.abilities.cases) && <h2 className="govuk-heading-m">{t('meetings.referralsAndCases')}</h2>}
          {role !== 'admin' && series.some((s) => s.abilities.cases) && (
            <ul className="govuk-list govuk-list--spaced app-meeting-list">
              {series.filter((s) => s.abilities.cases).map((s) => (
                <li key={s.id}>
                  {t('meetings.seriesLabel', { name: s.name })} <Link to={`/series/${s.id}/referrals/new`}>{t('meetings.refer')}</Link> ·{' '}
                  <Link to={`/series/${s.id}/referrals`}>{t('meetings.myReferrals')}</Link>
                  {runsQueue && (
                    <>
                      {' '}
                      · <Link to={`/series/${s.id}/referrals/queue`}>{t('meetings.queue')}</Link>
                    </>
                  )}{' '}
                  · <Link to={`/series/${s.id}/cases`}>{t('meetings.register')}</Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {(session?.user.role === 'coordinator' || session?.user.role === 'admin') && (
        <p>
          <Link to="/series/new">{t('meetings.setUp')}</Link>
        </p>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useAgendaPublished } from '../../live/useAppNotices';
import type { MeetingView, ResearchNoticeView } from '../../../shared/api-types';
import { NotificationBanner } from '../../components/NotificationBanner';
import { useSession } from '../../session';
import { apiGet } from '../../api';
import { Link } from '../../components/Link';
import { formatMeetingDate } from '../../format';
import { Tag, type TagColour } from '../../components/Tag';

const statusWords: Record<MeetingView['status'], string> = { live: 'Live now', scheduled: 'Scheduled', ended: 'Ended', cancelled: 'Cancelled' };
const statusColour: Record<MeetingView['status'], TagColour> = { live: 'green', scheduled: 'blue', ended: 'grey', cancelled: 'red' };

function MeetingRow({ m }: { m: MeetingView }) {
  return (
    <li>
      <Link className="govuk-link" to={`/meetings/${m.id}`}>
        {m.title}, {formatMeetingDate(m.scheduledAt)}
      </Link>
      <span className="app-meeting-list__facts">
        {' '}
        · {m.venue} <Tag colour={statusColour[m.status]}>{statusWords[m.status]}</Tag>
      </span>
      {m.status === 'ended' && (
        <>
          {' '}
          · <Link to={`/meetings/${m.id}/minutes`}>Minutes</Link>
        </>
      )}
    </li>
  );
}

type SeriesLink = { id: string; name: string; abilities: { tracker: boolean; cases: boolean; outcomes: boolean } };

/** Meetings the person belongs to: what is coming up first, then the record of past ones, and each series' tracker. */
export function MeetingsList() {
  const session = useSession();
  const [meetings, setMeetings] = useState<MeetingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notices, setNotices] = useState<ResearchNoticeView[]>([]);
  const role = session?.user.role;
  const runsQueue = role === 'coordinator' || role === 'chair';
  const loadNotices = useCallback(() => {
    apiGet<{ notices: ResearchNoticeView[] }>('/research/notices').then((b) => setNotices(b.notices), () => undefined);
  }, []);
  useEffect(loadNotices, [loadNotices]);
  // A coordinator publishing an agenda now shows its banner here at once, without a reload.
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
        Meetings
      </h1>
      {notices.map((n) => {
        const todo = n.cases.filter((c) => !c.researched);
        return (
          <NotificationBanner key={n.meetingId} id={`notice-${n.meetingId}`} title="Agenda published">
            <p className="govuk-notification-banner__heading">
              The agenda for {n.title}, {formatMeetingDate(n.scheduledAt)} is published.{' '}
              {todo.length > 0 ? `Your agency has not sent research on ${todo.map((c) => c.ref).join(', ')} yet.` : 'Your agency has sent research on every case.'}{' '}
              <Link className="govuk-notification-banner__link" to={`/meetings/${n.meetingId}/research`}>
                Add your research
              </Link>
            </p>
          </NotificationBanner>
        );
      })}
      {error && <p role="alert">Could not load meetings: {error}</p>}
      {!meetings && !error && <p>Loading meetings…</p>}
      {meetings && meetings.length === 0 && <p>No meetings yet.</p>}
      {upcoming.length > 0 && (
        <>
          <h2 id="upcoming-heading" className="govuk-heading-m">Live and upcoming</h2>
          <ul className="govuk-list govuk-list--spaced app-meeting-list" aria-labelledby="upcoming-heading">
            {upcoming.map((m) => (
              <MeetingRow key={m.id} m={m} />
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h2 id="past-heading" className="govuk-heading-m">Past meetings</h2>
          <ul className="govuk-list govuk-list--spaced app-meeting-list" aria-labelledby="past-heading">
            {past.map((m) => (
              <MeetingRow key={m.id} m={m} />
            ))}
          </ul>
        </>
      )}
      {series.length > 0 && (
        <>
          <h2 id="series-list-heading" className="govuk-heading-m">Series</h2>
          <ul className="govuk-list govuk-list--spaced app-meeting-list" aria-labelledby="series-list-heading">
            {series.map((s) => (
              <li key={s.id}>
                <Link to={`/series/${s.id}`}>{s.name}: all meetings</Link>
                {s.abilities.tracker && (
                  <>
                    {' '}
                    · <Link to={`/series/${s.id}/actions`}>Action tracker: {s.name}</Link>
                  </>
                )}
                {s.abilities.outcomes && (
                  <>
                    {' '}
                    · <Link to={`/series/${s.id}/outcomes`}>Outcomes dashboard: {s.name}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
          {role !== 'admin' && series.some((s) => s.abilities.cases) && <h2 className="govuk-heading-m">Referrals and cases</h2>}
          {role !== 'admin' && series.some((s) => s.abilities.cases) && (
            <ul className="govuk-list govuk-list--spaced app-meeting-list">
              {series.filter((s) => s.abilities.cases).map((s) => (
                <li key={s.id}>
                  {s.name}: <Link to={`/series/${s.id}/referrals/new`}>Refer a case</Link> · <Link to={`/series/${s.id}/referrals`}>My referrals</Link>
                  {runsQueue && (
                    <>
                      {' '}
                      · <Link to={`/series/${s.id}/referrals/queue`}>Referral queue</Link>
                    </>
                  )}{' '}
                  · <Link to={`/series/${s.id}/cases`}>Case register</Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {(session?.user.role === 'coordinator' || session?.user.role === 'admin') && (
        <p>
          <Link to="/series/new">Set up a series</Link>
        </p>
      )}
    </section>
  );
}

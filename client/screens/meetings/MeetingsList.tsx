import { useEffect, useState } from 'react';
import type { MeetingView } from '../../../shared/api-types';
import { apiGet } from '../../api';
import { Link } from '../../components/Link';
import { formatMeetingDate } from '../../format';

export function MeetingsList() {
  const [meetings, setMeetings] = useState<MeetingView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet<{ meetings: MeetingView[] }>('/meetings').then(
      (body) => setMeetings(body.meetings),
      (err: Error) => setError(err.message),
    );
  }, []);
  return (
    <section aria-labelledby="meetings-heading">
      <h1 id="meetings-heading" tabIndex={-1}>
        Meetings
      </h1>
      {error && <p role="alert">Could not load meetings: {error}</p>}
      {!meetings && !error && <p>Loading meetings…</p>}
      {meetings && meetings.length === 0 && <p>No meetings yet.</p>}
      {meetings && meetings.length > 0 && (
        <ul className="meeting-list">
          {meetings.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`}>{m.title}</Link>
              <span className="meta">
                {' '}
                {formatMeetingDate(m.scheduledAt)} · {m.venue} · <span className={`status status-${m.status}`}>{m.status}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

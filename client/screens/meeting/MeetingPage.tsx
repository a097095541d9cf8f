import { useEffect, useState } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiGet, ApiError } from '../../api';
import { formatMeetingDate } from '../../format';
import { useMeetingDoc } from '../../live/useMeetingDoc';
import { useAgenda } from '../../live/useAgenda';
import { SaveStatus } from '../../components/SaveStatus';
import { Link } from '../../components/Link';
import { AgendaEditor } from './AgendaEditor';

function LiveAgenda({ meetingId, canEdit }: { meetingId: string; canEdit: boolean }) {
  const { doc, status, readOnlyReason } = useMeetingDoc(meetingId);
  const items = useAgenda(doc);
  const readOnly = status === 'read-only' || !canEdit;
  return (
    <>
      <SaveStatus status={status} />
      {readOnlyReason && <p className="notice">{readOnlyReason}</p>}
      <AgendaEditor doc={doc} items={items} readOnly={readOnly} loading={status === 'connecting' && items.length === 0} />
    </>
  );
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const [meeting, setMeeting] = useState<MeetingDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    apiGet<{ meeting: MeetingDetailView }>(`/meetings/${meetingId}`).then(
      (body) => setMeeting(body.meeting),
      (err: Error) => setError(err instanceof ApiError && err.status === 404 ? 'This meeting does not exist.' : err.message),
    );
  }, [meetingId]);

  if (error) {
    return (
      <section aria-labelledby="meeting-heading">
        <h1 id="meeting-heading" tabIndex={-1}>
          Meeting not available
        </h1>
        <p role="alert">{error}</p>
        <Link to="/">Back to meetings</Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="meeting-heading">
      <p className="breadcrumb">
        <Link to="/">Meetings</Link>
      </p>
      <h1 id="meeting-heading" tabIndex={-1}>
        {meeting ? meeting.title : 'Meeting'}
      </h1>
      {meeting && (
        <p className="meta">
          {meeting.series.name} · {formatMeetingDate(meeting.scheduledAt)} · {meeting.venue} · You are here as{' '}
          <strong>{meeting.role}</strong>
        </p>
      )}
      {meeting && <LiveAgenda meetingId={meetingId} canEdit={meeting.abilities.edit} />}
    </section>
  );
}

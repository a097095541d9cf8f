import { useEffect, useState, lazy, Suspense } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiGet, ApiError } from '../../api';
import { formatMeetingDate } from '../../format';
import { useMeetingDoc } from '../../live/useMeetingDoc';
import { useAgenda } from '../../live/useAgenda';
import { SaveStatus } from '../../components/SaveStatus';
import { Link } from '../../components/Link';
import { AgendaEditor } from './AgendaEditor';
// The editor is most of the bundle: load it only when a meeting page needs it.
const CaseNotes = lazy(() => import('./CaseNotes').then((m) => ({ default: m.CaseNotes })));
import { RoomPanel } from './RoomPanel';
import { ItemWork } from './ItemWork';
import { useRoom } from '../../live/useRoom';
import { useSession } from '../../session';
import { roomEvents } from '../../../shared/room-protocol';

function LiveMeeting({ meeting }: { meeting: MeetingDetailView }) {
  const { doc, status, readOnlyReason, provider } = useMeetingDoc(meeting.id);
  const items = useAgenda(doc);
  const room = useRoom(meeting.id);
  const session = useSession();
  const [announcement, setAnnouncement] = useState('');
  const readOnly = status === 'read-only' || !meeting.abilities.edit || room.snapshot?.status === 'ended';
  const isChair = meeting.abilities.chair;
  const live = room.snapshot?.status === 'live';
  const current = items.find((i) => i.id === room.snapshot?.currentItemId) ?? null;
  const [pickedId, setPickedId] = useState('');
  const caseItems = items.filter((i) => i.caseRef || i.kind === 'new-referral' || i.kind === 'case-review');
  const notesItem = current ?? caseItems.find((i) => i.id === pickedId) ?? null;
  return (
    <div className="meeting-layout">
      <div>
        <SaveStatus status={status} />
        {readOnlyReason && <p className="notice">{readOnlyReason}</p>}
        {(room.snapshot?.status ?? meeting.status) === 'ended' && meeting.abilities.viewMinutes && (
          <p className="notice">
            The minutes were written when the meeting ended: <Link to={`/meetings/${meeting.id}/minutes`}>read the minutes</Link>
          </p>
        )}
        {room.error && <p role="alert">{room.error}</p>}
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        <p className="now-discussing" aria-live="polite">
          {current ? (
            <>
              Now discussing: <strong>{current.title}</strong>
              {current.caseRef && <> (case {current.caseRef})</>}
            </>
          ) : live ? (
            'The chair has not picked an item yet.'
          ) : null}
        </p>
        {!current && caseItems.length > 0 && (
          <label className="notes-picker">
            Show notes for
            <select value={notesItem?.id ?? ''} onChange={(e) => setPickedId(e.target.value)}>
              <option value="">Choose a case…</option>
              {caseItems.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title}
                  {item.caseRef ? ` (case ${item.caseRef})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        {notesItem && provider && session && (
          <Suspense fallback={<p>Loading the notes editor…</p>}>
          <CaseNotes
            key={`${notesItem.id}:${provider.roomname}`}
            doc={doc}
            provider={provider}
            itemId={notesItem.id}
            itemTitle={notesItem.title}
            user={session.user}
            readOnly={readOnly}
          />
          </Suspense>
        )}
        {notesItem && <ItemWork doc={doc} item={notesItem} readOnly={readOnly} meeting={meeting} />}
        <AgendaEditor
          doc={doc}
          items={items}
          readOnly={readOnly}
          loading={status === 'connecting' && items.length === 0}
          currentItemId={room.snapshot?.currentItemId ?? null}
          onDiscuss={
            isChair && live
              ? async (item) => {
                  const error = await room.send(roomEvents.move, { itemId: item.id });
                  setAnnouncement(error ? `Not moved: ${error}` : `Now discussing ${item.title}`);
                }
              : null
          }
        />
      </div>
      {room.snapshot && session && (
        <RoomPanel room={room} snapshot={room.snapshot} isChair={isChair} myId={session.user.id} announce={setAnnouncement} />
      )}
    </div>
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
      {meeting && <LiveMeeting meeting={meeting} />}
    </section>
  );
}

import { AgendaPublishing } from './AgendaPublishing';
import { useCallback, useEffect, useState } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiGet, ApiError } from '../../api';
import { formatMeetingDate } from '../../format';
import { useMeetingDoc } from '../../live/useMeetingDoc';
import { useAgenda } from '../../live/useAgenda';
import { useDocValue } from '../../live/useDocValue';
import { readDecision, takesDecision } from '../../../shared/item-work';
import { useEditingFocus } from '../../live/useEditingFocus';
import { SaveStatus } from '../../components/SaveStatus';
import { Link } from '../../components/Link';
import { AgendaEditor } from './AgendaEditor';
import { ItemStage } from './ItemStage';
import { RoomPanel } from './RoomPanel';
import { Confidentiality } from './Confidentiality';
import { useFollowChair } from './useFollowChair';
import { MinuteTaker } from './MinuteTaker';
import { MeetingEndContext, useMeetingEndFacts } from './meeting-end';
import { RestrictedNotes } from './RestrictedNotes';
import { useRoom } from '../../live/useRoom';
import { useSession } from '../../session';
import { roomEvents } from '../../../shared/room-protocol';
import { standingText, type AgendaItem } from '../../../shared/meeting-doc';

/** The series' own confidentiality wording, carried by the meeting's confidentiality item (null: the default). */
const seriesStatement = (doc: Parameters<typeof standingText>[0], items: AgendaItem[]): string | null => {
  const item = items.find((i) => i.kind === 'confidentiality');
  return item ? standingText(doc, item.id) : null;
};

/**
 * The one screen a meeting runs from: the agenda rail, the item on screen, the room panel. Every control is a real
 * button in reading order, so a chair can run the whole meeting by keyboard alone.
 */
function LiveMeeting({ meeting, onEnded }: { meeting: MeetingDetailView; onEnded(): void }) {
  const session = useSession();
  const { doc, status, readOnlyReason, refusedMessage, revokedMessage, provider } = useMeetingDoc(meeting.id, { persist: meeting.abilities.edit && meeting.status !== 'ended', userId: session?.user.id ?? null });
  const items = useAgenda(doc);
  const undecided = useDocValue(doc, (d) => items.filter((i) => takesDecision(i) && readDecision(d, i.id).outcome === null).map((i) => i.caseRef ?? i.title), [items]);
  const room = useRoom(meeting.id);
  const [announcement, setAnnouncement] = useState('');
  const snapshot = room.snapshot;
  const readOnly = status === 'read-only' || !meeting.abilities.edit || snapshot?.status === 'ended';
  const isChair = meeting.abilities.chair;
  const live = snapshot?.status === 'live';
  const view = useFollowChair(items, snapshot?.status ?? null, snapshot?.currentItemId ?? null);
  const shown = view.shown;
  const focus = useEditingFocus(room, shown?.id ?? null, !readOnly);
  const me = snapshot?.present.find((p) => p.id === session?.user.id);
  useEffect(() => setAnnouncement(view.announcement), [view.announcement]);
  const ended = snapshot?.status === 'ended' || meeting.status === 'ended';
  const end = useMeetingEndFacts(meeting, ended);
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);

  const discuss = async (item: AgendaItem) => {
    const error = await room.send(roomEvents.move, { itemId: item.id });
    if (!error) view.follow();
    setAnnouncement(error ? `Not moved: ${error}` : `Now discussing ${item.title}`);
  };
  const currentIndex = view.current ? items.findIndex((i) => i.id === view.current!.id) : -1;
  const previousItem = currentIndex > 0 ? items[currentIndex - 1] : null;
  const nextItem = currentIndex >= 0 ? (items[currentIndex + 1] ?? null) : (items[0] ?? null);

  return (
    <MeetingEndContext.Provider value={end}>
    <div className="room-screen">
      <div className="room-bar">
        <SaveStatus status={status} />
        {readOnlyReason && <p className="notice">{readOnlyReason}</p>}
        {refusedMessage && (
          <p className="notice" role="alert">
            Not kept: {refusedMessage}
          </p>
        )}
        {(room.snapshot?.status ?? meeting.status) === 'ended' && meeting.abilities.viewMinutes && (
          <p className="notice">
            The minutes were written when the meeting ended: <Link to={`/meetings/${meeting.id}/minutes`}>read the minutes</Link>
          </p>
        )}
        {(revokedMessage ?? room.revoked) && (
          <p role="alert" className="notice app-access-ended">
            <strong>{revokedMessage ?? room.revoked}</strong>
          </p>
        )}
        {room.error && <p role="alert">{room.error}</p>}
        {(room.snapshot?.status ?? meeting.status) === 'scheduled' && <AgendaPublishing meeting={meeting} />}
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        <p className="now-discussing" aria-live="polite">
          {view.current ? (
            <>
              Now discussing: <strong>{view.current.title}</strong>
              {view.current.caseRef && <> (case {view.current.caseRef})</>}
            </>
          ) : live ? (
            'The chair has not picked an item yet.'
          ) : null}
        </p>
        {live && (
          <div className="view-mode" role="group" aria-label="Your view">
            {view.pinned ? (
              <>
                <span>
                  <span aria-hidden="true">📌 </span>Pinned: <strong>{view.pinned.title}</strong>
                </span>
                <button type="button" onClick={view.follow}>
                  {isChair ? 'Back to the item under discussion' : 'Follow the chair'}
                </button>
              </>
            ) : isChair ? (
              // The chair leads: "Following the chair" would be about themselves.
              <span>You lead the room: people following you see the item you discuss.</span>
            ) : (
              <span>
                <span aria-hidden="true">→ </span>Following the chair
              </span>
            )}
          </div>
        )}
        {isChair && live && items.length > 0 && (
          <div className="button-row" role="group" aria-label="Move the room">
            {previousItem && (
              <button type="button" onClick={() => void discuss(previousItem)}>
                ← Previous: {previousItem.title}
              </button>
            )}
            {nextItem && (
              <button type="button" onClick={() => void discuss(nextItem)}>
                Next: {nextItem.title} →
              </button>
            )}
          </div>
        )}
      </div>
      {live && me && <Confidentiality room={room} acknowledged={me.acknowledged} statement={seriesStatement(doc, items)} />}
      <div className="room-layout">
        <AgendaEditor
          doc={doc}
          items={items}
          readOnly={readOnly}
          loading={status === 'connecting' && items.length === 0}
          currentItemId={snapshot?.currentItemId ?? null}
          shownItemId={shown?.id ?? null}
          editors={snapshot?.present.filter((p) => p.id !== session?.user.id) ?? []}
          onView={(item) => view.pick(item.id)}
          onDiscuss={isChair && live ? (item) => void discuss(item) : null}
        />
        {session && (
          <ItemStage
            live={live}
            doc={doc}
            provider={provider}
            item={shown}
            number={shown ? items.findIndex((i) => i.id === shown.id) + 1 : 0}
            isCurrent={shown !== null && shown.id === view.current?.id}
            emptyText={
              live ? 'The chair has not picked an item yet. Choose View on any agenda item to read it.' : 'Choose View on an agenda item to read it and its notes.'
            }
            readOnly={readOnly}
            meeting={meeting}
            user={session.user}
            focus={focus}
            onDetailsError={() => setAnnouncement('That value was not saved: check its length')}
            below={
              // Chair-only restricted notes (issue 4): their own document and connection, mounted only for chairs.
              meeting.abilities.restrictedNotes && shown ? (
                <RestrictedNotes meetingId={meeting.id} item={shown} user={session.user} ended={snapshot?.status === 'ended'} />
              ) : null
            }
          />
        )}
        {snapshot && session && (
          <RoomPanel room={room} snapshot={snapshot} items={items} isChair={isChair} myId={session.user.id} announce={setAnnouncement} undecided={undecided} />
        )}
      </div>
    </div>
    </MeetingEndContext.Provider>
  );
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const [meeting, setMeeting] = useState<MeetingDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [endedHere, setEndedHere] = useState(false);
  const onEnded = useCallback(() => setEndedHere(true), []);
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
      {meeting && <MinuteTaker meeting={meeting} ended={endedHere} />}
      {meeting && <LiveMeeting meeting={meeting} onEnded={onEnded} />}
    </section>
  );
}

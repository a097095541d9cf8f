import { AgendaPublishing } from './AgendaPublishing';
import { Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
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
import { Button } from '../../components/Button';
import { NotificationBanner } from '../../components/NotificationBanner';
import { AgendaEditor } from './AgendaEditor';
import { ItemStage } from './ItemStage';
import { RoomPanel } from './RoomPanel';
import { Confidentiality } from './Confidentiality';
import { useFollowChair } from './useFollowChair';
import { MinuteTaker } from './MinuteTaker';
import { MeetingEndContext, useMeetingEndFacts } from './meeting-end';
import { RestrictedNotes } from './RestrictedNotes';
import { InviteGuest } from './InviteGuest';
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
function LiveMeeting({ meeting, minuteTaker, onEnded, onRoleChanged }: { meeting: MeetingDetailView; minuteTaker: ReactNode; onEnded(): void; onRoleChanged(): void }) {
  const session = useSession();
  const { doc, status, readOnlyReason, refusedMessage, dismissRefused, revokedMessage, provider } = useMeetingDoc(meeting.id, { persist: meeting.abilities.edit && meeting.status !== 'ended', userId: session?.user.id ?? null });
  const items = useAgenda(doc);
  const undecided = useDocValue(doc, (d) => items.filter((i) => takesDecision(i) && readDecision(d, i.id).outcome === null).map((i) => i.caseRef ?? i.title), [items]);
  const room = useRoom(meeting.id);
  // A new role: fetch what it may do, so the controls on screen match what the server now allows.
  useEffect(() => {
    if (room.revoked?.cause === 'roleChanged') onRoleChanged();
  }, [room.revoked, onRoleChanged]);
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
      {/* One bar above the three columns: save state and, once live, the item under discussion, the view mode and
          the chair's Previous/Next, on one line at desktop width so the agenda rail starts high. Notices add lines
          only while there is something to say. */}
      <div className={`room-bar${live ? ' room-bar--live' : ''}`}>
        <SaveStatus status={status} />
        {live && (
          <>
            <p className="now-discussing" aria-live="polite">
              {view.current ? (
                <>
                  Now discussing: <strong>{view.current.title}</strong>
                  {view.current.caseRef && <> (case {view.current.caseRef})</>}
                </>
              ) : (
                'The chair has not picked an item yet.'
              )}
            </p>
            <div className="view-mode" role="group" aria-label="Your view">
              {view.pinned ? (
                <>
                  <span className="view-mode__pinned">
                    <span aria-hidden="true">📌 </span>Pinned: <strong>{view.pinned.title}</strong>
                  </span>
                  <Button variant="secondary" small onClick={view.follow}>
                    {isChair ? 'Back to the item under discussion' : 'Follow the chair'}
                  </Button>
                </>
              ) : isChair ? (
                // The chair leads: "Following the chair" would be about themselves.
                <span title="People following you see the item you discuss">
                  You lead the room<span className="govuk-visually-hidden">: people following you see the item you discuss</span>
                </span>
              ) : (
                <span>
                  <span aria-hidden="true">→ </span>Following the chair
                </span>
              )}
            </div>
            {isChair && items.length > 0 && (
              <div className="govuk-button-group app-button-group--tight app-room-move" role="group" aria-label="Move the room">
                {previousItem && (
                  <Button variant="secondary" small onClick={() => void discuss(previousItem)} title={`Previous: ${previousItem.title}`}>
                    ← Previous: {previousItem.title}
                  </Button>
                )}
                {nextItem && (
                  <Button small onClick={() => void discuss(nextItem)} title={`Next: ${nextItem.title}`}>
                    Next: {nextItem.title} →
                  </Button>
                )}
              </div>
            )}
          </>
        )}
        {readOnlyReason && <p className="app-room-notice">{readOnlyReason}</p>}
        {refusedMessage && (
          <p className="app-room-notice" role="alert">
            Not kept: {refusedMessage}{' '}
            <Button variant="secondary" small onClick={dismissRefused}>
              Dismiss<span className="govuk-visually-hidden"> this message</span>
            </Button>
          </p>
        )}
        {meeting.status === 'cancelled' && (
          <p className="app-room-notice" role="status">
            This meeting was cancelled{meeting.cancelReason ? `: ${meeting.cancelReason}` : ''}. It cannot be opened.
          </p>
        )}
        {(room.snapshot?.status ?? meeting.status) === 'ended' && meeting.abilities.viewMinutes && (
          <p className="app-room-notice">
            The minutes were written when the meeting ended:{' '}
            <Link className="govuk-link" to={`/meetings/${meeting.id}/minutes`}>
              read the minutes
            </Link>
          </p>
        )}
        {(revokedMessage ?? room.revoked?.message) && (
          <p role="alert" className="app-room-notice app-access-ended">
            <strong>{revokedMessage ?? room.revoked?.message}</strong>
          </p>
        )}
        {room.notice && (
          <NotificationBanner id="room-notice" title="Agenda changed">
            {room.notice}
          </NotificationBanner>
        )}
        {room.error && (
          <p className="govuk-error-message" role="alert">
            {room.error}
          </p>
        )}
        {(room.snapshot?.status ?? meeting.status) === 'scheduled' && <AgendaPublishing meeting={meeting} />}
      </div>
      <p className="govuk-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <div className="room-layout">
        <AgendaEditor
          doc={doc}
          items={items}
          canRestructure={!readOnly && meeting.abilities.editAgenda}
          loading={status === 'connecting' && items.length === 0}
          currentItemId={snapshot?.currentItemId ?? null}
          shownItemId={shown?.id ?? null}
          editors={snapshot?.present.filter((p) => p.id !== session?.user.id) ?? []}
          onView={(item) => view.pick(item.id)}
          onDiscuss={isChair && live ? (item) => void discuss(item) : null}
        />
        <div className="room-stage">
        {live && me && <Confidentiality room={room} acknowledged={me.acknowledged} statement={seriesStatement(doc, items)} />}
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
        </div>
        {snapshot && session && (
          <RoomPanel room={room} snapshot={snapshot} items={items} isChair={isChair} myId={session.user.id} announce={setAnnouncement} undecided={undecided} minuteTaker={minuteTaker}>
            {meeting.abilities.invite && !ended && (
              // Its words load with their own catalogue: only this waits for them, never the room around it.
              <Suspense fallback={null}>
                <InviteGuest meetingId={meeting.id} />
              </Suspense>
            )}
          </RoomPanel>
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
  const load = useCallback(() => {
    apiGet<{ meeting: MeetingDetailView }>(`/meetings/${meetingId}`).then(
      (body) => setMeeting(body.meeting),
      (err: Error) => setError(err instanceof ApiError && err.status === 404 ? 'This meeting does not exist.' : err.message),
    );
  }, [meetingId]);
  useEffect(load, [load]);

  if (error) {
    return (
      <section aria-labelledby="meeting-heading">
        <h1 id="meeting-heading" className="govuk-heading-l" tabIndex={-1}>
          Meeting not available
        </h1>
        <p className="govuk-body" role="alert">
          {error}
        </p>
        <Link to="/" className="govuk-link">
          Back to meetings
        </Link>
      </section>
    );
  }
  // The heading is the meeting's title; the line under it adds only what the title does not say (no repeat).
  const facts = meeting
    ? [meeting.series.name !== meeting.title ? meeting.series.name : null, formatMeetingDate(meeting.scheduledAt), meeting.venue].filter(Boolean).join(' · ')
    : '';
  return (
    <section aria-labelledby="meeting-heading">
      {/* No breadcrumbs here: the service navigation's "Meetings" is the way back, and the rail needs the height. */}
      <div className="app-room-head">
        <h1 id="meeting-heading" className="govuk-heading-m" tabIndex={-1}>
          {meeting ? meeting.title : 'Meeting'}
        </h1>
        {meeting && (
          <p className="govuk-body-s app-room-head__facts">
            {facts} · You are here as <strong>{meeting.role}</strong>
          </p>
        )}
      </div>
      {meeting && <LiveMeeting meeting={meeting} minuteTaker={<MinuteTaker meeting={meeting} ended={endedHere} />} onEnded={onEnded} onRoleChanged={load} />}
    </section>
  );
}

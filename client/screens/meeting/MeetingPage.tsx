import { AgendaPublishing } from './AgendaPublishing';
import { Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiGet, ApiError } from '../../api';
import { useFormat } from '../../i18n';
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
import { noticeText, refusalText } from '../../live/room-text';
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
  const { t } = useTranslation('room');
  const session = useSession();
  const { doc, status, readOnlyReason, refused, dismissRefused, revokedCause, provider } = useMeetingDoc(meeting.id, { persist: meeting.abilities.edit && meeting.status !== 'ended', userId: session?.user.id ?? null });
  const items = useAgenda(doc);
  const undecided = useDocValue(doc, (d) => items.filter((i) => takesDecision(i) && readDecision(d, i.id).outcome === null).map((i) => i.caseRef ?? i.title), [items]);
  const room = useRoom(meeting.id, meeting.role);
  // A new role: fetch what it may do, so the controls on screen match what the server now allows.
  useEffect(() => {
    if (room.revoked?.cause === 'roleChanged') onRoleChanged();
  }, [room.revoked, onRoleChanged]);
  const [announcement, setAnnouncement] = useState('');
  const format = useFormat();
  const revoked = revokedCause ?? room.revoked?.cause ?? null;
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
    setAnnouncement(error ? t('bar.notMoved', { error }) : t('bar.movedTo', { title: item.title }));
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
                <Trans
                  t={t}
                  i18nKey={view.current.caseRef ? 'bar.nowDiscussingCase' : 'bar.nowDiscussing'}
                  values={{ title: view.current.title, caseRef: view.current.caseRef }}
                  components={{ strong: <strong /> }}
                />
              ) : (
                t('bar.noItemYet')
              )}
            </p>
            <div className="view-mode" role="group" aria-label={t('bar.yourView')}>
              {view.pinned ? (
                <>
                  <span className="view-mode__pinned">
                    <span aria-hidden="true">📌 </span>
                    <Trans t={t} i18nKey="bar.pinned" values={{ title: view.pinned.title }} components={{ strong: <strong /> }} />
                  </span>
                  <Button variant="secondary" small onClick={view.follow}>
                    {isChair ? t('bar.backToCurrent') : t('bar.followChair')}
                  </Button>
                </>
              ) : isChair ? (
                // The chair leads: "Following the chair" would be about themselves.
                <span title={t('bar.leadTitle')}>
                  {t('bar.lead')}<span className="govuk-visually-hidden">{t('bar.leadHidden')}</span>
                </span>
              ) : (
                <span>
                  <span aria-hidden="true">→ </span>{t('bar.following')}
                </span>
              )}
            </div>
            {isChair && items.length > 0 && (
              <div className="govuk-button-group app-button-group--tight app-room-move" role="group" aria-label={t('bar.moveRoom')}>
                {previousItem && (
                  <Button variant="secondary" small onClick={() => void discuss(previousItem)} title={t('bar.previousTitle', { title: previousItem.title })}>
                    {t('bar.previous', { title: previousItem.title })}
                  </Button>
                )}
                {nextItem && (
                  <Button small onClick={() => void discuss(nextItem)} title={t('bar.nextTitle', { title: nextItem.title })}>
                    {t('bar.next', { title: nextItem.title })}
                  </Button>
                )}
              </div>
            )}
          </>
        )}
        {readOnlyReason && <p className="app-room-notice">{t(`readOnly.${readOnlyReason}` as const)}</p>}
        {refused && (
          <p className="app-room-notice" role="alert">
            {t('bar.notKept', { reasons: refusalText(t, format.lang, refused) })}{' '}
            <Button variant="secondary" small onClick={dismissRefused}>
              {t('bar.dismiss')}<span className="govuk-visually-hidden">{t('bar.dismissHidden')}</span>
            </Button>
          </p>
        )}
        {meeting.status === 'cancelled' && (
          <p className="app-room-notice" role="status">
            {meeting.cancelReason ? t('bar.cancelledBecause', { reason: meeting.cancelReason }) : t('bar.cancelled')}
          </p>
        )}
        {(room.snapshot?.status ?? meeting.status) === 'ended' && meeting.abilities.viewMinutes && (
          <p className="app-room-notice">
            <Trans t={t} i18nKey="bar.minutesWritten" components={{ minutes: <Link className="govuk-link" to={`/meetings/${meeting.id}/minutes`} /> }} />
          </p>
        )}
        {revoked && (
          <p role="alert" className="app-room-notice app-access-ended">
            <strong>{t(`revoked.${revoked}` as const)}</strong>
          </p>
        )}
        {room.notice && (
          <NotificationBanner id="room-notice" title={t('bar.agendaChanged')}>
            {noticeText(t, room.notice)}
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
              live ? t('bar.emptyLive') : t('bar.emptyNotLive')
            }
            readOnly={readOnly}
            meeting={meeting}
            user={session.user}
            focus={focus}
            onDetailsError={() => setAnnouncement(t('bar.valueNotSaved'))}
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
  const { t } = useTranslation('room');
  const format = useFormat();
  const [meeting, setMeeting] = useState<MeetingDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [endedHere, setEndedHere] = useState(false);
  const onEnded = useCallback(() => setEndedHere(true), []);
  const load = useCallback(() => {
    apiGet<{ meeting: MeetingDetailView }>(`/meetings/${meetingId}`).then(
      (body) => setMeeting(body.meeting),
      (err: Error) => setError(err instanceof ApiError && err.status === 404 ? t('page.doesNotExist') : err.message),
    );
  }, [meetingId, t]);
  useEffect(load, [load]);

  if (error) {
    return (
      <section aria-labelledby="meeting-heading">
        <h1 id="meeting-heading" className="govuk-heading-l" tabIndex={-1}>
          {t('page.notAvailable')}
        </h1>
        <p className="govuk-body" role="alert">
          {error}
        </p>
        <Link to="/" className="govuk-link">
          {t('page.backToMeetings')}
        </Link>
      </section>
    );
  }
  // The heading is the meeting's title; the line under it adds only what the title does not say (no repeat).
  const facts = meeting
    ? [meeting.series.name !== meeting.title ? meeting.series.name : null, format.dateTime(meeting.scheduledAt), meeting.venue].filter(Boolean).join(' · ')
    : '';
  return (
    <section aria-labelledby="meeting-heading">
      {/* No breadcrumbs here: the service navigation's "Meetings" is the way back, and the rail needs the height. */}
      <div className="app-room-head">
        <h1 id="meeting-heading" className="govuk-heading-m" tabIndex={-1}>
          {meeting ? meeting.title : t('page.meeting')}
        </h1>
        {meeting && (
          <p className="govuk-body-s app-room-head__facts">
            {facts} · <Trans t={t} i18nKey="page.youAreHereAs" values={{ role: t(`role.${meeting.role}`) }} components={{ strong: <strong /> }} />
          </p>
        )}
      </div>
      {meeting && <LiveMeeting meeting={meeting} minuteTaker={<MinuteTaker meeting={meeting} ended={endedHere} />} onEnded={onEnded} onRoleChanged={load} />}
    </section>
  );
}

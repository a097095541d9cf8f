import { useEffect, useState, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { roomEvents, type RoomSnapshot, type RoomTimer, type UnassignedNotice } from '../../../shared/room-protocol';
import type { SeriesRole } from '../../../shared/domain';
import { unassignedText } from '../../live/room-text';
import type { Room } from '../../live/useRoom';
import type { AgendaItem } from '../../../shared/meeting-doc';
import { EndMeeting } from './EndMeeting';

function elapsedSeconds(timer: RoomTimer, now: number): number {
  const running = timer.running && timer.startedAt !== null ? now - timer.startedAt : 0;
  // Server and browser clocks can differ a little: never show a negative time.
  return Math.max(0, Math.floor((timer.elapsedMs + running) / 1000));
}
const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

function Timer({ timer }: { timer: RoomTimer }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!timer.running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [timer.running, timer.startedAt, timer.elapsedMs]);
  const { t } = useTranslation('room');
  const seconds = elapsedSeconds(timer, now);
  const over = seconds > timer.targetSeconds;
  return (
    <p className={`timer${over ? ' timer-over' : ''}`}>
      <Trans
        t={t}
        i18nKey="panel.timer"
        values={{ elapsed: mmss(seconds), target: mmss(timer.targetSeconds), state: timer.running ? t('panel.running') : t('panel.paused') }}
        components={{ strong: <strong /> }}
      />
      {over && <strong>{t('panel.overTime')}</strong>}
    </p>
  );
}

interface Props {
  room: Room;
  snapshot: RoomSnapshot;
  /** The agenda, to name the item someone is editing. */
  items: AgendaItem[];
  isChair: boolean;
  myId: string;
  announce(message: string): void;
  /** Case items still without a decision outcome: the chair is told before ending. */
  undecided?: string[];
  /** Who takes the minutes (the chair chooses here; everyone else reads it). */
  minuteTaker?: ReactNode;
  /** What only some may do, below the room's own controls (the guest invite). */
  children?: ReactNode;
}

export function RoomPanel({ room, snapshot, items, isChair, myId, announce, undecided = [], minuteTaker, children }: Props) {
  const { t } = useTranslation('room');
  const [endNotices, setEndNotices] = useState<string[]>([]);
  const act = async (event: string, payload?: Record<string, unknown>, done?: string) => {
    const error = await room.send(event, payload);
    announce(error ? t('panel.notDone', { error }) : (done ?? ''));
  };
  /** Ending always succeeds for content; what the server had to record differently it says in the acknowledgement. */
  const end = async () => {
    const { error, data } = await room.request(roomEvents.end);
    const notices = (data as { notices?: unknown } | null)?.notices;
    const list = Array.isArray(notices)
      ? notices.filter((n): n is UnassignedNotice => typeof n?.what === 'string' && typeof n?.item === 'string').map((n) => unassignedText(t, n))
      : [];
    setEndNotices(list);
    announce(error ? t('panel.notDone', { error }) : [t('panel.ended'), ...list].join('. '));
  };
  const myHand = snapshot.hands.some((h) => h.personId === myId);
  const live = snapshot.status === 'live';
  const acknowledged = snapshot.present.filter((p) => p.acknowledged).length;
  const titleOf = (itemId: string) => items.find((i) => i.id === itemId)?.title ?? t('panel.anItem');
  return (
    <section aria-labelledby="room-heading" className="room-panel">
      <h2 id="room-heading">{t('panel.heading')}</h2>
      <p>
        <Trans t={t} i18nKey="panel.meetingStatus" values={{ status: t(`status.${snapshot.status}`) }} components={{ strong: <strong className={`status status-${snapshot.status}`} /> }} />
      </p>
      {minuteTaker}
      {isChair && snapshot.status === 'scheduled' && (
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.open, undefined, t('panel.opened'))}>
          {t('panel.open')}
        </button>
      )}
      {live && <Timer timer={snapshot.timer} />}
      {isChair && live && (
        <div className="govuk-button-group app-button-group--tight app-room-panel__buttons" role="group" aria-label={t('panel.timerGroup')}>
          <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.timer, { action: snapshot.timer.running ? 'pause' : 'start' })}>
            {snapshot.timer.running ? t('panel.pauseTimer') : t('panel.startTimer')}
          </button>
          <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.timer, { action: 'reset' })}>
            {t('panel.resetTimer')}
          </button>
        </div>
      )}
      <h3>{t('panel.present', { count: snapshot.present.length })}</h3>
      {isChair && live && (
        <p className="ack-count">
          <Trans t={t} i18nKey="panel.acknowledgedCount" values={{ acknowledged, present: snapshot.present.length }} components={{ strong: <strong /> }} />
        </p>
      )}
      <ul className="people" aria-label={t('panel.peoplePresent')}>
        {snapshot.present.map((p) => (
          <li key={p.id}>
            {p.name}
            {p.id === myId && t('panel.you')} <span className="app-secondary-text">{t('panel.personFacts', { agency: p.agency, role: t(`role.${p.role as SeriesRole}`) })}</span>
            {live && (
              <span className={`ack ${p.acknowledged ? 'ack-yes' : 'ack-no'}`}>
                {p.acknowledged ? t('panel.acknowledged') : t('panel.notAcknowledged')}
              </span>
            )}
            {p.editingItemId && (
              <span className="editing">
                <span aria-hidden="true">✎ </span>
                {t('panel.editing', { title: titleOf(p.editingItemId) })}
              </span>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('panel.speakerQueue')}</h3>
      {snapshot.speaker && (
        <p>
          <Trans t={t} i18nKey="panel.speaking" values={{ name: snapshot.speaker.name, agency: snapshot.speaker.agency }} components={{ strong: <strong /> }} />
        </p>
      )}
      {snapshot.hands.length === 0 ? (
        <p>{t('panel.noHands')}</p>
      ) : (
        <ol aria-label={t('panel.raisedHands')}>
          {snapshot.hands.map((h) => (
            <li key={h.personId}>{t('panel.hand', { name: h.name, agency: h.agency })}</li>
          ))}
        </ol>
      )}
      {live && (
        <div className="govuk-button-group app-button-group--tight app-room-panel__buttons">
          <button className="govuk-button govuk-button--secondary app-button--small" type="button" aria-pressed={myHand} onClick={() => void act(roomEvents.hand, { raised: !myHand }, myHand ? t('panel.handLowered') : t('panel.handRaised'))}>
            {myHand ? t('panel.lowerHand') : t('panel.raiseHand')}
          </button>
          {isChair && (
            <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.nextSpeaker)}>
              {t('panel.callNext')}
            </button>
          )}
        </div>
      )}
      {isChair && live && <EndMeeting undecided={undecided} onEnd={end} />}
      {endNotices.length > 0 && (
        <div className="govuk-inset-text" role="status">
          <p>{t('panel.endNotices')}</p>
          <ul>
            {endNotices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {children}
    </section>
  );
}

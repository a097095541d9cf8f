import { useEffect, useState, type ReactNode } from 'react';
import { roomEvents, type RoomSnapshot, type RoomTimer } from '../../../shared/room-protocol';
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
  const seconds = elapsedSeconds(timer, now);
  const over = seconds > timer.targetSeconds;
  return (
    <p className={`timer${over ? ' timer-over' : ''}`}>
      Item timer: <strong>{mmss(seconds)}</strong> of {mmss(timer.targetSeconds)} {timer.running ? '(running)' : '(paused)'}
      {over && <strong> — over time</strong>}
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
  const [endNotices, setEndNotices] = useState<string[]>([]);
  const act = async (event: string, payload?: Record<string, unknown>, done?: string) => {
    const error = await room.send(event, payload);
    announce(error ? `Not done: ${error}` : (done ?? ''));
  };
  /** Ending always succeeds for content; what the server had to record differently it says in the acknowledgement. */
  const end = async () => {
    const { error, data } = await room.request(roomEvents.end);
    const notices = (data as { notices?: unknown } | null)?.notices;
    const list = Array.isArray(notices) ? notices.filter((n): n is string => typeof n === 'string') : [];
    setEndNotices(list);
    announce(error ? `Not done: ${error}` : ['Meeting ended', ...list].join('. '));
  };
  const myHand = snapshot.hands.some((h) => h.personId === myId);
  const live = snapshot.status === 'live';
  const acknowledged = snapshot.present.filter((p) => p.acknowledged).length;
  const titleOf = (itemId: string) => items.find((i) => i.id === itemId)?.title ?? 'an item';
  return (
    <section aria-labelledby="room-heading" className="room-panel">
      <h2 id="room-heading">Room</h2>
      <p>
        Meeting status: <strong className={`status status-${snapshot.status}`}>{snapshot.status}</strong>
      </p>
      {minuteTaker}
      {isChair && snapshot.status === 'scheduled' && (
        <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.open, undefined, 'Meeting opened')}>
          Open the meeting
        </button>
      )}
      {live && <Timer timer={snapshot.timer} />}
      {isChair && live && (
        <div className="govuk-button-group app-button-group--tight app-room-panel__buttons" role="group" aria-label="Item timer">
          <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.timer, { action: snapshot.timer.running ? 'pause' : 'start' })}>
            {snapshot.timer.running ? 'Pause timer' : 'Start timer'}
          </button>
          <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.timer, { action: 'reset' })}>
            Reset timer
          </button>
        </div>
      )}
      <h3>Present ({snapshot.present.length})</h3>
      {isChair && live && (
        <p className="ack-count">
          Confidentiality: <strong>{acknowledged} of {snapshot.present.length} acknowledged</strong>
        </p>
      )}
      <ul className="people" aria-label="People present">
        {snapshot.present.map((p) => (
          <li key={p.id}>
            {p.name}
            {p.id === myId && ' (you)'} <span className="app-secondary-text">· {p.agency} · {p.role}</span>
            {live && (
              <span className={`ack ${p.acknowledged ? 'ack-yes' : 'ack-no'}`}>
                {p.acknowledged ? '✓ acknowledged confidentiality' : '○ not yet acknowledged'}
              </span>
            )}
            {p.editingItemId && (
              <span className="editing">
                <span aria-hidden="true">✎ </span>editing {titleOf(p.editingItemId)}
              </span>
            )}
          </li>
        ))}
      </ul>
      <h3>Speaker queue</h3>
      {snapshot.speaker && (
        <p>
          Speaking: <strong>{snapshot.speaker.name}</strong> ({snapshot.speaker.agency})
        </p>
      )}
      {snapshot.hands.length === 0 ? (
        <p>No hands raised.</p>
      ) : (
        <ol aria-label="Raised hands">
          {snapshot.hands.map((h) => (
            <li key={h.personId}>
              {h.name} ({h.agency})
            </li>
          ))}
        </ol>
      )}
      {live && (
        <div className="govuk-button-group app-button-group--tight app-room-panel__buttons">
          <button className="govuk-button govuk-button--secondary app-button--small" type="button" aria-pressed={myHand} onClick={() => void act(roomEvents.hand, { raised: !myHand }, myHand ? 'Hand lowered' : 'Hand raised')}>
            {myHand ? 'Lower hand' : 'Raise hand'}
          </button>
          {isChair && (
            <button className="govuk-button govuk-button--secondary app-button--small" type="button" onClick={() => void act(roomEvents.nextSpeaker)}>
              Call next speaker
            </button>
          )}
        </div>
      )}
      {isChair && live && <EndMeeting undecided={undecided} onEnd={end} />}
      {endNotices.length > 0 && (
        <div className="govuk-inset-text" role="status">
          <p>The meeting ended. Recorded differently from the document:</p>
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

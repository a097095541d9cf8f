/**
 * The live room of a meeting: now discussing, item timer, raised hands, speaker, open/ended.
 * The server owns it; every change is saved, versioned and broadcast as a small snapshot.
 */
import type { MeetingStatus } from '../../shared/domain.js';
import type { RaisedHand, RoomTimer, UnassignedNotice } from '../../shared/room-protocol.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import { agendaOf, readAgenda, readRemovedItems, removedMarkerKey } from '../../shared/meeting-doc.js';
import type { MinutesService } from './minutes/minutes-service.js';
import { AppError } from '../errors.js';
import { msg } from '../../shared/i18n/message.js';
import type { RecordsRepo } from '../db/records-repo.js';
import type { RoomStateRepo } from '../db/room-state-repo.js';
import type { Actor } from '../policies/index.js';
import type { YjsHost } from '../realtime/yjs-host.js';
import type { DocRoom } from '../realtime/doc-room.js';
import type { Audit } from './audit-service.js';
import type { WriteQueue } from './write-queue.js';

export interface RoomState {
  version: number;
  currentItemId: string | null;
  timer: RoomTimer;
  hands: RaisedHand[];
  speaker: { personId: string; name: string; agency: string } | null;
}

const defaultTimer = (): RoomTimer => ({ running: false, startedAt: null, elapsedMs: 0, targetSeconds: 600 });
const initialState = (): RoomState => ({ version: 0, currentItemId: null, timer: defaultTimer(), hands: [], speaker: null });

/** Why an ended meeting's documents are read-only (the screen words it: `room:readOnly.ended`). */
export const endedReason: ReadOnlyReason = 'ended';

export function createRoomService(deps: {
  repo: RoomStateRepo;
  records: RecordsRepo;
  minutes: MinutesService;
  yjs: () => YjsHost;
  audit: Audit;
  now: () => number;
  /** Writes kept and retried through storage faults (attendance): ending waits until they are all written. */
  writes?: WriteQueue;
  /** Runs once when a scheduled meeting goes live, with its loaded room (agencies' research becomes contributions). */
  onOpened?: (meetingId: string, room: DocRoom) => void;
}) {
  const { repo, records, audit, now } = deps;
  const cache = new Map<string, RoomState>();

  const stateOf = (meetingId: string): RoomState => {
    let state = cache.get(meetingId);
    if (!state) {
      state = { ...initialState(), ...((repo.load(meetingId) as Partial<RoomState> | null) ?? {}) };
      cache.set(meetingId, state);
    }
    return state;
  };
  const statusOf = (meetingId: string): MeetingStatus => {
    const meeting = records.findMeeting(meetingId);
    if (!meeting) throw new AppError('not_found', msg('room:server.noSuchMeeting'));
    return meeting.status;
  };
  const requireLive = (meetingId: string) => {
    const status = statusOf(meetingId);
    if (status === 'scheduled') throw new AppError('conflict', msg('room:server.notOpenYet'));
    if (status === 'ended') throw new AppError('conflict', msg('room:server.meetingEnded'));
    if (status === 'cancelled') throw new AppError('conflict', msg('room:server.meetingCancelled'));
  };
  /** The next state, saved before it replaces the current one: a refused save leaves the room as it was. */
  const change = (meetingId: string, mutate: (s: RoomState) => void): RoomState => {
    const next = structuredClone(stateOf(meetingId));
    mutate(next);
    next.version += 1;
    repo.save(meetingId, next, now());
    cache.set(meetingId, next);
    return next;
  };
  /**
   * After something already committed (the meeting ended): the room must follow whatever the storage says, so
   * the state changes now and its save goes through the retrying queue (which saves the latest state when it runs).
   */
  const changeAfterCommit = (meetingId: string, mutate: (s: RoomState) => void): RoomState => {
    const next = structuredClone(stateOf(meetingId));
    mutate(next);
    next.version += 1;
    cache.set(meetingId, next);
    const save = () => repo.save(meetingId, cache.get(meetingId) ?? next, now());
    if (deps.writes) deps.writes.write('room state', { meetingId }, save);
    else save();
    return next;
  };
  const pauseTimer = (t: RoomTimer, at: number) => {
    if (t.running && t.startedAt !== null) t.elapsedMs += at - t.startedAt;
    t.running = false;
    t.startedAt = null;
  };

  return {
    state: stateOf,
    statusOf,
    hasItem: async (meetingId: string, itemId: string): Promise<boolean> => readAgenda((await deps.yjs().room(meetingId)).doc).some((i) => i.id === itemId),

    /** Opens the meeting (audited once, when it goes live); opening a live meeting again only re-sends the room. */
    async open(meetingId: string, actor: Actor, ip: string | null): Promise<RoomState> {
      const status = statusOf(meetingId);
      if (status === 'ended') throw new AppError('conflict', msg('room:server.meetingEnded'));
      if (status === 'cancelled') throw new AppError('conflict', msg('room:server.cancelledCannotOpen'));
      if (status === 'scheduled') {
        repo.setStatus(meetingId, 'live', now());
        audit.record({ actorId: actor.id, action: 'meeting.open', targetType: 'meeting', targetId: meetingId, ip });
        deps.onOpened?.(meetingId, await deps.yjs().room(meetingId));
      }
      return change(meetingId, () => undefined);
    },

    async move(meetingId: string, itemId: string): Promise<RoomState> {
      requireLive(meetingId);
      const agenda = readAgenda((await deps.yjs().room(meetingId)).doc);
      if (!agenda.some((i) => i.id === itemId)) throw new AppError('not_found', msg('room:server.noSuchItem'));
      return change(meetingId, (s) => {
        s.currentItemId = itemId;
        s.timer = { ...defaultTimer(), targetSeconds: s.timer.targetSeconds };
        s.speaker = null;
      });
    },

    /**
     * The item being discussed was removed from the agenda (soft delete): nothing is being discussed now, rather than
     * a missing item. Returns the new state and what to tell the room, or null when the current item is still there.
     * Cheap when nothing changed, as it runs after every document transaction.
     */
    dropRemovedCurrent(meetingId: string): { state: RoomState; notice: { title: string | null; by: string | null } } | null {
      const currentItemId = stateOf(meetingId).currentItemId;
      if (!currentItemId) return null;
      // Runs after a transaction of the loaded document, so the room is in memory.
      const doc = deps.yjs().loadedRoom(meetingId)?.doc;
      if (!doc) return null;
      const item = agendaOf(doc).get(currentItemId);
      const marker = item?.get(removedMarkerKey);
      if (item && (marker === undefined || marker === null)) return null;
      if (statusOf(meetingId) !== 'live') return null;
      const removed = readRemovedItems(doc).find((i) => i.id === currentItemId);
      const state = change(meetingId, (s) => {
        s.currentItemId = null;
        pauseTimer(s.timer, now());
        s.speaker = null;
      });
      // Data, not words: each screen in the room says it in its reader's language (`room:notice.removedCurrent*`).
      return { state, notice: { title: removed?.title ?? null, by: removed?.removedBy || null } };
    },

    timer(meetingId: string, action: 'start' | 'pause' | 'reset', targetSeconds?: number): RoomState {
      requireLive(meetingId);
      return change(meetingId, (s) => {
        const at = now();
        if (targetSeconds) s.timer.targetSeconds = targetSeconds;
        if (action === 'start' && !s.timer.running) Object.assign(s.timer, { running: true, startedAt: at });
        if (action === 'pause') pauseTimer(s.timer, at);
        if (action === 'reset') s.timer = { ...defaultTimer(), targetSeconds: s.timer.targetSeconds };
      });
    },

    hand(actor: Actor, meetingId: string, raised: boolean): RoomState {
      requireLive(meetingId);
      return change(meetingId, (s) => {
        s.hands = s.hands.filter((h) => h.personId !== actor.id);
        if (raised) s.hands.push({ personId: actor.id, name: actor.name, agency: actor.agencyName, raisedAt: now() });
      });
    },

    nextSpeaker(meetingId: string): RoomState {
      requireLive(meetingId);
      return change(meetingId, (s) => {
        const next = s.hands.shift();
        s.speaker = next ? { personId: next.personId, name: next.name, agency: next.agency } : null;
      });
    },

    /**
     * Someone left (their last tab closed): they drop out of the speaker queue and lose the floor. Returns null when
     * they held neither, so a leave that changes nothing bumps no version.
     */
    left(meetingId: string, personId: string): RoomState | null {
      const state = stateOf(meetingId);
      if (!state.hands.some((h) => h.personId === personId) && state.speaker?.personId !== personId) return null;
      return change(meetingId, (s) => {
        s.hands = s.hands.filter((h) => h.personId !== personId);
        if (s.speaker?.personId === personId) s.speaker = null;
      });
    },

    /**
     * Ends the meeting: the minutes are written from the document and the meeting marked ended in one transaction,
     * then the document is frozen (the server refuses updates from now on). All of it runs without yielding, so no
     * edit can land between the minutes being read and the freeze.
     */
    async end(meetingId: string, actor: Actor, ip: string | null, alsoOnEnding: (endedAt: number) => void = () => undefined): Promise<RoomState & { notices: UnassignedNotice[] }> {
      requireLive(meetingId);
      // The minutes read attendance from the database: rows still waiting out a storage fault must be in first
      // (if the storage still refuses, ending fails with its words, e.g. "The database is busy; nothing was saved").
      deps.writes?.writeAllOrThrow();
      const room = await deps.yjs().room(meetingId);
      const endedAt = now();
      const recorded = await deps.minutes.recordAtEnd(meetingId, room.doc, actor, async () => {
        repo.setStatus(meetingId, 'ended', endedAt);
        alsoOnEnding(endedAt);
        // Inside the ending transaction: the audit row exists exactly when the meeting ended.
        audit.record({ actorId: actor.id, action: 'meeting.end', targetType: 'meeting', targetId: meetingId, ip });
      });
      deps.yjs().freezeMeeting(meetingId, endedReason);
      const state = changeAfterCommit(meetingId, (s) => {
        pauseTimer(s.timer, now());
        s.hands = [];
        s.speaker = null;
      });
      // Content never stops a meeting ending: an owner the records do not know is recorded as unassigned, and said.
      const notices: UnassignedNotice[] = recorded.unassigned.map((a) => ({ what: a.what, item: a.item }));
      return { ...state, notices };
    },
  };
}
export type RoomService = ReturnType<typeof createRoomService>;

/**
 * The live room of a meeting: now discussing, item timer, raised hands, speaker, open/ended.
 * The server owns it; every change is saved, versioned and broadcast as a small snapshot. Each command reads the
 * stored state, changes it and saves it with its version + 1 in one command transaction (server/db/stores/storage.ts),
 * so commands never lose one another's changes, whichever process ran them.
 */
import type { MeetingStatus } from '../../shared/domain.js';
import type { RaisedHand, RoomTimer, UnassignedNotice } from '../../shared/room-protocol.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import { agendaOf, readAgenda, readRemovedItems, removedMarkerKey } from '../../shared/meeting-doc.js';
import type { MinutesService } from './minutes/minutes-service.js';
import { AppError } from '../errors.js';
import { msg } from '../../shared/i18n/message.js';
import type { Stores } from '../db/stores/index.js';
import type { Storage } from '../db/stores/storage.js';
import type { Actor } from '../policies/index.js';
import type { YjsHost } from '../realtime/yjs-host.js';
import type { DocRoom } from '../realtime/doc-room.js';
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
  storage: Storage;
  minutes: MinutesService;
  yjs: () => YjsHost;
  now: () => number;
  /** Writes kept and retried through storage faults (attendance): ending waits until they are all written. */
  writes?: WriteQueue;
  /** Runs once when a scheduled meeting goes live, with its loaded room (agencies' research becomes contributions). */
  onOpened?: (meetingId: string, room: DocRoom) => void;
}) {
  const { storage, now } = deps;
  /** The latest state this process knows of each meeting (what snapshots show between commands). */
  const cache = new Map<string, RoomState>();
  const remember = (meetingId: string, state: RoomState): RoomState => {
    const known = cache.get(meetingId);
    if (!known || known.version <= state.version) cache.set(meetingId, state);
    return state;
  };

  const load = async (s: Stores, meetingId: string): Promise<RoomState> => ({ ...initialState(), ...(((await s.roomState.load(meetingId)) as Partial<RoomState> | null) ?? {}) });
  const stateOf = async (meetingId: string): Promise<RoomState> => cache.get(meetingId) ?? remember(meetingId, await load(storage.stores, meetingId));

  const statusIn = async (s: Stores, meetingId: string): Promise<MeetingStatus> => {
    const meeting = await s.records.findMeeting(meetingId);
    if (!meeting) throw new AppError('not_found', msg('room:server.noSuchMeeting'));
    return meeting.status;
  };
  const requireLiveIn = async (s: Stores, meetingId: string) => {
    const status = await statusIn(s, meetingId);
    if (status === 'scheduled') throw new AppError('conflict', msg('room:server.notOpenYet'));
    if (status === 'ended') throw new AppError('conflict', msg('room:server.meetingEnded'));
    if (status === 'cancelled') throw new AppError('conflict', msg('room:server.meetingCancelled'));
  };
  /**
   * Inside a command's transaction: the stored state, changed by `mutate` and saved with its version + 1 (a refused
   * save leaves the room as it was). `mutate` returning false means nothing changes: nothing saved, null returned.
   */
  const bump = async (s: Stores, meetingId: string, mutate: (state: RoomState) => boolean | void): Promise<RoomState | null> => {
    const next = structuredClone(await load(s, meetingId));
    if (mutate(next) === false) return null;
    next.version += 1;
    await s.roomState.save(meetingId, next, now());
    return next;
  };
  /** A live meeting's command: checked live and changed in one transaction, then known to this process. */
  const change = async (meetingId: string, mutate: (state: RoomState) => void): Promise<RoomState> => {
    const next = await storage.transaction(async (s) => {
      await requireLiveIn(s, meetingId);
      return (await bump(s, meetingId, mutate))!;
    });
    return remember(meetingId, next);
  };
  /**
   * After something already committed (the meeting ended): the room must follow whatever the storage says, so
   * the state changes now and its save goes through the retrying queue (which saves the latest state when it runs).
   */
  const changeAfterCommit = (meetingId: string, current: RoomState, mutate: (s: RoomState) => void): RoomState => {
    const next = structuredClone(current);
    mutate(next);
    next.version += 1;
    remember(meetingId, next);
    const save = () => storage.stores.roomState.save(meetingId, cache.get(meetingId) ?? next, now());
    if (deps.writes) void deps.writes.write('room state', { meetingId }, save);
    else void save().catch(() => undefined);
    return next;
  };
  const pauseTimer = (t: RoomTimer, at: number) => {
    if (t.running && t.startedAt !== null) t.elapsedMs += at - t.startedAt;
    t.running = false;
    t.startedAt = null;
  };

  return {
    state: stateOf,
    /** The stored state read again: with several processes another one may have changed it since this one cached it. */
    fresh: async (meetingId: string): Promise<RoomState> => {
      remember(meetingId, await load(storage.stores, meetingId));
      return cache.get(meetingId)!;
    },
    statusOf: (meetingId: string): Promise<MeetingStatus> => statusIn(storage.stores, meetingId),
    hasItem: async (meetingId: string, itemId: string): Promise<boolean> => readAgenda((await deps.yjs().room(meetingId)).doc).some((i) => i.id === itemId),

    /** Opens the meeting (audited once, when it goes live); opening a live meeting again only re-sends the room. */
    async open(meetingId: string, actor: Actor, ip: string | null): Promise<RoomState> {
      const { state, wentLive } = await storage.transaction(async (s) => {
        const status = await statusIn(s, meetingId);
        if (status === 'ended') throw new AppError('conflict', msg('room:server.meetingEnded'));
        if (status === 'cancelled') throw new AppError('conflict', msg('room:server.cancelledCannotOpen'));
        const wentLive = status === 'scheduled';
        if (wentLive) {
          const at = now();
          await s.roomState.setStatus(meetingId, 'live', at);
          await s.audit.record({ actorId: actor.id, action: 'meeting.open', targetType: 'meeting', targetId: meetingId, ip }, at);
        }
        return { state: (await bump(s, meetingId, () => undefined))!, wentLive };
      });
      // After the commit: the live document is written only once the meeting is live for everyone.
      if (wentLive) deps.onOpened?.(meetingId, await deps.yjs().room(meetingId));
      return remember(meetingId, state);
    },

    async move(meetingId: string, itemId: string): Promise<RoomState> {
      const agenda = readAgenda((await deps.yjs().room(meetingId)).doc);
      if (!agenda.some((i) => i.id === itemId)) {
        await requireLiveIn(storage.stores, meetingId);
        throw new AppError('not_found', msg('room:server.noSuchItem'));
      }
      return change(meetingId, (s) => {
        s.currentItemId = itemId;
        s.timer = { ...defaultTimer(), targetSeconds: s.timer.targetSeconds };
        s.speaker = null;
      });
    },

    /**
     * The item being discussed was removed from the agenda (soft delete): nothing is being discussed now, rather than
     * a missing item. Resolves with the new state and what to tell the room, or null when the current item is still
     * there. Cheap when nothing changed (no storage call once the state is known), as it runs after every document
     * transaction.
     */
    async dropRemovedCurrent(meetingId: string): Promise<{ state: RoomState; notice: { title: string | null; by: string | null } } | null> {
      // Runs after a transaction of the loaded document, so the room is in memory.
      const doc = deps.yjs().loadedRoom(meetingId)?.doc;
      if (!doc) return null;
      const isRemoved = (itemId: string | null) => {
        if (!itemId) return false;
        const marker = agendaOf(doc).get(itemId)?.get(removedMarkerKey);
        return !agendaOf(doc).get(itemId) || (marker !== undefined && marker !== null);
      };
      if (!isRemoved((await stateOf(meetingId)).currentItemId)) return null;
      const result = await storage.transaction(async (s) => {
        if ((await statusIn(s, meetingId)) !== 'live') return null;
        let removedId: string | null = null;
        const state = await bump(s, meetingId, (next) => {
          // Another command may have moved on meanwhile: only a removed item is dropped.
          if (!isRemoved(next.currentItemId)) return false;
          removedId = next.currentItemId;
          next.currentItemId = null;
          pauseTimer(next.timer, now());
          next.speaker = null;
        });
        return state ? { state, removedId } : null;
      });
      if (!result) return null;
      remember(meetingId, result.state);
      const removed = readRemovedItems(doc).find((i) => i.id === result.removedId);
      // Data, not words: each screen in the room says it in its reader's language (`room:notice.removedCurrent*`).
      return { state: result.state, notice: { title: removed?.title ?? null, by: removed?.removedBy || null } };
    },

    timer(meetingId: string, action: 'start' | 'pause' | 'reset', targetSeconds?: number): Promise<RoomState> {
      return change(meetingId, (s) => {
        const at = now();
        if (targetSeconds) s.timer.targetSeconds = targetSeconds;
        if (action === 'start' && !s.timer.running) Object.assign(s.timer, { running: true, startedAt: at });
        if (action === 'pause') pauseTimer(s.timer, at);
        if (action === 'reset') s.timer = { ...defaultTimer(), targetSeconds: s.timer.targetSeconds };
      });
    },

    hand(actor: Actor, meetingId: string, raised: boolean): Promise<RoomState> {
      return change(meetingId, (s) => {
        s.hands = s.hands.filter((h) => h.personId !== actor.id);
        if (raised) s.hands.push({ personId: actor.id, name: actor.name, agency: actor.agencyName, raisedAt: now() });
      });
    },

    nextSpeaker(meetingId: string): Promise<RoomState> {
      return change(meetingId, (s) => {
        const next = s.hands.shift();
        s.speaker = next ? { personId: next.personId, name: next.name, agency: next.agency } : null;
      });
    },

    /**
     * Someone left (their last tab closed): they drop out of the speaker queue and lose the floor. Resolves with
     * null when they held neither, so a leave that changes nothing bumps no version.
     */
    async left(meetingId: string, personId: string): Promise<RoomState | null> {
      const holds = (state: RoomState) => state.hands.some((h) => h.personId === personId) || state.speaker?.personId === personId;
      // Checked on the stored state, not this process's memory of it: the hand may have been raised through another.
      const next = await storage.transaction((s) =>
        bump(s, meetingId, (state) => {
          if (!holds(state)) return false;
          state.hands = state.hands.filter((h) => h.personId !== personId);
          if (state.speaker?.personId === personId) state.speaker = null;
        }),
      );
      return next && remember(meetingId, next);
    },

    /**
     * Ends the meeting: the minutes are written from the document, the meeting marked ended, attendance closed
     * (`alsoOnEnding`, joining the transaction) and the audit row written in one transaction; then the document is
     * frozen (the server refuses updates from now on). Two ends at once: the second finds the meeting ended inside its
     * transaction and is refused, so there is one set of minutes. Clients' edits wait from before the document is
     * read until the freeze (YjsHost.holdMeeting), so none can land after the minutes were read, however long the
     * commit takes; if ending fails they are applied and editing goes on.
     */
    async end(meetingId: string, actor: Actor, ip: string | null, alsoOnEnding: (endedAt: number) => Promise<void> = async () => undefined): Promise<RoomState & { notices: UnassignedNotice[] }> {
      await requireLiveIn(storage.stores, meetingId);
      // The minutes read attendance from the database: rows still waiting out a storage fault must be in first
      // (if the storage still refuses, ending fails with its words, e.g. "The database is busy; nothing was saved").
      await deps.writes?.writeAllOrThrow();
      const yjs = deps.yjs();
      const room = await yjs.room(meetingId);
      const endedAt = now();
      let stored = initialState();
      // From here until the freeze, edits wait rather than land after the minutes were read (released if ending fails).
      yjs.holdMeeting(meetingId);
      let recorded: Awaited<ReturnType<MinutesService['recordAtEnd']>>;
      try {
        // The edits applied here before the hold are stored first: the minutes never hold an edit the log lacks.
        await room.saveAllOrThrow();
        // Rows another process committed that this one has not heard of yet (relay delayed) belong in the minutes too.
        await room.catchUp();
        recorded = await deps.minutes.recordAtEnd(meetingId, room.doc, actor, async (s) => {
          await requireLiveIn(s, meetingId);
          // Marking it ended takes the documents' locks (PostgreSQL) until this commits: an append still in flight on
          // another process commits first, and the read below sees it; any later one finds the meeting ended and is
          // refused (stores/meeting-docs.ts, `appendMany`). So the minutes' state is final: nothing is stored after.
          await s.roomState.setStatus(meetingId, 'ended', endedAt);
          await room.catchUpNow(s.meetingDocs);
          await alsoOnEnding(endedAt);
          // Inside the ending transaction: the audit row exists exactly when the meeting ended.
          await s.audit.record({ actorId: actor.id, action: 'meeting.end', targetType: 'meeting', targetId: meetingId, ip }, endedAt);
          stored = await load(s, meetingId);
        });
      } catch (err) {
        yjs.releaseMeeting(meetingId);
        throw err;
      }
      yjs.freezeMeeting(meetingId, endedReason);
      const known = cache.get(meetingId);
      const state = changeAfterCommit(meetingId, known && known.version >= stored.version ? known : stored, (s) => {
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

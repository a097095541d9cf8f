/** Socket.IO events: names, payload schemas and ack shapes, imported by both ends. */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import type { ErrorCode } from './protocol.js';
import type { MeetingStatus, SeriesRole as MeetingRole } from './domain.js';

export const roomEvents = {
  join: 'room:join',
  /** Chair: scheduled → live. */
  open: 'room:open',
  /** Chair: move "now discussing" to an agenda item. */
  move: 'room:move',
  /** Chair: start / pause / reset the item timer. */
  timer: 'room:timer',
  /** Anyone present: raise or lower their own hand. */
  hand: 'room:hand',
  /** Chair: give the floor to the first raised hand (or clear it). */
  nextSpeaker: 'room:next-speaker',
  /** Chair: live → ended; the meeting documents become read-only on the server. */
  end: 'room:end',
  /** Server → clients: an action under matters arising changed status; refetch them. */
  actionsChanged: 'room:actions-changed',
  /** Anyone who may edit: my keyboard focus entered (itemId) or left (null) an item's editing area. */
  focus: 'room:focus',
  /** Anyone present in a live meeting: "I acknowledge" the confidentiality statement (recorded once). */
  acknowledge: 'room:acknowledge',
  /** Server → clients: something everyone in the room should read (`RoomNotice`), e.g. the item being discussed was removed. */
  notice: 'room:notice',
  /**
   * Server → every open connection of each series member (on any page): a coordinator published a meeting's agenda
   * (`AgendaPublishedNotice`). It carries ids only; the client fetches its own notices, which the server filters.
   */
  agendaPublished: 'app:agenda-published',
  /** Server → clients: the room snapshot changed. */
  snapshot: 'room:snapshot',
  /**
   * Server → one client: its access ended or shrank (`RoomRevoked`). With `meetingId` it left that meeting's room;
   * without, the whole connection is being closed (signed out, expired, disabled).
   */
  revoked: 'room:revoked',
} as const;

/** The events only the server sends: a client sending one gets no answer (the fuzz test sends every other one). */
export const serverToClientEvents: readonly string[] = [roomEvents.actionsChanged, roomEvents.notice, roomEvents.agendaPublished, roomEvents.snapshot, roomEvents.revoked];

export interface AgendaPublishedNotice {
  meetingId: string;
  seriesId: string;
}

/** What the room is told, as data: the screen words it in each reader's language (`room:notice.*`). */
export interface RoomNotice {
  meetingId: string;
  /** The item under discussion was removed from the agenda: its title and who removed it, when known. */
  kind: 'removedCurrent';
  title: string | null;
  by: string | null;
}

/** An action the ending recorded without its owner (not part of this meeting): its text and its item's title. */
export interface UnassignedNotice {
  what: string;
  item: string;
}

export interface RoomRevoked {
  meetingId: string | null;
  /** The matching WebSocket close code from shared/protocol `closeCodes`. */
  code: number;
  /** The screen says why in the reader's language (`room:revoked.<cause>`). */
  cause: 'signedOut' | 'sessionExpired' | 'accessRemoved' | 'accountDisabled' | 'roleChanged';
}

export const meetingIdSchema = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/));
const itemIdSchema = lazySchema(() => z.string().regex(/^[a-z0-9]{1,32}$/));

export const joinPayload = lazySchema(() => z.object({ meetingId: meetingIdSchema }).strict());
export type JoinPayload = z.infer<typeof joinPayload>;
export const meetingOnlyPayload = joinPayload;
export const movePayload = lazySchema(() => z.object({ meetingId: meetingIdSchema, itemId: itemIdSchema }).strict());
export const timerPayload = lazySchema(() =>
  z
    .object({ meetingId: meetingIdSchema, action: z.enum(['start', 'pause', 'reset']), targetSeconds: z.number().int().min(30).max(4 * 3600).optional() })
    .strict(),
);
export const handPayload = lazySchema(() => z.object({ meetingId: meetingIdSchema, raised: z.boolean() }).strict());
export const focusPayload = lazySchema(() => z.object({ meetingId: meetingIdSchema, itemId: itemIdSchema.nullable() }).strict());

export interface PresenceEntry {
  id: string;
  name: string;
  agency: string | null;
  role: string;
  /** The agenda item whose editing area has this person's focus (in any tab), or null. */
  editingItemId: string | null;
  /** Has acknowledged the confidentiality statement in this meeting. */
  acknowledged: boolean;
}

export interface RoomTimer {
  running: boolean;
  /** Epoch ms when the current run started (null when paused). */
  startedAt: number | null;
  /** Time accumulated before the current run. */
  elapsedMs: number;
  targetSeconds: number;
}

export interface RaisedHand {
  personId: string;
  name: string;
  agency: string;
  raisedAt: number;
}

export interface RoomSnapshot {
  meetingId: string;
  version: number;
  status: MeetingStatus;
  currentItemId: string | null;
  timer: RoomTimer;
  hands: RaisedHand[];
  speaker: { personId: string; name: string; agency: string } | null;
  present: PresenceEntry[];
}

/** The join's answer: the room as it is, and the role the server holds this tab to in it. */
export interface RoomJoined extends RoomSnapshot {
  role: MeetingRole;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

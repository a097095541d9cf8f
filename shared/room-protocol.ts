/** Socket.IO events: names, payload schemas and ack shapes, imported by both ends. */
import { z } from 'zod';
import type { ErrorCode } from './protocol.js';

export const roomEvents = {
  join: 'room:join',
  leave: 'room:leave',
  /** Server → clients: the room snapshot changed. */
  snapshot: 'room:snapshot',
} as const;

export const meetingIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a meeting id');

export const joinPayload = z.object({ meetingId: meetingIdSchema }).strict();
export type JoinPayload = z.infer<typeof joinPayload>;

export interface PresenceEntry {
  id: string;
  name: string;
  agency: string | null;
  role: string;
}

export interface RoomSnapshot {
  meetingId: string;
  version: number;
  status: 'scheduled' | 'live' | 'ended';
  present: PresenceEntry[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

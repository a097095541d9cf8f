import { eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { meetingRoomState, meetings } from './schema.js';
import type { MeetingStatus } from '../../shared/domain.js';

export function roomStateRepo(db: Db) {
  return {
    load: (meetingId: string): unknown => db.select().from(meetingRoomState).where(eq(meetingRoomState.meetingId, meetingId)).get()?.state ?? null,
    save(meetingId: string, state: unknown, now: number): void {
      db.insert(meetingRoomState)
        .values({ meetingId, state, updatedAt: now })
        .onConflictDoUpdate({ target: meetingRoomState.meetingId, set: { state, updatedAt: now } })
        .run();
    },
    setStatus(meetingId: string, status: MeetingStatus, now: number): void {
      db.update(meetings)
        .set({ status, ...(status === 'ended' ? { endedAt: now } : status === 'live' ? { openedAt: now } : {}) })
        .where(eq(meetings.id, meetingId))
        .run();
    },
  };
}
export type RoomStateRepo = ReturnType<typeof roomStateRepo>;

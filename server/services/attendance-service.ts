/**
 * The attendance record of a meeting, written by the room: who was there while it was live, when they first joined,
 * when they finally left (every tab closed), and when they acknowledged the confidentiality statement.
 * Visits before the chair opens the meeting (reading the agenda ahead) and after it ends (reading the record) are
 * not attendance; people already in the room when the chair opens it are recorded as joining at that moment.
 */
import type { MeetingStatus } from '../../shared/domain.js';
import { AppError } from '../errors.js';
import { msg } from '../../shared/i18n/message.js';
import type { Storage } from '../db/stores/storage.js';
import type { WriteQueue } from './write-queue.js';

export interface Attendee {
  personId: string;
  role: string;
}

export function createAttendanceService(deps: { storage: Storage; statusOf: (meetingId: string) => Promise<MeetingStatus>; now: () => number; writes?: WriteQueue }) {
  const { storage, statusOf, now } = deps;
  const store = storage.stores.attendance;
  const isLive = async (meetingId: string) => (await statusOf(meetingId)) === 'live';
  // Arriving and leaving happen to people, not requests: a storage fault must neither refuse them a seat nor lose
  // the record, so these rows go through the retrying queue with the time they happened.
  const later = async (what: string, meetingId: string, personId: string, write: () => Promise<void>): Promise<void> => {
    if (deps.writes) await deps.writes.write(what, { meetingId, personId }, write);
    else await write();
  };
  return {
    /** A person's first socket joined the room (or another tab / a reconnect did: same row). */
    async arrived(meetingId: string, who: Attendee): Promise<void> {
      const at = now();
      if (await isLive(meetingId)) await later('attendance.joined', meetingId, who.personId, () => store.joined(meetingId, who.personId, who.role, at));
    },
    /** A person's last socket left the room. */
    async departed(meetingId: string, personId: string): Promise<void> {
      const at = now();
      if (await isLive(meetingId)) await later('attendance.left', meetingId, personId, () => store.left(meetingId, personId, at));
    },
    /** The chair opened the meeting: everyone already in the room is attending from now. */
    async opened(meetingId: string, present: Attendee[]): Promise<void> {
      const at = now();
      await storage.transaction(async (s) => {
        for (const who of present) await s.attendance.joined(meetingId, who.personId, who.role, at);
      });
    },
    /** The meeting ended: everyone still in the room left at the end (inside the ending transaction when called there). */
    ended(meetingId: string, at = now()): Promise<void> {
      return store.closeAll(meetingId, at);
    },
    /** Records "I acknowledge" once; resolves with the time of the (first) acknowledgement. */
    async acknowledge(meetingId: string, personId: string): Promise<number> {
      return storage.transaction(async (s) => {
        const meeting = await s.records.findMeeting(meetingId);
        if (meeting?.status !== 'live') throw new AppError('conflict', msg('room:server.acknowledgeWhileLive'));
        if (!(await s.attendance.find(meetingId, personId))) throw new AppError('conflict', msg('room:server.joinFirst'));
        const at = await s.attendance.acknowledge(meetingId, personId, now());
        if (at === null) throw new AppError('internal', msg('room:server.acknowledgementNotRecorded'));
        return at;
      });
    },
    async acknowledgedIds(meetingId: string): Promise<Set<string>> {
      return new Set((await store.list(meetingId)).filter((r) => r.confidentialityAckAt !== null).map((r) => r.personId));
    },
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;

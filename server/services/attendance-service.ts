/**
 * The attendance record of a meeting, written by the room: who was there while it was live, when they first joined,
 * when they finally left (every tab closed), and when they acknowledged the confidentiality statement.
 * Visits before the chair opens the meeting (reading the agenda ahead) and after it ends (reading the record) are
 * not attendance; people already in the room when the chair opens it are recorded as joining at that moment.
 */
import type { MeetingStatus } from '../../shared/domain.js';
import { AppError } from '../errors.js';
import { msg } from '../../shared/i18n/message.js';
import type { AttendanceRepo } from '../db/attendance-repo.js';
import type { WriteQueue } from './write-queue.js';

export interface Attendee {
  personId: string;
  role: string;
}

export function createAttendanceService(deps: { repo: AttendanceRepo; statusOf: (meetingId: string) => MeetingStatus; now: () => number; writes?: WriteQueue }) {
  const { repo, statusOf, now } = deps;
  const isLive = (meetingId: string) => statusOf(meetingId) === 'live';
  // Arriving and leaving happen to people, not requests: a storage fault must neither refuse them a seat nor lose
  // the record, so these rows go through the retrying queue with the time they happened.
  const later = (what: string, meetingId: string, personId: string, write: () => void) =>
    deps.writes ? deps.writes.write(what, { meetingId, personId }, write) : write();
  return {
    /** A person's first socket joined the room (or another tab / a reconnect did: same row). */
    arrived(meetingId: string, who: Attendee): void {
      const at = now();
      if (isLive(meetingId)) later('attendance.joined', meetingId, who.personId, () => repo.joined(meetingId, who.personId, who.role, at));
    },
    /** A person's last socket left the room. */
    departed(meetingId: string, personId: string): void {
      const at = now();
      if (isLive(meetingId)) later('attendance.left', meetingId, personId, () => repo.left(meetingId, personId, at));
    },
    /** The chair opened the meeting: everyone already in the room is attending from now. */
    opened(meetingId: string, present: Attendee[]): void {
      for (const who of present) repo.joined(meetingId, who.personId, who.role, now());
    },
    /** The meeting ended: everyone still in the room left at the end. */
    ended(meetingId: string, at = now()): void {
      repo.closeAll(meetingId, at);
    },
    /** Records "I acknowledge" once; returns the time of the (first) acknowledgement. */
    acknowledge(meetingId: string, personId: string): number {
      if (!isLive(meetingId)) throw new AppError('conflict', msg('room:server.acknowledgeWhileLive'));
      if (!repo.find(meetingId, personId)) throw new AppError('conflict', msg('room:server.joinFirst'));
      const at = repo.acknowledge(meetingId, personId, now());
      if (at === null) throw new AppError('internal', msg('room:server.acknowledgementNotRecorded'));
      return at;
    },
    acknowledgedIds(meetingId: string): Set<string> {
      return new Set(repo.list(meetingId).filter((r) => r.confidentialityAckAt !== null).map((r) => r.personId));
    },
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;

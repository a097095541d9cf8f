import type { AttendanceRepo } from '../attendance-repo.js';
import type { AuditRepo } from '../audit-repo.js';
import type { RoomStateRepo } from '../room-state-repo.js';
import type { AttendanceStore, AuditStore, RoomStateStore } from '../stores/room-records.js';

/** Today's synchronous repositories behind the async interfaces; each call runs whole before it resolves. */
export const sqliteRoomStateStore = (repo: RoomStateRepo): RoomStateStore => ({
  load: async (meetingId) => repo.load(meetingId),
  save: async (meetingId, state, now) => repo.save(meetingId, state, now),
  setStatus: async (meetingId, status, now) => repo.setStatus(meetingId, status, now),
});

export const sqliteAttendanceStore = (repo: AttendanceRepo): AttendanceStore => ({
  list: async (meetingId) => repo.list(meetingId),
  find: async (meetingId, personId) => repo.find(meetingId, personId),
  joined: async (meetingId, personId, role, at) => repo.joined(meetingId, personId, role, at),
  left: async (meetingId, personId, at) => repo.left(meetingId, personId, at),
  closeAll: async (meetingId, at) => repo.closeAll(meetingId, at),
  acknowledge: async (meetingId, personId, at) => repo.acknowledge(meetingId, personId, at),
});

export const sqliteAuditStore = (repo: AuditRepo): AuditStore => ({
  record: async (entry, at) => repo.record(entry, at),
  recordMany: async (entries) => repo.recordMany(entries),
  list: async (filter) => repo.list(filter),
});

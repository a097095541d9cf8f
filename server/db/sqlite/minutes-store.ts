import type { MinutesRepo } from '../minutes-repo.js';
import { versionConflict, type MinutesStore } from '../stores/minutes.js';
import { isUniqueViolation } from '../stores/unique-violation.js';

/**
 * The SQLite minutes store: today's synchronous repository behind the async interface. Each call runs whole before
 * it resolves; a command's transaction around them is the Storage's (BEGIN IMMEDIATE on the one connection).
 */
export function sqliteMinutesStore(repo: MinutesRepo): MinutesStore {
  return {
    meetingFacts: async (meetingId) => repo.meetingFacts(meetingId),
    attendance: async (meetingId) => repo.attendance(meetingId),
    agreement: async (meetingId) => repo.agreement(meetingId),
    versions: async (meetingId) => repo.versions(meetingId),
    content: async (meetingId, version) => repo.contentIfAny(meetingId, version),
    decisionsOf: async (meetingId) => repo.decisionsOf(meetingId),
    nextDecisionSeq: async (seriesId, year) => repo.nextDecisionSeq(seriesId, year),
    async insertVersion(row) {
      try {
        repo.insertVersion(row);
      } catch (err) {
        throw isUniqueViolation(err) ? versionConflict() : err;
      }
    },
    writeCurrentRows: async (meetingId, seriesId, year, content, now) => repo.writeCurrentRows(meetingId, seriesId, year, content, now),
  };
}

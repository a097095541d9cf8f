import type { MeetingDocsRepo } from '../meeting-docs-repo.js';
import type { MeetingDocStore } from '../stores/meeting-docs.js';

/**
 * The SQLite meeting document store: the synchronous repository (one prepared statement per update) behind the
 * engine-neutral async interface the realtime write path calls. Each call runs whole before it resolves, so a SQLite
 * transaction never spans an await.
 */
export function sqliteMeetingDocStore(repo: MeetingDocsRepo): MeetingDocStore {
  return {
    load: async (meetingId, doc) => repo.load(meetingId, doc),
    readAfter: async (meetingId, doc, afterSeq) => repo.readAfter(meetingId, doc, afterSeq),
    appendMany: async (batches, now) => repo.appendMany(batches, now),
    compact: async (meetingId, doc, snapshot, uptoSeq, now) => repo.compact(meetingId, doc, snapshot, uptoSeq, now),
  };
}

import type Database from 'better-sqlite3';
import type { MinutesRepo } from '../minutes-repo.js';
import { versionConflict, type MinutesReads, type MinutesStore, type MinutesWrites } from '../stores/minutes.js';
import { isUniqueViolation } from '../stores/unique-violation.js';

/**
 * The SQLite minutes store: today's synchronous repository behind the async interface. `write` is BEGIN IMMEDIATE
 * … COMMIT around the work; every call of the `tx` runs at once, so nothing else on this connection can run inside
 * the transaction as long as the work awaits only those calls. Writes started together take turns (one connection,
 * one transaction at a time). A transaction still open when the event loop moves on is rolled back and refused.
 */
export function sqliteMinutesStore(sqlite: Database.Database, repo: MinutesRepo): MinutesStore {
  const reads: MinutesReads = {
    meetingFacts: async (meetingId) => repo.meetingFacts(meetingId),
    attendance: async (meetingId) => repo.attendance(meetingId),
    agreement: async (meetingId) => repo.agreement(meetingId),
    versions: async (meetingId) => repo.versions(meetingId),
    content: async (meetingId, version) => repo.contentIfAny(meetingId, version),
    decisionsOf: async (meetingId) => repo.decisionsOf(meetingId),
  };
  const writes: MinutesWrites = {
    ...reads,
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
  let turn: Promise<unknown> = Promise.resolve();
  async function inTransaction<T>(work: (tx: MinutesWrites) => Promise<T>): Promise<T> {
    if (sqlite.inTransaction) throw new Error('A SQLite minutes transaction was started inside another transaction');
    sqlite.prepare('begin immediate').run();
    let spannedTicks = false;
    const watch = setImmediate(() => {
      spannedTicks = true;
    });
    try {
      const result = await work(writes);
      if (spannedTicks) throw new Error('A SQLite minutes transaction awaited something other than its own calls');
      sqlite.prepare('commit').run();
      return result;
    } catch (err) {
      if (sqlite.inTransaction) sqlite.prepare('rollback').run();
      throw err;
    } finally {
      clearImmediate(watch);
    }
  }
  return {
    ...reads,
    write(work) {
      const result = turn.then(() => inTransaction(work));
      turn = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * The case register, referrals, research and agenda publication, engine-neutral. SQLite
 * (server/db/sqlite/cases-store.ts, the synchronous repository) and PostgreSQL (server/db/pg/cases-store.ts);
 * test/contract/cases.test.ts runs both. Writers run inside the caller's `storage.transaction`: case references
 * (`nextSeq` then `insertCase`) are race-free because command transactions are serialised on both engines.
 */
import type { CasesRepo } from '../cases-repo.js';
import type { AsyncOf } from './async-store.js';
import type { series } from '../schema.js';

export type { CaseRow, ReferralRow, ResearchRow } from '../cases-repo.js';

/** The repository's calls, each resolving with what the synchronous one returns. */
export type CasesStore = AsyncOf<CasesRepo>;

/** A series as the case register needs it: archived or not, rather than when. */
export const caseSeriesOf = (row: Pick<typeof series.$inferSelect, 'id' | 'name' | 'caseRefPrefix' | 'archivedAt' | 'minutesLanguage'>) => ({
  id: row.id,
  name: row.name,
  caseRefPrefix: row.caseRefPrefix,
  archived: row.archivedAt !== null,
  minutesLanguage: row.minutesLanguage,
});

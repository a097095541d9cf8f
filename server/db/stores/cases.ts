/**
 * The case register, referrals, research and agenda publication, engine-neutral. SQLite
 * (server/db/sqlite/cases-store.ts, the synchronous repository) and PostgreSQL (server/db/pg/cases-store.ts);
 * test/contract/cases.test.ts runs both. Writers run inside the caller's `storage.transaction`: case references
 * (`nextSeq` then `insertCase`) are race-free because command transactions are serialised on both engines.
 */
import type { CasesRepo } from '../cases-repo.js';
import type { AsyncOf } from './async-store.js';

export type { CaseRow, ReferralRow, ResearchRow } from '../cases-repo.js';

/** The repository's calls, each resolving with what the synchronous one returns. */
export type CasesStore = AsyncOf<CasesRepo>;

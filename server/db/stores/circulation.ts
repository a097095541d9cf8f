/**
 * Minutes extracts sent by email and who opened them, engine-neutral. SQLite (server/db/circulation-repo.ts behind
 * `asyncStore`) and PostgreSQL (server/db/pg/circulation-store.ts); test/contract/circulation.test.ts runs both.
 */
import type { CirculationRepo } from '../circulation-repo.js';
import type { AsyncOf } from './async-store.js';

export type { CirculationRecipientRow } from '../circulation-repo.js';
export type CirculationStore = AsyncOf<CirculationRepo>;
/** A series member an extract may go to. */
export type ReaderRow = Awaited<ReturnType<CirculationStore['readersOf']>>[number];
/** One extract sent, with its email's delivery state. */
export type SentExtractRow = Awaited<ReturnType<CirculationStore['listForMeeting']>>[number];

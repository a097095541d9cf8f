/**
 * The records the API lists (agencies, people, meetings) and who may take part in a meeting, engine-neutral.
 * SQLite (server/db/sqlite/records-store.ts) and PostgreSQL (server/db/pg/records-store.ts);
 * test/contract/records.test.ts runs both.
 */
import type { RecordsRepo } from '../records-repo.js';

type Resolved<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

/** The repository's calls, each resolving with what the synchronous one returns (names sorted bytewise on both). */
export type RecordsStore = { [K in keyof RecordsRepo]: Resolved<RecordsRepo[K]> };

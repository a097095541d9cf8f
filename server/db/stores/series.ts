/**
 * Series, their members and their meetings, engine-neutral. SQLite (server/db/series-repo.ts behind `asyncStore`)
 * and PostgreSQL (server/db/pg/series-store.ts); test/contract/series.test.ts runs both.
 */
import type { SeriesRepo } from '../series-repo.js';
import type { AsyncOf } from './async-store.js';

export type { MeetingInsert, MeetingRecord, SeriesInsert, SeriesRow } from '../series-repo.js';
export type SeriesStore = AsyncOf<SeriesRepo>;
/** A series member as listed: person, role, name and agency. */
export type SeriesMemberRow = Awaited<ReturnType<SeriesStore['members']>>[number];

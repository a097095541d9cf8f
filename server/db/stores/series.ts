/**
 * Series, their members and their meetings, engine-neutral. SQLite (server/db/series-repo.ts behind `asyncStore`)
 * and PostgreSQL (server/db/pg/series-store.ts); test/contract/series.test.ts runs both.
 */
import { and, eq, gt, lt, ne, type Column, type SQL } from 'drizzle-orm';
import type { SeriesRepo } from '../series-repo.js';
import type { AsyncOf } from './async-store.js';

export type { MeetingInsert, MeetingRecord, SeriesInsert, SeriesRow } from '../series-repo.js';
export type SeriesStore = AsyncOf<SeriesRepo>;
/** A series member as listed: person, role, name and agency. */
export type SeriesMemberRow = Awaited<ReturnType<SeriesStore['members']>>[number];

/** A meeting of the series (not cancelled, not `exceptId`) starting less than `windowMs` from `at` (either engine's table). */
export function overlappingWhere(
  meetings: { id: Column; seriesId: Column; status: Column; scheduledAt: Column },
  seriesId: string,
  at: number,
  windowMs: number,
  exceptId?: string,
): SQL | undefined {
  return and(
    eq(meetings.seriesId, seriesId),
    ne(meetings.status, 'cancelled'),
    gt(meetings.scheduledAt, at - windowMs),
    lt(meetings.scheduledAt, at + windowMs),
    exceptId ? ne(meetings.id, exceptId) : undefined,
  );
}

/**
 * Actions after their meeting, engine-neutral: the tracker, matters arising and status updates with their history.
 * SQLite (server/db/actions-repo.ts behind `asyncStore`) and PostgreSQL (server/db/pg/actions-store.ts);
 * test/contract/actions.test.ts runs both.
 */
import { and, eq, inArray, type Column, type SQL } from 'drizzle-orm';
import type { ActionStatus } from '../../../shared/minutes.js';
import type { ActionsRepo } from '../actions-repo.js';
import type { AsyncOf } from './async-store.js';

export type ActionsStore = AsyncOf<ActionsRepo>;
/** One row of the tracker's list. */
export type ActionListRow = Awaited<ReturnType<ActionsStore['list']>>[number];

/** What the tracker may be narrowed to: an owning agency, an owner, some statuses. */
export interface ActionsFilter {
  agencyId?: string;
  personId?: string;
  statuses?: ActionStatus[];
}

/** A series' actions narrowed by the filter, over either engine's actions table (its columns are named alike). */
export function actionsWhere(actions: { seriesId: Column; ownerAgencyId: Column; ownerPersonId: Column; status: Column }, seriesId: string, filter: ActionsFilter): SQL | undefined {
  const conditions = [eq(actions.seriesId, seriesId)];
  if (filter.agencyId) conditions.push(eq(actions.ownerAgencyId, filter.agencyId));
  if (filter.personId) conditions.push(eq(actions.ownerPersonId, filter.personId));
  if (filter.statuses) conditions.push(inArray(actions.status, filter.statuses));
  return and(...conditions);
}

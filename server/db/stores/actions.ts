/**
 * Actions after their meeting, engine-neutral: the tracker, matters arising and status updates with their history.
 * SQLite (server/db/actions-repo.ts behind `asyncStore`) and PostgreSQL (server/db/pg/actions-store.ts);
 * test/contract/actions.test.ts runs both.
 */
import type { ActionsRepo } from '../actions-repo.js';
import type { AsyncOf } from './async-store.js';

export type ActionsStore = AsyncOf<ActionsRepo>;
/** One row of the tracker's list. */
export type ActionListRow = Awaited<ReturnType<ActionsStore['list']>>[number];

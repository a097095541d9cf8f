/**
 * A series' outcome figures over a window of instants, engine-neutral: counts and dates with agency names only.
 * SQLite (server/db/outcomes-repo.ts behind `asyncStore`) and PostgreSQL (server/db/pg/outcomes-store.ts);
 * test/contract/outcomes.test.ts runs both.
 */
import type { OutcomesRepo } from '../outcomes-repo.js';
import type { AsyncOf } from './async-store.js';

export type { OutcomeWindow } from '../outcomes-repo.js';
export type OutcomesStore = AsyncOf<OutcomesRepo>;

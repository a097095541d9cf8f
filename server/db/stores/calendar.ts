/**
 * Personal calendar feeds (only a token's hash is stored) and the meetings a feed lists, engine-neutral. SQLite
 * (server/db/calendar-repo.ts behind `asyncStore`) and PostgreSQL (server/db/pg/calendar-store.ts);
 * test/contract/calendar.test.ts runs both.
 */
import type { CalendarRepo } from '../calendar-repo.js';
import type { AsyncOf } from './async-store.js';

export type CalendarStore = AsyncOf<CalendarRepo>;

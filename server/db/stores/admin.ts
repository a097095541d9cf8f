/**
 * What the administration screens read and write (agencies, people, series and their members), engine-neutral.
 * SQLite (server/db/admin-repo.ts behind `asyncStore`) and PostgreSQL (server/db/pg/admin-store.ts);
 * test/contract/admin.test.ts runs both.
 */
import type { AdminRepo } from '../admin-repo.js';
import type { AsyncOf } from './async-store.js';

export type AdminStore = AsyncOf<AdminRepo>;

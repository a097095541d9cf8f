/**
 * The administration records (agencies, people, series and their members as the admin screens see them),
 * engine-neutral. SQLite: the repository itself (server/db/admin-repo.ts); PostgreSQL: server/db/pg/admin-store.ts;
 * test/contract/admin.test.ts runs both.
 */
import type { AdminRepo } from '../admin-repo.js';
import type { AsyncOf } from './async-store.js';

export type AdminStore = AsyncOf<AdminRepo>;

/**
 * Who belongs to which series and meeting (what the policies ask on every door), engine-neutral. SQLite
 * (server/db/membership-repo.ts behind `asyncStore`) and PostgreSQL (server/db/pg/membership-store.ts);
 * test/contract/membership.test.ts runs both.
 */
import type { MembershipRepo } from '../membership-repo.js';
import type { AsyncOf } from './async-store.js';

export type { MeetingAccessRow } from '../membership-repo.js';
export type MembershipStore = AsyncOf<MembershipRepo>;

/**
 * A meeting's invite links and the guests they let in, engine-neutral. SQLite (server/db/invites-repo.ts behind
 * `asyncStore`) and PostgreSQL (server/db/pg/invites-store.ts); test/contract/invites.test.ts runs both.
 */
import type { InvitesRepo } from '../invites-repo.js';
import type { AsyncOf } from './async-store.js';

export type { GuestRole, InviteRow } from '../invites-repo.js';
export type InvitesStore = AsyncOf<InvitesRepo>;

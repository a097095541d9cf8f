/**
 * A meeting's invite links and the guests they let in, engine-neutral. SQLite (server/db/invites-repo.ts behind
 * `asyncStore`) and PostgreSQL (server/db/pg/invites-store.ts); test/contract/invites.test.ts runs both.
 */
import { and, eq, gt, isNull, type Column, type SQL } from 'drizzle-orm';
import type { InvitesRepo } from '../invites-repo.js';
import type { AsyncOf } from './async-store.js';

export type { GuestRole, InviteRow } from '../invites-repo.js';
export type InvitesStore = AsyncOf<InvitesRepo>;

/** A meeting's invites that can still be used: not used, not withdrawn, not expired (either engine's table). */
export function openInvitesOf(invites: { meetingId: Column; usedAt: Column; withdrawnAt: Column; expiresAt: Column }, meetingId: string, now: number): SQL | undefined {
  return and(eq(invites.meetingId, meetingId), isNull(invites.usedAt), isNull(invites.withdrawnAt), gt(invites.expiresAt, now));
}

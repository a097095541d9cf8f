import { authLimits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg } from '../errors.js';
import type { MembershipRepo } from '../db/membership-repo.js';
import type { Actor } from '../policies/index.js';
import type { Audit } from './audit-service.js';
import { hashToken, newToken } from './tokens.js';

/** Invite links: single use, expiring, only their hash stored. */
export function createInviteService(deps: { membership: MembershipRepo; audit: Audit; now: () => number }) {
  const { membership, audit, now } = deps;
  return {
    create(actor: Actor, meetingId: string, role: 'member' | 'observer', ip: string | null) {
      const token = newToken();
      const at = now();
      const expiresAt = at + authLimits.inviteTtlMs;
      const id = newId();
      membership.createInvite({ id, meetingId, tokenHash: hashToken(token), role, createdBy: actor.id, now: at, expiresAt });
      audit.record({ actorId: actor.id, action: 'invite.create', targetType: 'meeting', targetId: meetingId, detail: { inviteId: id, role }, ip });
      return { token, expiresAt };
    },
    /** The links still waiting to be used; the tokens themselves are gone (only hashes are kept). */
    listOpen(meetingId: string) {
      return membership.openInvites(meetingId, now());
    },
    /** Withdraws an open invite at once: its link then lets no one in. One update and its own audit row. */
    withdraw(actor: Actor, meetingId: string, inviteId: string, ip: string | null) {
      const withdrawn = membership.withdrawInvite(meetingId, inviteId, now());
      if (!withdrawn) throw new AppError('not_found', msg('errors:noSuchOpenInvite'));
      audit.record({ actorId: actor.id, action: 'invite.withdraw', targetType: 'meeting', targetId: meetingId, detail: { inviteId, role: withdrawn.role }, ip });
    },
    redeem(actor: Actor, token: string, ip: string | null) {
      // Separation of duties (server/policies): an administrator takes no meeting role, not even as a guest.
      if (actor.globalRole === 'admin') throw new AppError('forbidden', msg('errors:administratorsHoldNoMeetingRoleSign'));
      const result = membership.redeemInvite(hashToken(token), actor.id, now());
      if (result === 'withdrawn') throw new AppError('not_found', msg('errors:thisInviteLinkWasWithdrawn'));
      if (!result) throw new AppError('not_found', msg('errors:thisInviteLinkHasExpiredOr'));
      audit.record({ actorId: actor.id, action: 'invite.accept', targetType: 'meeting', targetId: result.meetingId, ip });
      return result;
    },
  };
}
export type InviteService = ReturnType<typeof createInviteService>;

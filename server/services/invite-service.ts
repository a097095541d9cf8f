import { authLimits } from '../../shared/limits.js';
import { newId } from '../../shared/ids.js';
import { AppError, msg } from '../errors.js';
import type { Storage } from '../db/stores/storage.js';
import type { Actor } from '../policies/index.js';
import { hashToken, newToken } from './tokens.js';

/** Invite links: single use, expiring, only their hash stored. Each command is one transaction with its audit row. */
export function createInviteService(deps: { storage: Storage; now: () => number }) {
  const { storage, now } = deps;
  return {
    async create(actor: Actor, meetingId: string, role: 'member' | 'observer', ip: string | null) {
      const token = newToken();
      const at = now();
      const expiresAt = at + authLimits.inviteTtlMs;
      const id = newId();
      await storage.transaction(async (s) => {
        await s.invites.create({ id, meetingId, tokenHash: hashToken(token), role, createdBy: actor.id, now: at, expiresAt });
        await s.audit.record({ actorId: actor.id, action: 'invite.create', targetType: 'meeting', targetId: meetingId, detail: { inviteId: id, role }, ip }, at);
      });
      return { token, expiresAt };
    },
    /** The links still waiting to be used; the tokens themselves are gone (only hashes are kept). */
    listOpen(meetingId: string) {
      return storage.stores.invites.open(meetingId, now());
    },
    /** Withdraws an open invite at once: its link then lets no one in. One update and its own audit row. */
    async withdraw(actor: Actor, meetingId: string, inviteId: string, ip: string | null): Promise<void> {
      const at = now();
      await storage.transaction(async (s) => {
        const withdrawn = await s.invites.withdraw(meetingId, inviteId, at);
        if (!withdrawn) throw new AppError('not_found', msg('errors:noSuchOpenInvite'));
        await s.audit.record({ actorId: actor.id, action: 'invite.withdraw', targetType: 'meeting', targetId: meetingId, detail: { inviteId, role: withdrawn.role }, ip }, at);
      });
    },
    /** Uses the link: marked used and the person made a guest, with its audit row, all or nothing; used once only. */
    async redeem(actor: Actor, token: string, ip: string | null): Promise<{ meetingId: string }> {
      // Separation of duties (server/policies): an administrator takes no meeting role, not even as a guest.
      if (actor.globalRole === 'admin') throw new AppError('forbidden', msg('errors:administratorsHoldNoMeetingRoleSign'));
      const at = now();
      return storage.transaction(async (s) => {
        const invite = await s.invites.unused(hashToken(token), at);
        if (invite?.withdrawnAt != null) throw new AppError('not_found', msg('errors:thisInviteLinkWasWithdrawn'));
        if (!invite || !(await s.invites.markUsed(invite.id, actor.id, at))) throw new AppError('not_found', msg('errors:thisInviteLinkHasExpiredOr'));
        await s.invites.addGuest(invite.meetingId, actor.id, invite.role, at);
        await s.audit.record({ actorId: actor.id, action: 'invite.accept', targetType: 'meeting', targetId: invite.meetingId, ip }, at);
        return { meetingId: invite.meetingId };
      });
    },
  };
}
export type InviteService = ReturnType<typeof createInviteService>;

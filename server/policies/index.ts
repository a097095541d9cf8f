/**
 * Who may do what: the one place REST, Socket.IO and the Yjs upgrade ask.
 * A person's role in a meeting comes from being its chair, from the series' membership, or from an invite.
 *
 * Rules beyond the role table, stated once here:
 * - Separation of duties: an administrator (global role `admin`) holds no meeting role, whatever rows say. The admin
 *   commands refuse to create such rows too (see `adminMayHoldSeriesRole`), but this is the rule that counts.
 * - No existence oracle: to a person with no role in a meeting or series, an existing one answers exactly as a
 *   missing one does (404, same message). Only people with some role hear 403 for an action beyond it.
 * - Restricted notes open only for the meeting's own chair, not for everyone whose series role is chair.
 * - Matters arising shows earlier meetings' actions, so it needs a role that may read minutes in the series: not an
 *   observer, and not a guest invited to this one meeting.
 */
import { AppError, msg, type Msg } from '../errors.js';
import type { Language } from '../../shared/i18n/languages.js';
import type { MeetingAccessRow, MembershipStore } from '../db/stores/membership.js';
import type { SeriesRole } from '../../shared/domain.js';

export interface Actor {
  id: string;
  name: string;
  email: string;
  agencyId: string;
  agencyName: string;
  /** `admin` manages people, agencies and series; it opens no meeting by itself. */
  globalRole: 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';
  /** The language they chose (null: not chosen; the request's cookie or browser decides). */
  language: Language | null;
}

/** A role in a series and so in its meetings (a guest of one meeting holds `member` or `observer`). */
export type MeetingRole = SeriesRole;

const meetingRules = {
  view: ['chair', 'coordinator', 'member', 'observer'],
  edit: ['chair', 'coordinator', 'member'],
  /** Reorder, rename, add and remove agenda items; specialists work inside the items, not on the agenda's shape. */
  editAgenda: ['chair', 'coordinator'],
  /**
   * Record the decision on a case (outcome, text, reasons). While the meeting is live the server reverts anyone
   * else's edit to the agenda's shape or a decision (server/realtime/doc-rules.ts); before it opens, every editor
   * may prepare them.
   */
  decide: ['chair', 'coordinator'],
  chair: ['chair'],
  restrictedNotes: ['chair'],
  invite: ['chair', 'coordinator'],
  viewMinutes: ['chair', 'coordinator', 'member'],
  mattersArising: ['chair', 'coordinator', 'member'],
  exportMinutes: ['chair', 'coordinator'],
  amendMinutes: ['chair', 'coordinator'],
  /** Schedule, reschedule, cancel, change a meeting's chair. */
  schedule: ['chair', 'coordinator'],
  /** Send agency extracts by email and see who opened them; name agency leads and the escalation threshold. */
  circulateMinutes: ['chair', 'coordinator'],
  /** Cases: members refer and research; coordinators and chairs run the queue and the register. */
  refer: ['chair', 'coordinator', 'member'],
  research: ['chair', 'coordinator', 'member'],
  runQueue: ['chair', 'coordinator'],
  /** The register's references and statuses; its details need `runQueue`. */
  viewRegister: ['chair', 'coordinator', 'member', 'observer'],
  /** A case's page draws on minutes, so it follows `viewMinutes`. */
  viewCase: ['chair', 'coordinator', 'member'],
  /**
   * The series' outcome figures (counts only, never case content): coordinators, chairs and the governance board.
   * `governance` appears in no other rule, so it opens no meeting, minutes, case or tracker.
   */
  viewOutcomes: ['chair', 'coordinator', 'governance'],
} as const satisfies Record<string, readonly MeetingRole[]>;

export type MeetingAction = keyof typeof meetingRules;
export const meetingActions = Object.keys(meetingRules) as MeetingAction[];
export type MeetingAbilities = Record<MeetingAction, boolean>;

/** A person's standing in one meeting: the role, and where it came from. */
export interface MeetingGrant {
  role: MeetingRole;
  /** Named as this meeting's chair (not merely a series chair). */
  meetingChair: boolean;
  /** Holds a role in the meeting's series (not only a guest of this meeting). */
  seriesMember: boolean;
}

/** Conditions some actions add to the role table. */
const grantConditions: Partial<Record<MeetingAction, { holds: (g: MeetingGrant) => boolean; refusal: Msg }>> = {
  restrictedNotes: { holds: (g) => g.meetingChair, refusal: msg('errors:onlyChairRestrictedNotes') },
  mattersArising: { holds: (g) => g.seriesMember || g.meetingChair, refusal: msg('errors:mattersArisingMembersOnly') },
};

export const roleMay = (role: MeetingRole | null, action: MeetingAction): boolean =>
  role !== null && (meetingRules[action] as readonly MeetingRole[]).includes(role);

export const grantMay = (grant: MeetingGrant | null, action: MeetingAction): boolean =>
  grant !== null && roleMay(grant.role, action) && (grantConditions[action]?.holds(grant) ?? true);

export function abilitiesOf(grant: MeetingGrant | null): MeetingAbilities {
  return Object.fromEntries(meetingActions.map((a) => [a, grantMay(grant, a)])) as MeetingAbilities;
}

/**
 * Separation of duties for the admin commands: an administrator may not be given a series role, and a person who
 * holds a series role (or chairs a meeting) may not be made an administrator until those are removed. 422: the
 * request is well formed, the change is not allowed.
 */
export const separationOfDuties = {
  seriesRoleFor(person: { role: Actor['globalRole'] }): void {
    if (person.role === 'admin') throw new AppError('validation_failed', msg('errors:administratorsHoldNoMeetingRoleMake'));
  },
  adminRightsFor(holds: { seriesRoles: number; chairedMeetings: number }): void {
    if (holds.seriesRoles > 0 || holds.chairedMeetings > 0) {
      throw new AppError('validation_failed', msg('errors:thisPersonHoldsAMeetingRole'));
    }
  },
};

/**
 * The policies over the membership store (storage.stores.membership): every answer that reads who belongs where is
 * asynchronous, so the same rules hold on SQLite and PostgreSQL. Called inside a command's transaction, the store
 * reads within it.
 */
export function createPolicies(membership: MembershipStore) {
  const grantIn = (actor: Actor, scope: MeetingAccessRow): MeetingGrant | null => {
    if (actor.globalRole === 'admin') return null;
    const meetingChair = scope.chairId === actor.id;
    const role: MeetingRole | null = meetingChair ? 'chair' : (scope.seriesRole ?? scope.guestRole);
    return role ? { role, meetingChair, seriesMember: scope.seriesRole !== null } : null;
  };
  const refuse = (grant: MeetingGrant, action: MeetingAction): never => {
    if (!roleMay(grant.role, action)) throw new AppError('forbidden', msg('errors:yourRoleMayNotDoThis', { role: grant.role }));
    throw new AppError('forbidden', grantConditions[action]?.refusal ?? msg('errors:youMayNotDoThis'));
  };

  /** The actor's grant and the meeting's status, or throws: 401 signed out, 404 no such meeting (or none of yours), 403 not allowed. */
  async function meetingAccess(actor: Actor | null, meetingId: string, action: MeetingAction) {
    if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
    const scope = await membership.meetingAccess(meetingId, actor.id);
    const grant = scope ? grantIn(actor, scope) : null;
    if (!scope || !grant) throw new AppError('not_found', msg('errors:noSuchMeeting'));
    if (!grantMay(grant, action)) refuse(grant, action);
    return { role: grant.role, grant, status: scope.status, seriesId: scope.seriesId };
  }

  return {
    /** The actor's grant in a meeting, or null (no such meeting, or no role in it). */
    async meetingGrant(actor: Actor, meetingId: string): Promise<MeetingGrant | null> {
      const scope = await membership.meetingAccess(meetingId, actor.id);
      return scope ? grantIn(actor, scope) : null;
    },
    async meetingRole(actor: Actor, meetingId: string): Promise<MeetingRole | null> {
      const scope = await membership.meetingAccess(meetingId, actor.id);
      return scope ? (grantIn(actor, scope)?.role ?? null) : null;
    },
    meetingAccess,
    authoriseMeeting: async (actor: Actor | null, meetingId: string, action: MeetingAction): Promise<MeetingRole> => (await meetingAccess(actor, meetingId, action)).role,

    /** The actor's role in a series, or null (for lists that filter rather than refuse). */
    seriesRoleOf: (actor: Actor, seriesId: string): Promise<MeetingRole | null> => membership.seriesRole(seriesId, actor.id),

    /** Series-wide views (the action tracker): the actor's role in the series must allow `action`. */
    async authoriseSeries(actor: Actor | null, seriesId: string, action: MeetingAction): Promise<MeetingRole> {
      if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
      const role = actor.globalRole === 'admin' ? null : await membership.seriesRole(seriesId, actor.id);
      if (!role) throw new AppError('not_found', msg('errors:noSuchSeries'));
      if (!roleMay(role, action)) throw new AppError('forbidden', msg('errors:yourRoleMayNotDoThis', { role }));
      return role;
    },

    /** Admins and coordinators (by their highest role) start new series. */
    authoriseCreateSeries(actor: Actor | null): Actor {
      if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
      if (actor.globalRole !== 'admin' && actor.globalRole !== 'coordinator') throw new AppError('forbidden', msg('errors:onlyAdministratorsAndCoordinatorsMayCreate'));
      return actor;
    },

    /**
     * A series' own record (not its meetings' content): admins see and edit every series; its coordinators edit it;
     * any member sees it. Scheduling needs the series' coordinator or chair role (admins hold no meeting role).
     */
    async authoriseSeriesRecord(actor: Actor | null, seriesId: string, action: 'view' | 'edit' | 'schedule'): Promise<Actor> {
      if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
      const isAdmin = actor.globalRole === 'admin';
      // Admins hold no series role; to anyone else without one, an existing series answers as a missing one.
      const role = isAdmin ? null : await membership.seriesRole(seriesId, actor.id);
      if (!(await membership.seriesExists(seriesId)) || (!role && !isAdmin)) throw new AppError('not_found', msg('errors:noSuchSeries'));
      const allowed = action === 'view' ? true : action === 'edit' ? isAdmin || role === 'coordinator' : roleMay(role, 'schedule');
      if (!allowed) throw new AppError('forbidden', msg('errors:yourRoleMayNotDoThis', { role: role ?? 'admin' }));
      return actor;
    },

    authoriseAdmin(actor: Actor | null): Actor {
      if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
      if (actor.globalRole !== 'admin') throw new AppError('forbidden', msg('errors:onlyAdministratorsMayDoThis'));
      return actor;
    },

    requireActor(actor: Actor | null): Actor {
      if (!actor) throw new AppError('unauthorised', msg('errors:signInFirst'));
      return actor;
    },
  };
}
export type Policies = ReturnType<typeof createPolicies>;

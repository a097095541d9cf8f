/**
 * Who may do what: the one place REST, Socket.IO and the Yjs upgrade ask.
 * A person's role in a meeting comes from being its chair, from the series' membership, or from an invite.
 */
import { AppError } from '../errors.js';
import type { MembershipRepo } from '../db/membership-repo.js';

export interface Actor {
  id: string;
  name: string;
  email: string;
  agencyId: string;
  agencyName: string;
  /** `admin` manages people, agencies and series; it opens no meeting by itself. */
  globalRole: 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';
}

export type MeetingRole = 'chair' | 'coordinator' | 'member' | 'observer';

const meetingRules = {
  view: ['chair', 'coordinator', 'member', 'observer'],
  edit: ['chair', 'coordinator', 'member'],
  chair: ['chair'],
  restrictedNotes: ['chair'],
  invite: ['chair', 'coordinator'],
  viewMinutes: ['chair', 'coordinator', 'member'],
  exportMinutes: ['chair', 'coordinator'],
  amendMinutes: ['chair', 'coordinator'],
  /** Cases: members refer and research; coordinators and chairs run the queue and the register. */
  refer: ['chair', 'coordinator', 'member'],
  research: ['chair', 'coordinator', 'member'],
  runQueue: ['chair', 'coordinator'],
  /** The register's references and statuses; its details need `runQueue`. */
  viewRegister: ['chair', 'coordinator', 'member', 'observer'],
  /** A case's page draws on minutes, so it follows `viewMinutes`. */
  viewCase: ['chair', 'coordinator', 'member'],
} as const satisfies Record<string, readonly MeetingRole[]>;

export type MeetingAction = keyof typeof meetingRules;
export const meetingActions = Object.keys(meetingRules) as MeetingAction[];
export type MeetingAbilities = Record<MeetingAction, boolean>;

export const roleMay = (role: MeetingRole | null, action: MeetingAction): boolean =>
  role !== null && (meetingRules[action] as readonly MeetingRole[]).includes(role);

export function abilitiesOf(role: MeetingRole | null): MeetingAbilities {
  return Object.fromEntries(meetingActions.map((a) => [a, roleMay(role, a)])) as MeetingAbilities;
}

export function createPolicies(membership: MembershipRepo) {
  type Scope = NonNullable<ReturnType<MembershipRepo['meetingAccess']>>;
  const roleIn = (actor: Actor, scope: Scope): MeetingRole | null => (scope.chairId === actor.id ? 'chair' : (scope.seriesRole ?? scope.guestRole));

  /** The actor's role and the meeting's status, or throws: 401 signed out, 404 no such meeting, 403 not allowed. */
  function meetingAccess(actor: Actor | null, meetingId: string, action: MeetingAction) {
    if (!actor) throw new AppError('unauthorised', 'Sign in first');
    const scope = membership.meetingAccess(meetingId, actor.id);
    if (!scope) throw new AppError('not_found', 'No such meeting');
    const role = roleIn(actor, scope);
    if (!role) throw new AppError('forbidden', 'You are not a member of this meeting');
    if (!roleMay(role, action)) throw new AppError('forbidden', `Your role (${role}) may not do this`);
    return { role, status: scope.status };
  }

  return {
    meetingRole(actor: Actor, meetingId: string): MeetingRole | null {
      const scope = membership.meetingAccess(meetingId, actor.id);
      return scope ? roleIn(actor, scope) : null;
    },
    meetingAccess,
    authoriseMeeting: (actor: Actor | null, meetingId: string, action: MeetingAction): MeetingRole => meetingAccess(actor, meetingId, action).role,

    /** The actor's role in a series, or null (for lists that filter rather than refuse). */
    seriesRoleOf: (actor: Actor, seriesId: string): MeetingRole | null => membership.seriesRole(seriesId, actor.id),

    /** Series-wide views (the action tracker): the actor's role in the series must allow `action`. */
    authoriseSeries(actor: Actor | null, seriesId: string, action: MeetingAction): MeetingRole {
      if (!actor) throw new AppError('unauthorised', 'Sign in first');
      if (!membership.seriesExists(seriesId)) throw new AppError('not_found', 'No such series');
      const role = membership.seriesRole(seriesId, actor.id);
      if (!role) throw new AppError('forbidden', 'You are not a member of this series');
      if (!roleMay(role, action)) throw new AppError('forbidden', `Your role (${role}) may not do this`);
      return role;
    },

    authoriseAdmin(actor: Actor | null): Actor {
      if (!actor) throw new AppError('unauthorised', 'Sign in first');
      if (actor.globalRole !== 'admin') throw new AppError('forbidden', 'Only administrators may do this');
      return actor;
    },

    requireActor(actor: Actor | null): Actor {
      if (!actor) throw new AppError('unauthorised', 'Sign in first');
      return actor;
    },
  };
}
export type Policies = ReturnType<typeof createPolicies>;

/** JSON shapes the REST API returns, so the client reads exactly what the presenters send. */
import type { DecisionScheme, MeetingStatus } from './domain.js';
import type { Cadence } from './cadence.js';
import type { StandingItem } from './api-schemas.js';

export interface MeetingView {
  id: string;
  title: string;
  scheduledAt: string;
  venue: string;
  status: MeetingStatus;
  series: { id: string; name: string };
}

export interface UserView {
  id: string;
  name: string;
  email: string;
  agency: { id: string; name: string };
  role: 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';
}

export type MeetingRole = 'chair' | 'coordinator' | 'member' | 'observer';

export interface MeetingDetailView extends MeetingView {
  role: MeetingRole;
  /** Agenda item id → decision number ("NNN/YYYY"); empty until the meeting has ended. */
  decisionNumbers: Record<string, string>;
  /** Who may take part (series members, guests, chair): the choices for action owners and apologies. */
  participants: { id: string; name: string; agencyId: string; agencyName: string }[];
  /** Who takes the minutes (one of the participants), named in the minutes' title block. */
  minuteTakerId: string | null;
  abilities: Record<'view' | 'edit' | 'editAgenda' | 'chair' | 'restrictedNotes' | 'invite' | 'viewMinutes' | 'mattersArising' | 'exportMinutes' | 'amendMinutes' | 'circulateMinutes' | 'schedule', boolean>;
}

/** An agreed action as the tracker and matters arising show it, with its history of status changes. */
export interface ActionView {
  id: string;
  meeting: { id: string; title: string; heldAt: string };
  caseRef: string | null;
  what: string;
  owner: { id: string | null; name: string; agencyId: string | null; agency: string } | null;
  due: string | null;
  status: 'open' | 'done' | 'not-possible' | 'not-done';
  overdue: boolean;
  history: { status: string; note: string | null; at: string; by: string; meetingId: string | null }[];
}

export interface MinutesVersionView {
  version: number;
  contentHash: string;
  createdAt: string;
  createdBy: { name: string; agency: string };
  note: string | null;
  changes: string[];
}

/** A series as its edit screen and meetings list read it. */
export interface SeriesView {
  id: string;
  name: string;
  body: string;
  ownerAgencyId: string | null;
  chairId: string | null;
  deputyChairId: string | null;
  venue: string;
  onlineLink: string | null;
  cadence: Cadence | null;
  /** "Weekly on Tuesday at 10:00". */
  cadenceText: string;
  template: StandingItem[];
  decisionPrefix: string;
  decisionScheme: DecisionScheme;
  archived: boolean;
  members: { personId: string; role: MeetingRole; name: string; agencyId: string; agencyName: string }[];
  /** What the signed-in person may do with this series (so the screens never re-derive the policy). */
  abilities: { edit: boolean; schedule: boolean };
}

/** A meeting of a series as the meetings list shows it. */
export interface SeriesMeetingView extends MeetingView {
  chairId: string | null;
  /** When it was actually held (opened → ended), once it has been. */
  openedAt: string | null;
  endedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  sequence: number;
  minutesAgreedAt: string | null;
}

/** What every page needs to know about this install, before anyone signs in (`GET /api/config`). */
export interface SiteConfigView {
  /** The database holds the synthetic demo: every page carries a "Demo data" banner. */
  demo: boolean;
}

/** JSON shapes the REST API returns, so the client reads exactly what the presenters send. */
import type { CaseStatus, ConsentStatus, DecisionScheme, MeetingStatus, ReferralState, RiskLevel } from './domain.js';
import type { Cadence } from './cadence.js';
import type { StandingItem } from './api-schemas.js';
import type { MinutesLanguage } from './i18n/languages.js';

export interface MeetingView {
  id: string;
  title: string;
  scheduledAt: string;
  venue: string;
  status: MeetingStatus;
  series: { id: string; name: string };
  /** Only for a cancelled meeting: why. */
  cancelReason?: string | null;
}

export interface UserView {
  id: string;
  name: string;
  email: string;
  agency: { id: string; name: string };
  role: 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';
  /** The language they chose for screens and emails; null until they choose (the device's choice applies). */
  language: import('./i18n/languages.js').Language | null;
}

export type MeetingRole = import('./domain.js').SeriesRole;

export interface MeetingDetailView extends MeetingView {
  role: MeetingRole;
  /** Agenda item id → decision number ("NNN/YYYY"); empty until the meeting has ended. */
  decisionNumbers: Record<string, string>;
  /** Who may take part (series members, guests, chair): the choices for action owners and apologies. */
  participants: { id: string; name: string; agencyId: string; agencyName: string }[];
  /** Who takes the minutes (one of the participants), named in the minutes' title block. */
  minuteTakerId: string | null;
  abilities: Record<'view' | 'edit' | 'editAgenda' | 'decide' | 'chair' | 'restrictedNotes' | 'invite' | 'viewMinutes' | 'mattersArising' | 'exportMinutes' | 'amendMinutes' | 'circulateMinutes' | 'schedule' | 'refer' | 'research' | 'runQueue' | 'viewRegister' | 'viewCase', boolean>;
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
  /** The language(s) of its minutes and agendas: English, Welsh, or both side by side. */
  minutesLanguage: MinutesLanguage;
  /** The prefix set for case references, or null when it is derived from the name. */
  caseRefPrefix: string | null;
  /** The prefix new case references get: the one set, else the one derived from the name. */
  caseRefPrefixInUse: string;
  archived: boolean;
  members: { personId: string; role: MeetingRole; name: string; agencyId: string; agencyName: string }[];
  /** What the signed-in person may do with this series (so the screens never re-derive the policy). */
  abilities: {
    edit: boolean;
    schedule: boolean;
    /** Open its meetings, their calendar files and minutes (everyone with a meeting role: not the governance board). */
    meetings: boolean;
    /** Open the action tracker (roles that read minutes). */
    tracker: boolean;
    /** Open the case register and referrals (everyone but the governance board). */
    cases: boolean;
    /** Open the outcomes dashboard (coordinators, chairs, the governance board). */
    outcomes: boolean;
  };
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

/** The previous meeting's minutes as the standing item "Minutes of the last meeting" shows them. */
export interface PreviousMinutesView {
  meetingId: string;
  heldAt: string;
  version: number;
  /** "Draft – not yet agreed" or "Agreed as a correct record on …, …". */
  status: string;
  agreed: boolean;
  summary: { items: number; decisions: number; actions: number; present: number };
  /** The signed-in person chairs this meeting, it is live, and the minutes are not agreed yet. */
  canAgree: boolean;
}

// ---- Referrals, cases and research (times are ISO strings) -------------------------------------------------------

/** What everyone who may see the register sees: the reference and its status, nothing else. */
export interface CaseRefView {
  ref: string;
  status: CaseStatus;
}

export interface CaseView extends CaseRefView {
  seriesId: string;
  referringAgency: { id: string; name: string };
  riskLevel: RiskLevel;
  childrenInvolved: boolean;
  consent: ConsentStatus;
  lawfulBasis: string;
  vulnerabilities: string[];
  summary: string;
  openedAt: string;
  /** The last closure; kept when a new referral reopens the case. */
  closed: { at: string; reason: string } | null;
  mergedInto: string | null;
}

export interface ReferralView {
  id: string;
  seriesId: string;
  caseRef: string;
  /** The reference issued when it was referred (differs from caseRef once matched to an earlier case). */
  issuedRef: string;
  state: ReferralState;
  stateMessage: string | null;
  referrer: { id: string; name: string };
  agency: { id: string; name: string };
  reason: string;
  urgent: boolean;
  riskLevel: RiskLevel;
  childrenInvolved: boolean;
  consent: ConsentStatus;
  lawfulBasis: string;
  vulnerabilities: string[];
  summary: string;
  infoExchanges: { request: string; response: string | null; requestedAt: string; respondedAt: string | null }[];
  meeting: { id: string; title: string; scheduledAt: string } | null;
  /** Set by the server from the repeat rule, never by hand. */
  repeat: boolean;
  earlierReferredAt: string[];
  earlierClosedAt: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** An existing case the coordinator may match a referral to, with what makes it look alike. */
export interface MatchSuggestion {
  ref: string;
  status: CaseStatus;
  summary: string;
  agency: string;
  riskLevel: RiskLevel;
  childrenInvolved: boolean;
  vulnerabilities: string[];
  lastReferredAt: string;
  closedAt: string | null;
  /** Referred or closed within the repeat window before this referral: matching makes it a repeat. */
  withinRepeatWindow: boolean;
  alike: string[];
}

export interface QueueEntryView extends ReferralView {
  suggestions: MatchSuggestion[];
}

export interface ResearchView {
  caseRef: string;
  meetingId: string;
  meetingAt: string;
  agency: { id: string; name: string };
  knows: string;
  risks: string;
  view: string;
  authors: string[];
  updatedAt: string;
}

export interface CaseHistoryView {
  case: CaseView;
  referrals: ReferralView[];
  meetings: { id: string; title: string; heldAt: string; status: MeetingStatus; itemTitle: string | null; discussion: string | null; minutesPath: string | null }[];
  decisions: { number: string; outcome: string; text: string; reasons: string; meetingId: string; heldAt: string; minutesPath: string }[];
  actions: { id: string; what: string; owner: string | null; agency: string | null; due: string | null; status: 'open' | 'done' | 'not-possible' | 'not-done'; endNote: string | null; meetingId: string; heldAt: string }[];
  contributions: { meetingId: string; heldAt: string; agency: string; authors: string[]; text: string }[];
  research: ResearchView[];
}

/** For a meeting: each case on its agenda, how often discussed, open actions, and which agencies sent research. */
export interface MeetingCasesView {
  published: { at: string } | null;
  cases: {
    ref: string;
    itemId: string;
    status: CaseStatus | null;
    timesDiscussed: number;
    openActions: { what: string; owner: string | null; due: string | null }[];
    research: { sent: { agencyId: string; agencyName: string; authors: string[] }[]; missing: { agencyId: string; agencyName: string }[] };
  }[];
}

/** In-app notices: published agendas whose cases the person's agency has not researched yet. */
export interface ResearchNoticeView {
  meetingId: string;
  seriesId: string;
  title: string;
  scheduledAt: string;
  publishedAt: string;
  cases: { ref: string; researched: boolean }[];
}

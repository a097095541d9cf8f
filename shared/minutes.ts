/**
 * The minutes of one ended meeting as every export reads them: one view model, one presenter per format.
 * Built on the server from the stored minutes rows of one version. Never contains restricted chair notes.
 */
import type { ItemKind } from './domain.js';
import type { MinutesLanguage } from './i18n/languages.js';

export const protectiveMarking = 'OFFICIAL-SENSITIVE';

export const decisionOutcomes = ['accept', 'allocate', 'signpost', 'no-further-action', 'escalate', 'defer'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
/** Outcomes and action statuses are worded by `domain:decisionOutcome.*` and `domain:actionStatus.*`. */

export const actionStatuses = ['open', 'done', 'not-possible', 'not-done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export interface MinutesPerson {
  name: string;
  agency: string;
}

export interface MinutesAttendee extends MinutesPerson {
  role: string;
  /** ISO times; null for people recorded by hand. */
  joinedAt: string | null;
  leftAt: string | null;
  /** ISO time they acknowledged the confidentiality statement; null when they did not. */
  acknowledgedAt: string | null;
}

export interface MinutesAction {
  /** Stable id of the action (carried across meetings). */
  id: string;
  what: string;
  owner: MinutesPerson | null;
  /** ISO date (YYYY-MM-DD) or null. */
  due: string | null;
  status: ActionStatus;
}

export interface MinutesDecision {
  /** `NNN/YYYY`, sequential within the series and calendar year. */
  number: string;
  /** Null when the room wrote a decision but did not pick an outcome. */
  outcome: DecisionOutcome | null;
  text: string;
  reasons: string;
}

export interface MinutesContribution {
  agency: string;
  author: string;
  text: string;
}

export interface MinutesItem {
  /** The agenda item's id in the meeting document; amendments address items by it. */
  id: string;
  /** 1-based position on the agenda ("Item N"). */
  number: number;
  kind: ItemKind;
  title: string;
  caseRef: string | null;
  /** Agencies party to the item (referring agency, contributors, action owners). */
  agencies: string[];
  /** The discussion, as plain-text paragraphs. */
  background: string[];
  contributions: MinutesContribution[];
  decision: MinutesDecision | null;
  actions: MinutesAction[];
}

export interface MinutesView {
  marking: typeof protectiveMarking;
  meeting: {
    id: string;
    seriesName: string;
    title: string;
    /** ISO date-time the meeting took place (when the chair opened it). */
    heldAt: string;
    /** ISO date-time it was scheduled for; absent in minutes written before meetings recorded both. */
    scheduledAt?: string;
    venue: string;
    chair: MinutesPerson | null;
    minuteTaker: MinutesPerson | null;
    /** ISO date-time of the next meeting of the series, if one is scheduled. */
    nextMeetingAt: string | null;
  };
  version: {
    number: number;
    createdAt: string;
    createdBy: MinutesPerson;
    /** SHA-256 of the version's content, hex. */
    contentHash: string;
    /** Why this version was made (null for version 1). */
    note: string | null;
  };
  /** Everyone present acknowledged (each attendee's own time is in `attendance.present`). */
  confidentialityAcknowledged: boolean;
  attendance: { present: MinutesAttendee[]; apologies: MinutesPerson[] };
  items: MinutesItem[];
  distribution: string[];
  /** Set when this is one agency's extract: only its actions and the items it was party to. */
  extractFor: string | null;
  /** Set when a later meeting agreed this version as a correct record; null while it is a draft. */
  agreement: MinutesAgreement | null;
  /** The language(s) the series writes its minutes in (its current setting; not part of the stored content). */
  language?: MinutesLanguage;
}

export interface MinutesAgreement {
  /** ISO date-time it was agreed. */
  agreedAt: string;
  /** The chair who agreed it. */
  agreedBy: string;
}

/** What a version of the minutes says; the version block, marking, extract and agreement are added when it is presented. */
export type MinutesContent = Omit<MinutesView, 'marking' | 'version' | 'extractFor' | 'agreement' | 'language'>;

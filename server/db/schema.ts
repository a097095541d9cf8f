import { caseStatuses, consentStatuses, referralStates, riskLevels, seriesRoles, type SeriesRole } from '../../shared/domain.js';
import { sqliteTable, text, integer, blob, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { decisionSchemes, meetingStatuses, type StandingItemKind } from '../../shared/domain.js';
import type { Cadence } from '../../shared/cadence.js';
import { circulationDeliveries, deliveryStates, emailKinds } from '../../shared/circulation.js';

const createdAt = () => integer('created_at', { mode: 'number' }).notNull();

export const agencies = sqliteTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  shortName: text('short_name').notNull(),
  createdAt: createdAt(),
});

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    jobTitle: text('job_title').notNull().default(''),
    /** Highest role this person holds anywhere; series membership narrows it per series. */
    role: text('role', { enum: ['admin', 'coordinator', 'chair', 'member', 'observer'] }).notNull(),
    passwordHash: text('password_hash'),
    /** Set when an administrator disables the account: no sign-in, no session, every connection closed. */
    disabledAt: integer('disabled_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('people_email_unique').on(t.email)],
);

/** How a series' agenda template is stored: the standing items in order (see shared/domain standingItemKinds). */
export interface StoredStandingItem {
  kind: StandingItemKind;
  title: string;
  text?: string;
}

export const series = sqliteTable('series', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Human description of the cadence ("Weekly on Tuesday at 10:00"), kept in step with `cadenceRule`. */
  cadence: text('cadence').notNull().default(''),
  ownerAgencyId: text('owner_agency_id').references(() => agencies.id),
  /** Prefix of the series' case references ("RR" in RR-2026-017); null means derived from the name. */
  caseRefPrefix: text('case_ref_prefix'),
  createdAt: createdAt(),
  /** The body named in the minutes: "Meeting: 19/10/2021 – <body> (Item N)". */
  body: text('body').notNull().default(''),
  chairId: text('chair_id').references(() => people.id),
  deputyChairId: text('deputy_chair_id').references(() => people.id),
  venue: text('venue').notNull().default('Online'),
  onlineLink: text('online_link'),
  cadenceRule: text('cadence_rule', { mode: 'json' }).$type<Cadence>(),
  agendaTemplate: text('agenda_template', { mode: 'json' }).$type<StoredStandingItem[]>().notNull().default([]),
  decisionPrefix: text('decision_prefix').notNull().default(''),
  decisionScheme: text('decision_scheme', { enum: decisionSchemes }).notNull().default('NNN/YYYY'),
  /** Set when archived: the series and its meetings stay, read-only. */
  archivedAt: integer('archived_at', { mode: 'number' }),
  updatedAt: integer('updated_at', { mode: 'number' }),
});

export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    title: text('title').notNull(),
    scheduledAt: integer('scheduled_at', { mode: 'number' }).notNull(),
    venue: text('venue').notNull().default('Online'),
    status: text('status', { enum: meetingStatuses }).notNull().default('scheduled'),
    chairId: text('chair_id').references(() => people.id),
    minuteTakerId: text('minute_taker_id').references(() => people.id),
    createdAt: createdAt(),
    endedAt: integer('ended_at', { mode: 'number' }),
    /** When the chair actually opened it: with `endedAt`, when the meeting was held. */
    openedAt: integer('opened_at', { mode: 'number' }),
    cancelledAt: integer('cancelled_at', { mode: 'number' }),
    cancelReason: text('cancel_reason'),
    cancelledBy: text('cancelled_by').references(() => people.id),
    /** iCalendar SEQUENCE: bumped on every reschedule and on cancelling, so calendars take the newest. */
    sequence: integer('sequence', { mode: 'number' }).notNull().default(0),
    /** Set when a later meeting agreed this meeting's minutes as a correct record. */
    minutesAgreedAt: integer('minutes_agreed_at', { mode: 'number' }),
    minutesAgreedBy: text('minutes_agreed_by').references(() => people.id),
    minutesAgreedIn: text('minutes_agreed_in'),
    minutesAgreedVersion: integer('minutes_agreed_version', { mode: 'number' }),
  },
  (t) => [index('meetings_series_idx').on(t.seriesId, t.scheduledAt)],
);

/**
 * A meeting has two Yjs documents: `shared` (agenda, notes, decisions, actions — everyone in the room) and
 * `restricted` (the chair's notes, opened only by chairs and never part of the minutes).
 */
export const meetingDocKinds = ['shared', 'restricted'] as const;
export type MeetingDocKind = (typeof meetingDocKinds)[number];

/** Compacted Yjs state of one meeting document: the snapshot plus every log row after `logSeq` is the whole document. */
export const meetingDocuments = sqliteTable(
  'meeting_documents',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    doc: text('doc', { enum: meetingDocKinds }).notNull().default('shared'),
    snapshot: blob('snapshot', { mode: 'buffer' }).notNull(),
    logSeq: integer('log_seq', { mode: 'number' }).notNull().default(0),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.doc] })],
);

/** Append-only log of accepted Yjs updates, written before anyone else sees them. */
export const meetingUpdates = sqliteTable(
  'meeting_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    doc: text('doc', { enum: meetingDocKinds }).notNull().default('shared'),
    update: blob('update', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_updates_doc_idx').on(t.meetingId, t.doc, t.seq)],
);

export { seriesRoles, type SeriesRole };

/** Who belongs to a series, and as what. Membership of a series opens its meetings. */
export const seriesMembers = sqliteTable(
  'series_members',
  {
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: seriesRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('series_members_unique').on(t.seriesId, t.personId)],
);

/** People let into one meeting by an invite link, beyond the series' members. */
export const meetingGuests = sqliteTable(
  'meeting_guests',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: ['member', 'observer'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_guests_unique').on(t.meetingId, t.personId)],
);

/** Single-use, expiring invite links; only the token's hash is stored. */
export const meetingInvites = sqliteTable('meeting_invites', {
  id: text('id').primaryKey(),
  meetingId: text('meeting_id')
    .notNull()
    .references(() => meetings.id),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role', { enum: ['member', 'observer'] }).notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => people.id),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
  usedAt: integer('used_at', { mode: 'number' }),
  usedBy: text('used_by').references(() => people.id),
});

/** Server-side sessions; the cookie carries a random token, the table only its hash. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

/** Failed sign-ins per account, for lockout. */
export const signInFailures = sqliteTable('sign_in_failures', {
  email: text('email').primaryKey(),
  failures: integer('failures', { mode: 'number' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'number' }),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/** Who did what, when, from where. Never note text or personal fields in `detail`. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'number' }).notNull(),
    actorId: text('actor_id').references(() => people.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_actor_idx').on(t.actorId, t.at), index('audit_action_idx').on(t.action, t.at)],
);

/** The room's live state (now discussing, timer, hands), saved on every change so a restart resumes it. */
export const meetingRoomState = sqliteTable('meeting_room_state', {
  meetingId: text('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  state: text('state', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/** Who came to a meeting: first join and last leave (null while in the room), and when they acknowledged confidentiality. */
export const meetingAttendance = sqliteTable(
  'meeting_attendance',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    firstJoinedAt: integer('first_joined_at', { mode: 'number' }).notNull(),
    lastLeftAt: integer('last_left_at', { mode: 'number' }),
    confidentialityAckAt: integer('confidentiality_ack_at', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/**
 * Every version of a meeting's minutes: version 1 is written when the chair ends the meeting, each amendment adds
 * one. `content` is the whole minutes view of that version, so any version can be exported again as it was.
 */
export const minutesVersions = sqliteTable(
  'minutes_versions',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version', { mode: 'number' }).notNull(),
    content: text('content', { mode: 'json' }).notNull(),
    contentHash: text('content_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    note: text('note'),
    /** What this version changed against the previous one: a list of human-readable field paths. */
    changes: text('changes', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.version] })],
);

/** The current version's attendance, one row per person present or sending apologies. */
export const minutesAttendance = sqliteTable(
  'minutes_attendance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: text('person_id').references(() => people.id),
    name: text('name').notNull(),
    agency: text('agency').notNull(),
    role: text('role').notNull(),
    status: text('status', { enum: ['present', 'apologies'] }).notNull(),
    joinedAt: integer('joined_at', { mode: 'number' }),
    leftAt: integer('left_at', { mode: 'number' }),
  },
  (t) => [index('minutes_attendance_meeting_idx').on(t.meetingId)],
);

/** The current version's agenda items in order, with the discussion as plain text. */
export const minutesItems = sqliteTable(
  'minutes_items',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    position: integer('position', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    caseRef: text('case_ref'),
    discussion: text('discussion').notNull(),
    contributions: text('contributions', { mode: 'json' }).$type<{ agency: string; author: string; text: string }[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.itemId] })],
);

/** Decisions, numbered NNN/YYYY within the series and calendar year; the unique index holds even under concurrent ends. */
export const minutesDecisions = sqliteTable(
  'minutes_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    year: integer('year', { mode: 'number' }).notNull(),
    seq: integer('seq', { mode: 'number' }).notNull(),
    number: text('number').notNull(),
    outcome: text('outcome').notNull(),
    text: text('text').notNull(),
    reasons: text('reasons').notNull(),
  },
  (t) => [uniqueIndex('minutes_decisions_number_unique').on(t.seriesId, t.year, t.seq), uniqueIndex('minutes_decisions_item_unique').on(t.meetingId, t.itemId)],
);

export const actionStatusValues = ['open', 'done', 'not-possible', 'not-done'] as const;

/** Actions agreed in meetings. They outlive their meeting: open ones come back under matters arising. */
export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    position: integer('position', { mode: 'number' }).notNull(),
    caseRef: text('case_ref'),
    what: text('what').notNull(),
    ownerPersonId: text('owner_person_id').references(() => people.id),
    ownerAgencyId: text('owner_agency_id').references(() => agencies.id),
    due: text('due'),
    status: text('status', { enum: actionStatusValues }).notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('actions_series_idx').on(t.seriesId, t.status), index('actions_meeting_idx').on(t.meetingId)],
);

/** Each status change of an action, where it was made (a later meeting's matters arising, the tracker, an amendment). */
export const actionUpdates = sqliteTable(
  'action_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id),
    meetingId: text('meeting_id').references(() => meetings.id),
    status: text('status', { enum: actionStatusValues }).notNull(),
    note: text('note'),
    byPersonId: text('by_person_id')
      .notNull()
      .references(() => people.id),
    at: integer('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('action_updates_action_idx').on(t.actionId, t.at)],
);

/**
 * One private calendar feed per person: the URL carries a random token, this table only its hash. Replacing the
 * token revokes the old URL; deleting the row revokes the feed.
 */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
});

// ── After the meeting: circulation, reminders and the outbox ────────────────────────────────────────────────────


/**
 * Every email is a row here before it is sent, so none is lost silently: `queued` until sent (retried with backoff,
 * `attempts` and `lastError` say how it went), `failed` once it gives up (a coordinator may queue it again).
 * A link email's body holds a placeholder, never the token: the sender mints the token when it sends.
 */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: emailKinds }).notNull(),
    toPersonId: text('to_person_id')
      .notNull()
      .references(() => people.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    attachment: blob('attachment', { mode: 'buffer' }),
    /** Which meeting or series it concerns, so the right coordinator sees its delivery problems. */
    meetingId: text('meeting_id').references(() => meetings.id),
    seriesId: text('series_id').references(() => series.id),
    state: text('state', { enum: deliveryStates }).notNull().default('queued'),
    attempts: integer('attempts', { mode: 'number' }).notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'number' }).notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_due_idx').on(t.state, t.nextAttemptAt), index('email_outbox_meeting_idx').on(t.meetingId), index('email_outbox_series_idx').on(t.seriesId)],
);

/** One agency extract sent to one person: what, how, and (for a link) the hashed token, its expiry and first open. */
export const circulationRecipients = sqliteTable(
  'circulation_recipients',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version', { mode: 'number' }).notNull(),
    agencyName: text('agency_name').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    delivery: text('delivery', { enum: circulationDeliveries }).notNull(),
    outboxId: text('outbox_id')
      .notNull()
      .references(() => emailOutbox.id),
    sentBy: text('sent_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    tokenHash: text('token_hash').unique(),
    expiresAt: integer('expires_at', { mode: 'number' }),
    firstOpenedAt: integer('first_opened_at', { mode: 'number' }),
    opens: integer('opens', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('circulation_recipients_meeting_idx').on(t.meetingId, t.createdAt)],
);

/** A daily job claims its day here in a transaction before it sends, so it runs at most once a day across restarts. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    day: text('day').notNull(),
    claimedAt: integer('claimed_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.day] })],
);

/** A person's own settings; no row means the defaults (digests on). */
export const personPreferences = sqliteTable('person_preferences', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id),
  digests: integer('digests', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/** Reminder settings of a series (no row: the defaults). Its own table so the series table stays the series'. */
export const seriesReminderSettings = sqliteTable('series_reminder_settings', {
  seriesId: text('series_id')
    .primaryKey()
    .references(() => series.id),
  escalateAfterDays: integer('escalate_after_days', { mode: 'number' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/** The agency's lead named on a series: who hears about that agency's actions overdue past the threshold. */
export const seriesAgencyLeads = sqliteTable(
  'series_agency_leads',
  {
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.agencyId] })],
);

/** Each action is escalated to its agency's lead once. */
export const actionEscalations = sqliteTable('action_escalations', {
  actionId: text('action_id')
    .primaryKey()
    .references(() => actions.id),
  leadPersonId: text('lead_person_id')
    .notNull()
    .references(() => people.id),
  outboxId: text('outbox_id')
    .notNull()
    .references(() => emailOutbox.id),
  at: integer('at', { mode: 'number' }).notNull(),
});

/**
 * The case register: one row per pseudonymous reference. The reference is prefix-year-sequence; the unique indexes
 * make a duplicate impossible even if two referrals raced, and references are never deleted, so never reused.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    ref: text('ref').notNull(),
    prefix: text('prefix').notNull(),
    year: integer('year', { mode: 'number' }).notNull(),
    seq: integer('seq', { mode: 'number' }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    referringAgencyId: text('referring_agency_id')
      .notNull()
      .references(() => agencies.id),
    riskLevel: text('risk_level', { enum: riskLevels }).notNull(),
    childrenInvolved: integer('children_involved', { mode: 'boolean' }).notNull(),
    consent: text('consent', { enum: consentStatuses }).notNull(),
    lawfulBasis: text('lawful_basis').notNull().default(''),
    vulnerabilities: text('vulnerabilities', { mode: 'json' }).$type<string[]>().notNull(),
    summary: text('summary').notNull(),
    /** The last closure (kept when a new referral reopens the case: the repeat rule reads it). */
    closedAt: integer('closed_at', { mode: 'number' }),
    closedReason: text('closed_reason'),
    closedBy: text('closed_by').references(() => people.id),
    /** Set when status is `merged`: the earlier case this one's referral was matched to. */
    mergedIntoId: text('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('cases_ref_unique').on(t.ref), uniqueIndex('cases_seq_unique').on(t.prefix, t.year, t.seq), index('cases_series_idx').on(t.seriesId, t.status)],
);

/** A referral into a series: who referred what, and how the coordinator screened it. */
export const referrals = sqliteTable(
  'referrals',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /** The reference issued with this referral (kept after a match, so the retired reference stays explained). */
    issuedCaseId: text('issued_case_id')
      .notNull()
      .references(() => cases.id),
    referrerId: text('referrer_id')
      .notNull()
      .references(() => people.id),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    reason: text('reason').notNull(),
    urgent: integer('urgent', { mode: 'boolean' }).notNull(),
    /** The case fields as referred: risk, children, consent, lawful basis, vulnerabilities, summary. */
    fields: text('fields', { mode: 'json' })
      .$type<{ riskLevel: (typeof riskLevels)[number]; childrenInvolved: boolean; consent: (typeof consentStatuses)[number]; lawfulBasis: string; vulnerabilities: string[]; summary: string }>()
      .notNull(),
    state: text('state', { enum: referralStates }).notNull(),
    /** The coordinator's question (more information) or reason (declined). */
    stateMessage: text('state_message'),
    /** The referrer's answers to requests for more information, in order. */
    infoExchanges: text('info_exchanges', { mode: 'json' }).$type<{ request: string; response: string | null; requestedAt: number; respondedAt: number | null }[]>().notNull(),
    meetingId: text('meeting_id').references(() => meetings.id),
    itemId: text('item_id'),
    /** Set by the server only, when the matched case was referred or closed within the repeat window. */
    repeat: integer('repeat', { mode: 'boolean' }).notNull().default(false),
    earlierReferredAt: text('earlier_referred_at', { mode: 'json' }).$type<number[]>().notNull(),
    earlierClosedAt: integer('earlier_closed_at', { mode: 'number' }),
    decidedBy: text('decided_by').references(() => people.id),
    decidedAt: integer('decided_at', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('referrals_series_idx').on(t.seriesId, t.state), index('referrals_case_idx').on(t.caseId), index('referrals_referrer_idx').on(t.referrerId)],
);

/** What one agency found in its own records about a case before a meeting. */
export const caseResearch = sqliteTable(
  'case_research',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    knows: text('knows').notNull(),
    risks: text('risks').notNull(),
    view: text('view').notNull(),
    /** Person ids of everyone who wrote it, in order of first writing. */
    authorIds: text('author_ids', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('case_research_unique').on(t.caseId, t.meetingId, t.agencyId), index('case_research_meeting_idx').on(t.meetingId)],
);

/** A meeting's agenda is published (a coordinator action) before agencies research its cases. */
export const agendaPublications = sqliteTable('agenda_publications', {
  meetingId: text('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  publishedAt: integer('published_at', { mode: 'number' }).notNull(),
  publishedBy: text('published_by')
    .notNull()
    .references(() => people.id),
});

/** The case register, referrals and agencies' research. */
import { pgTable, text, integer, bigint, boolean, json, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { caseStatuses, consentStatuses, referralStates, riskLevels } from '../../../../shared/domain.js';
import { createdAt } from './columns.js';
import { meetings } from './meetings.js';
import { agencies, people } from './people.js';
import { series } from './series.js';

/**
 * The case register: one row per pseudonymous reference. The reference is prefix-year-sequence; the unique indexes
 * make a duplicate impossible even if two referrals raced, and references are never deleted, so never reused.
 */
export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    ref: text('ref').notNull(),
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    referringAgencyId: text('referring_agency_id')
      .notNull()
      .references(() => agencies.id),
    riskLevel: text('risk_level', { enum: riskLevels }).notNull(),
    childrenInvolved: boolean('children_involved').notNull(),
    consent: text('consent', { enum: consentStatuses }).notNull(),
    lawfulBasis: text('lawful_basis').notNull().default(''),
    vulnerabilities: json('vulnerabilities').$type<string[]>().notNull(),
    summary: text('summary').notNull(),
    /** The last closure (kept when a new referral reopens the case: the repeat rule reads it). */
    closedAt: bigint('closed_at', { mode: 'number' }),
    closedReason: text('closed_reason'),
    closedBy: text('closed_by').references(() => people.id),
    /** Set when status is `merged`: the earlier case this one's referral was matched to. */
    mergedIntoId: text('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('cases_ref_unique').on(t.ref), uniqueIndex('cases_seq_unique').on(t.prefix, t.year, t.seq), index('cases_series_idx').on(t.seriesId, t.status)],
);

/** A referral into a series: who referred what, and how the coordinator screened it. */
export const referrals = pgTable(
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
    urgent: boolean('urgent').notNull(),
    /** The case fields as referred: risk, children, consent, lawful basis, vulnerabilities, summary. */
    fields: json('fields')
      .$type<{ riskLevel: (typeof riskLevels)[number]; childrenInvolved: boolean; consent: (typeof consentStatuses)[number]; lawfulBasis: string; vulnerabilities: string[]; summary: string }>()
      .notNull(),
    state: text('state', { enum: referralStates }).notNull(),
    /** The coordinator's question (more information) or reason (declined). */
    stateMessage: text('state_message'),
    /** The referrer's answers to requests for more information, in order. */
    infoExchanges: json('info_exchanges').$type<{ request: string; response: string | null; requestedAt: number; respondedAt: number | null }[]>().notNull(),
    meetingId: text('meeting_id').references(() => meetings.id),
    itemId: text('item_id'),
    /** Set by the server only, when the matched case was referred or closed within the repeat window. */
    repeat: boolean('repeat').notNull().default(false),
    earlierReferredAt: json('earlier_referred_at').$type<number[]>().notNull(),
    earlierClosedAt: bigint('earlier_closed_at', { mode: 'number' }),
    decidedBy: text('decided_by').references(() => people.id),
    decidedAt: bigint('decided_at', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('referrals_series_idx').on(t.seriesId, t.state), index('referrals_case_idx').on(t.caseId), index('referrals_referrer_idx').on(t.referrerId)],
);

/** What one agency found in its own records about a case before a meeting. */
export const caseResearch = pgTable(
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
    authorIds: json('author_ids').$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('case_research_unique').on(t.caseId, t.meetingId, t.agencyId), index('case_research_meeting_idx').on(t.meetingId)],
);

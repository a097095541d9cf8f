/** A series of meetings: its settings, members, reminder settings and agency leads. */
import { pgTable, text, integer, bigint, json, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { decisionSchemes, seriesRoles } from '../../../../shared/domain.js';
import { minutesLanguages } from '../../../../shared/i18n/languages.js';
import type { StoredStandingItem } from '../../schema/series.js';
import type { Cadence } from '../../../../shared/cadence.js';
import { createdAt } from './columns.js';
import { agencies, people } from './people.js';

export const series = pgTable('series', {
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
  cadenceRule: json('cadence_rule').$type<Cadence>(),
  agendaTemplate: json('agenda_template').$type<StoredStandingItem[]>().notNull().default([]),
  decisionPrefix: text('decision_prefix').notNull().default(''),
  decisionScheme: text('decision_scheme', { enum: decisionSchemes }).notNull().default('NNN/YYYY'),
  /** The language(s) of its minutes and agendas: English, Welsh, or both side by side. */
  minutesLanguage: text('minutes_language', { enum: minutesLanguages }).notNull().default('en'),
  /** Set when archived: the series and its meetings stay, read-only. */
  archivedAt: bigint('archived_at', { mode: 'number' }),
  updatedAt: bigint('updated_at', { mode: 'number' }),
});

/** Who belongs to a series, and as what. Membership of a series opens its meetings. */
export const seriesMembers = pgTable(
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

/** Reminder settings of a series (no row: the defaults). Its own table so the series table stays the series'. */
export const seriesReminderSettings = pgTable('series_reminder_settings', {
  seriesId: text('series_id')
    .primaryKey()
    .references(() => series.id),
  escalateAfterDays: integer('escalate_after_days').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** The agency's lead named on a series: who hears about that agency's actions overdue past the threshold. */
export const seriesAgencyLeads = pgTable(
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
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.agencyId] })],
);

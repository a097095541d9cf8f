/** A series of meetings: its settings, members, reminder settings and agency leads. */
import { sqliteTable, text, integer, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { seriesRoles, type SeriesRole } from '../../../shared/domain.js';
import { decisionSchemes, type StandingItemKind } from '../../../shared/domain.js';
import { minutesLanguages } from '../../../shared/i18n/languages.js';
import type { Cadence } from '../../../shared/cadence.js';
import { createdAt } from './columns.js';
import { agencies, people } from './people.js';

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
  /** The language(s) of its minutes and agendas: English, Welsh, or both side by side. */
  minutesLanguage: text('minutes_language', { enum: minutesLanguages }).notNull().default('en'),
  /** Set when archived: the series and its meetings stay, read-only. */
  archivedAt: integer('archived_at', { mode: 'number' }),
  updatedAt: integer('updated_at', { mode: 'number' }),
});

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

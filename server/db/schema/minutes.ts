/** The minutes: every version, and the current version's attendance, items and numbered decisions. */
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { meetings } from './meetings.js';
import { people } from './people.js';
import { series } from './series.js';

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

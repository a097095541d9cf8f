/** The minutes: every version, and the current version's attendance, items and numbered decisions. */
import { pgTable, text, integer, bigint, bigserial, json, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { meetings } from './meetings.js';
import { people } from './people.js';
import { series } from './series.js';

/**
 * Every version of a meeting's minutes: version 1 is written when the chair ends the meeting, each amendment adds
 * one. `content` is the whole minutes view of that version, so any version can be exported again as it was.
 */
export const minutesVersions = pgTable(
  'minutes_versions',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull(),
    content: json('content').notNull(),
    contentHash: text('content_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    note: text('note'),
    /** What this version changed against the previous one: a list of human-readable field paths. */
    changes: json('changes').$type<string[]>(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.version] })],
);

/** The current version's attendance, one row per person present or sending apologies. */
export const minutesAttendance = pgTable(
  'minutes_attendance',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: text('person_id').references(() => people.id),
    name: text('name').notNull(),
    agency: text('agency').notNull(),
    role: text('role').notNull(),
    status: text('status', { enum: ['present', 'apologies'] }).notNull(),
    joinedAt: bigint('joined_at', { mode: 'number' }),
    leftAt: bigint('left_at', { mode: 'number' }),
  },
  (t) => [index('minutes_attendance_meeting_idx').on(t.meetingId)],
);

/** The current version's agenda items in order, with the discussion as plain text. */
export const minutesItems = pgTable(
  'minutes_items',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    caseRef: text('case_ref'),
    discussion: text('discussion').notNull(),
    contributions: json('contributions').$type<{ agency: string; author: string; text: string }[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.itemId] })],
);

/** Decisions, numbered NNN/YYYY within the series and calendar year; the unique index holds even under concurrent ends. */
export const minutesDecisions = pgTable(
  'minutes_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    outcome: text('outcome').notNull(),
    text: text('text').notNull(),
    reasons: text('reasons').notNull(),
  },
  (t) => [uniqueIndex('minutes_decisions_number_unique').on(t.seriesId, t.year, t.seq), uniqueIndex('minutes_decisions_item_unique').on(t.meetingId, t.itemId)],
);

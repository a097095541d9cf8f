import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('people_email_unique').on(t.email)],
);

export const series = sqliteTable('series', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  cadence: text('cadence').notNull().default(''),
  ownerAgencyId: text('owner_agency_id').references(() => agencies.id),
  createdAt: createdAt(),
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
    status: text('status', { enum: ['scheduled', 'live', 'ended'] }).notNull().default('scheduled'),
    chairId: text('chair_id').references(() => people.id),
    createdAt: createdAt(),
    endedAt: integer('ended_at', { mode: 'number' }),
  },
  (t) => [index('meetings_series_idx').on(t.seriesId, t.scheduledAt)],
);

/** Compacted Yjs state of a meeting: the snapshot plus every log row after `logSeq` is the whole document. */
export const meetingDocuments = sqliteTable('meeting_documents', {
  meetingId: text('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  snapshot: blob('snapshot', { mode: 'buffer' }).notNull(),
  logSeq: integer('log_seq', { mode: 'number' }).notNull().default(0),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/** Append-only log of accepted Yjs updates, written before anyone else sees them. */
export const meetingUpdates = sqliteTable(
  'meeting_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    update: blob('update', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_updates_meeting_idx').on(t.meetingId, t.seq)],
);

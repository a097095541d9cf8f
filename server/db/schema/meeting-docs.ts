/** The meeting documents on disk: the append-only Yjs update log and the compacted snapshots. */
import { sqliteTable, text, integer, blob, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { meetings } from './meetings.js';

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

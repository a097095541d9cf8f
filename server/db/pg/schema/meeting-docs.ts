/** The meeting documents on disk: the append-only Yjs update log and the compacted snapshots. */
import { pgTable, text, bigint, bigserial, index, primaryKey } from 'drizzle-orm/pg-core';
import { meetingDocKinds } from '../../schema/meeting-docs.js';
import { bytea, createdAt } from './columns.js';
import { meetings } from './meetings.js';

/** Compacted Yjs state of one meeting document: the snapshot plus every log row after `logSeq` is the whole document. */
export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    doc: text('doc', { enum: meetingDocKinds }).notNull().default('shared'),
    snapshot: bytea('snapshot').notNull(),
    logSeq: bigint('log_seq', { mode: 'number' }).notNull().default(0),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.doc] })],
);

/** Append-only log of accepted Yjs updates, written before anyone else sees them. */
export const meetingUpdates = pgTable(
  'meeting_updates',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    doc: text('doc', { enum: meetingDocKinds }).notNull().default('shared'),
    update: bytea('update').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_updates_doc_idx').on(t.meetingId, t.doc, t.seq)],
);

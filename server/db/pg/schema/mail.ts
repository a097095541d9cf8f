/** After the meeting: the email outbox, circulated extracts and the daily jobs' claims. */
import { pgTable, text, integer, bigint, index, primaryKey } from 'drizzle-orm/pg-core';
import { circulationDeliveries, deliveryStates, emailKinds } from '../../../../shared/circulation.js';
import { bytea, createdAt } from './columns.js';
import { meetings } from './meetings.js';
import { people } from './people.js';
import { series } from './series.js';

/**
 * Every email is a row here before it is sent, so none is lost silently: `queued` until sent (retried with backoff,
 * `attempts` and `lastError` say how it went), `failed` once it gives up (a coordinator may queue it again).
 * A link email's body holds a placeholder, never the token: the sender mints the token when it sends.
 */
export const emailOutbox = pgTable(
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
    attachment: bytea('attachment'),
    /** Which meeting or series it concerns, so the right coordinator sees its delivery problems. */
    meetingId: text('meeting_id').references(() => meetings.id),
    seriesId: text('series_id').references(() => series.id),
    state: text('state', { enum: deliveryStates }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    lastError: text('last_error'),
    sentAt: bigint('sent_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_due_idx').on(t.state, t.nextAttemptAt), index('email_outbox_meeting_idx').on(t.meetingId), index('email_outbox_series_idx').on(t.seriesId)],
);

/** One agency extract sent to one person: what, how, and (for a link) the hashed token, its expiry and first open. */
export const circulationRecipients = pgTable(
  'circulation_recipients',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull(),
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
    expiresAt: bigint('expires_at', { mode: 'number' }),
    firstOpenedAt: bigint('first_opened_at', { mode: 'number' }),
    opens: integer('opens').notNull().default(0),
  },
  (t) => [index('circulation_recipients_meeting_idx').on(t.meetingId, t.createdAt)],
);

/** A daily job claims its day here in a transaction before it sends, so it runs at most once a day across restarts. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    day: text('day').notNull(),
    claimedAt: bigint('claimed_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.day] })],
);

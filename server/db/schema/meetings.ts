/** One meeting: its schedule, guests and invites, room state, attendance and published agenda. */
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { meetingStatuses } from '../../../shared/domain.js';
import { createdAt } from './columns.js';
import { people } from './people.js';
import { series } from './series.js';

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
  // Set when a chair or coordinator withdraws the link before it is used: it then lets no one in.
  withdrawnAt: integer('withdrawn_at', { mode: 'number' }),
});

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

/** Actions agreed in meetings, their status history and escalations. */
import { pgTable, text, integer, bigint, bigserial, index } from 'drizzle-orm/pg-core';
import { actionStatusValues } from '../../schema/actions.js';
import { createdAt } from './columns.js';
import { emailOutbox } from './mail.js';
import { meetings } from './meetings.js';
import { agencies, people } from './people.js';
import { series } from './series.js';

/** Actions agreed in meetings. They outlive their meeting: open ones come back under matters arising. */
export const actions = pgTable(
  'actions',
  {
    id: text('id').primaryKey(),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: text('item_id').notNull(),
    position: integer('position').notNull(),
    caseRef: text('case_ref'),
    what: text('what').notNull(),
    ownerPersonId: text('owner_person_id').references(() => people.id),
    ownerAgencyId: text('owner_agency_id').references(() => agencies.id),
    due: text('due'),
    status: text('status', { enum: actionStatusValues }).notNull(),
    createdAt: createdAt(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('actions_series_idx').on(t.seriesId, t.status), index('actions_meeting_idx').on(t.meetingId)],
);

/** Each status change of an action, where it was made (a later meeting's matters arising, the tracker, an amendment). */
export const actionUpdates = pgTable(
  'action_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actionId: text('action_id')
      .notNull()
      .references(() => actions.id),
    meetingId: text('meeting_id').references(() => meetings.id),
    status: text('status', { enum: actionStatusValues }).notNull(),
    note: text('note'),
    byPersonId: text('by_person_id')
      .notNull()
      .references(() => people.id),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('action_updates_action_idx').on(t.actionId, t.at)],
);

/** Each action is escalated to its agency's lead once. */
export const actionEscalations = pgTable('action_escalations', {
  actionId: text('action_id')
    .primaryKey()
    .references(() => actions.id),
  leadPersonId: text('lead_person_id')
    .notNull()
    .references(() => people.id),
  outboxId: text('outbox_id')
    .notNull()
    .references(() => emailOutbox.id),
  at: bigint('at', { mode: 'number' }).notNull(),
});

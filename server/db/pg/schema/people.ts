/** Who: agencies, people, their sessions, sign-in lockout, their own settings and calendar feeds. */
import { pgTable, text, integer, bigint, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const agencies = pgTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  shortName: text('short_name').notNull(),
  createdAt: createdAt(),
});

export const people = pgTable(
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
    /** Set when an administrator disables the account: no sign-in, no session, every connection closed. */
    disabledAt: bigint('disabled_at', { mode: 'number' }),
    /** The language this person chose for screens and emails (`en` or `cy`); null until they choose. */
    language: text('language', { enum: ['en', 'cy'] }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('people_email_unique').on(t.email)],
);

/** Server-side sessions; the cookie carries a random token, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

/** Failed sign-ins per account, for lockout. */
export const signInFailures = pgTable('sign_in_failures', {
  email: text('email').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: bigint('locked_until', { mode: 'number' }),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** A person's own settings; no row means the defaults (digests on). */
export const personPreferences = pgTable('person_preferences', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id),
  digests: boolean('digests').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/**
 * One private calendar feed per person: the URL carries a random token, this table only its hash. Replacing the
 * token revokes the old URL; deleting the row revokes the feed.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
});

/**
 * The SQLite schema, one module per area under `schema/`; this index re-exports them all (drizzle.config.ts reads it).
 */
export * from './schema/people.js';
export * from './schema/series.js';
export * from './schema/meetings.js';
export * from './schema/meeting-docs.js';
export * from './schema/audit.js';
export * from './schema/minutes.js';
export * from './schema/actions.js';
export * from './schema/mail.js';
export * from './schema/cases.js';

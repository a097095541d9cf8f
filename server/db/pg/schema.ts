/**
 * The PostgreSQL schema: the same tables and columns as the SQLite schema (`../schema/`), one module per area that
 * mirrors its SQLite twin. Milliseconds are bigint read as numbers, blobs are bytea, JSON is `json` (kept as written,
 * key order included), flags are booleans, so both engines hand the repositories identical values.
 * test/unit/schema-parity.test.ts fails when a table or column exists in one and not the other: add to both.
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

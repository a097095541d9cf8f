import { sql, type AnyColumn } from 'drizzle-orm';

/**
 * A text column ordered bytewise, as SQLite orders text (PostgreSQL's default collation would not: case and accents
 * would sort differently), so both engines list rows in the same order.
 */
export const bytewise = (column: AnyColumn) => sql`${column} collate "C"`;

import { bigint, customType } from 'drizzle-orm/pg-core';

/** Every row's creation time, in milliseconds since the epoch (bigint read back as a JS number, as in SQLite). */
export const createdAt = () => bigint('created_at', { mode: 'number' }).notNull();

/** Binary columns (Yjs updates, attachments): bytea, read back as a Buffer (a Uint8Array), as better-sqlite3 gives. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

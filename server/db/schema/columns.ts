import { integer } from 'drizzle-orm/sqlite-core';

/** Every row's creation time, in milliseconds since the epoch. */
export const createdAt = () => integer('created_at', { mode: 'number' }).notNull();

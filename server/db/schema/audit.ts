/** The audit log. */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { people } from './people.js';

/** Who did what, when, from where. Never note text or personal fields in `detail`. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'number' }).notNull(),
    actorId: text('actor_id').references(() => people.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_actor_idx').on(t.actorId, t.at), index('audit_action_idx').on(t.action, t.at)],
);

/** The audit log. */
import { pgTable, text, bigint, bigserial, json, index } from 'drizzle-orm/pg-core';
import { people } from './people.js';

/** Who did what, when, from where. Never note text or personal fields in `detail`. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: bigint('at', { mode: 'number' }).notNull(),
    actorId: text('actor_id').references(() => people.id),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    detail: json('detail').$type<Record<string, string | number | boolean | null>>(),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_actor_idx').on(t.actorId, t.at), index('audit_action_idx').on(t.action, t.at)],
);

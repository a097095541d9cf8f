/**
 * The email outbox, engine-neutral: every email is a row before it is sent, claimed by one sender at a time.
 * SQLite (server/db/sqlite/outbox-store.ts) and PostgreSQL (server/db/pg/outbox-store.ts);
 * test/contract/outbox.test.ts runs both, including senders claiming at the same moment.
 */
import type { OutboxRepo } from '../outbox-repo.js';

export type { NewOutboxRow, OutboxRow } from '../outbox-repo.js';

type Resolved<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

/** The repository's calls, each resolving with what the synchronous one returns. */
export type OutboxStore = { [K in keyof OutboxRepo]: Resolved<OutboxRepo[K]> };

/**
 * The PostgreSQL side of storage.ts: every store over a node-postgres pool, and the command transaction. In a module of
 * its own so that only a server configured for PostgreSQL loads it (and with it node-postgres and the PostgreSQL
 * schema): the server imports it dynamically when TRIAGE_DATABASE_URL is set.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { pgSeriesStore } from '../pg/series-store.js';
import { pgCalendarStore } from '../pg/calendar-store.js';
import { pgInvitesStore } from '../pg/invites-store.js';
import { pgMembershipStore } from '../pg/membership-store.js';
import { pgAdminStore } from '../pg/admin-store.js';
import { pgActionsStore } from '../pg/actions-store.js';
import { pgCirculationStore } from '../pg/circulation-store.js';
import { pgOutcomesStore } from '../pg/outcomes-store.js';
import { pgRemindersStore } from '../pg/reminders-store.js';
import type { PgDatabase, PgExecutor } from '../pg/client.js';
import { pgAuthStore } from '../pg/auth-store.js';
import { pgCasesStore } from '../pg/cases-store.js';
import { pgMeetingDocStore } from '../pg/meeting-docs-store.js';
import { pgMinutesStore } from '../pg/minutes-store.js';
import { pgOutboxStore } from '../pg/outbox-store.js';
import { pgRecordsStore } from '../pg/records-store.js';
import { pgAttendanceStore, pgAuditStore, pgRoomStateStore } from '../pg/room-records-store.js';
import { pgCall } from '../pg/faults.js';
import { commandLockKey, route, type Storage } from './storage.js';
import type { Stores } from './index.js';

/** The stores over a PostgreSQL pool (migrated by `openPgDatabase`). */
export function pgStores({ db, pool, tx }: { db: PgExecutor; pool: PgDatabase['pool']; tx?: PgExecutor }): Stores {
  return {
    engine: 'postgres',
    // Bound to a transaction, its reads run on that transaction's connection (pg/meeting-docs-store.ts).
    meetingDocs: pgMeetingDocStore(pool, tx),
    minutes: pgMinutesStore(db),
    roomState: pgRoomStateStore(db),
    attendance: pgAttendanceStore(db),
    audit: pgAuditStore(db),
    auth: pgAuthStore(db, pool),
    records: pgRecordsStore(db),
    outbox: pgOutboxStore(db),
    cases: pgCasesStore(db),
    actions: pgActionsStore(db),
    outcomes: pgOutcomesStore(db),
    reminders: pgRemindersStore(db),
    circulation: pgCirculationStore(db),
    series: pgSeriesStore(db),
    calendar: pgCalendarStore(db),
    invites: pgInvitesStore(db),
    membership: pgMembershipStore(db),
    admin: pgAdminStore(db),
  };
}

/** PostgreSQL: a pool; a transaction takes the command lock first, then runs `work` over stores bound to it. */
export function pgStorage(database: Pick<PgDatabase, 'db' | 'pool'>): Storage {
  const pooled = pgStores(database);
  const open = new AsyncLocalStorage<Stores>();
  return {
    engine: 'postgres',
    // Called from inside a transaction's work, the outside stores run in that transaction too.
    stores: route(pooled, async () => open.getStore() ?? pooled),
    transaction<T>(work: (s: Stores) => Promise<T>): Promise<T> {
      const joined = open.getStore();
      if (joined) return work(joined);
      return pgCall(() =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${commandLockKey})`);
          const bound = pgStores({ db: tx, pool: database.pool, tx });
          return open.run(bound, () => work(bound));
        }),
      );
    },
  };
}

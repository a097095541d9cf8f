/**
 * The server's storage, engine-neutral: every area's store (`stores`) and one way to run a command's writes, and its
 * audit row, all-or-nothing (`transaction`). Services take a `Storage`, never a database handle, so the same command
 * runs on the embedded SQLite file or on PostgreSQL (TRIAGE_DATABASE_URL).
 *
 * The rule for a command (DESIGN.md: one command per use case, one transaction):
 *
 *   const ref = await storage.transaction(async (s) => {
 *     const row = await s.cases.find(id);      // use `s`, the stores bound to this transaction, inside it
 *     await s.cases.insert(...);
 *     await s.audit.record(...);
 *     return row.ref;
 *   });
 *   // after the commit: emails, realtime notices, access changes
 *
 * Inside `work`, await only calls on `s`: no mail, no Yjs, no timers. Work is serialised with every other
 * transaction of the database (SQLite: the connection's one writer; PostgreSQL: a transaction-scoped advisory lock
 * taken first, so two processes never run commands at once), which is what the commands were written for: a read
 * in a transaction sees no other command's half-done writes, and "read, check, write" needs no further locking.
 *
 * The PostgreSQL storage is in pg-storage.ts, loaded only when TRIAGE_DATABASE_URL names a PostgreSQL database, so a
 * server on SQLite never loads node-postgres or the PostgreSQL schema.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database_ } from '../client.js';
import { sqliteStores, type Stores } from './index.js';

export interface Storage {
  engine: Stores['engine'];
  /** The stores for calls outside a transaction (each call is its own statement or transaction). */
  stores: Stores;
  /**
   * Runs `work` in one transaction over stores bound to it: committed when it resolves, rolled back when it throws.
   * Called again from inside `work` (a command that calls another), it joins the transaction already open.
   */
  transaction<T>(work: (s: Stores) => Promise<T>): Promise<T>;
}

/** The lock key every PostgreSQL command transaction takes (pg_advisory_xact_lock): one command at a time. */
export const commandLockKey = 0x7472_6961; // "tria"

/**
 * SQLite: the stores over the one connection. A transaction is BEGIN IMMEDIATE … COMMIT on that connection, so
 * while one is open, a call from outside it (another request whose code resumed between two awaits of this one)
 * must wait for it to finish rather than slip its statement into it: the outside stores wait on the open
 * transaction, and transactions queue one after another.
 */
export function sqliteStorage(database: Pick<Database_, 'db' | 'sqlite'>): Storage {
  const inner = sqliteStores(database);
  const { sqlite } = database;
  // Marks the code running inside the open transaction (its awaits included), so its own calls go straight through.
  const insideTransaction = new AsyncLocalStorage<true>();
  let open: Promise<unknown> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const gated = route(inner, async () => {
    if (!insideTransaction.getStore()) while (open) await open.catch(() => undefined);
    return inner;
  });

  async function run<T>(work: (s: Stores) => Promise<T>): Promise<T> {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await insideTransaction.run(true, () => work(inner));
      sqlite.exec('COMMIT');
      return result;
    } catch (err) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw err;
    }
  }

  return {
    engine: 'sqlite',
    stores: gated,
    transaction<T>(work: (s: Stores) => Promise<T>): Promise<T> {
      if (insideTransaction.getStore()) return work(inner);
      const next = queue.then(async () => {
        const current = run(work);
        open = current;
        try {
          return await current;
        } finally {
          open = null;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** The same calls as `shape`, each made on the stores `target` resolves with when it is called. */
export function route(shape: Stores, target: () => Promise<Stores>): Stores {
  const out: Record<string, unknown> = { engine: shape.engine };
  for (const [area, store] of Object.entries(shape)) {
    if (typeof store !== 'object' || store === null) continue;
    const wrapped: Record<string, unknown> = {};
    for (const [name, call] of Object.entries(store)) {
      if (typeof call !== 'function') continue;
      wrapped[name] = async (...args: unknown[]) => {
        const stores = (await target()) as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
        return stores[area][name](...args);
      };
    }
    out[area] = wrapped;
  }
  return out as unknown as Stores;
}

/**
 * How an area's engine-neutral store is declared from its synchronous SQLite repository: the same calls, each
 * resolving with what the synchronous one returns. The SQLite implementation is then the repository itself behind
 * `asyncStore`; the PostgreSQL one is written against the PostgreSQL schema (server/db/pg/) and both pass the
 * area's contract suite (test/contract/).
 */

/** One call, resolving with the synchronous call's result. */
export type Resolved<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/** A repository's calls (its function-valued keys), each resolving with what the synchronous one returns. */
export type AsyncOf<Repo> = { [K in keyof Repo as Repo[K] extends (...args: never[]) => unknown ? K : never]: Resolved<Repo[K]> };

/**
 * The synchronous repository behind the async interface: each call runs whole, synchronously, before its promise
 * resolves, so a store call never interleaves with another inside SQLite (transactions: server/db/stores/storage.ts).
 */
export function asyncStore<Repo extends object>(repo: Repo): AsyncOf<Repo> {
  const store: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(repo)) {
    if (typeof value !== 'function') continue;
    store[key] = (...args: unknown[]) => {
      try {
        return Promise.resolve((value as (...a: unknown[]) => unknown).apply(repo, args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return store as AsyncOf<Repo>;
}

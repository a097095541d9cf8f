import type { CasesRepo } from '../cases-repo.js';
import { asyncStore } from '../stores/async-store.js';
import type { CasesStore } from '../stores/cases.js';

/** Today's synchronous repository behind the async interface (the Storage owns transactions, so not the repo's own). */
export function sqliteCasesStore(repo: CasesRepo): CasesStore {
  const { transaction: _ownTransaction, ...calls } = asyncStore(repo);
  return calls;
}

import type { CasesRepo } from '../cases-repo.js';
import { asyncStore } from '../stores/async-store.js';
import type { CasesStore } from '../stores/cases.js';

/** Today's synchronous repository behind the async interface. */
export const sqliteCasesStore = (repo: CasesRepo): CasesStore => asyncStore(repo);

/** What every series and meeting command needs; tests build it on a temp database like the server does. */
import type { AuditEntry } from '../../db/stores/room-records.js';
import type { Stores } from '../../db/stores/index.js';
import type { Storage } from '../../db/stores/storage.js';
import type { Policies } from '../../policies/index.js';
import type { MinutesService } from '../minutes/minutes-service.js';
import type { AccessEvents } from '../access-events.js';
import type { InviteMail } from './invites.js';

export interface SeriesDeps {
  /** The engine-neutral storage (issue 17): each command is one `storage.transaction` with its audit row. */
  storage: Storage;
  policies: Policies;
  minutes: MinutesService;
  now: () => number;
  /** Told when a command changes who holds which role, so open connections follow at once (server/realtime/live-connections). */
  access?: AccessEvents;
  /** Calendar invites by email (absent in tests that build commands without a mail service). */
  mail?: InviteMail;
}

/** After the commit: each person whose series role or meeting chair may have changed has their connections re-checked. */
export const accessChangedFor = async (deps: SeriesDeps, personIds: Iterable<string | null | undefined>): Promise<void> => {
  const ids = Array.from(new Set(personIds)).filter((id): id is string => !!id);
  await Promise.all(ids.map((personId) => deps.access?.changed({ type: 'person-changed', personId })));
};

/**
 * Runs a command's reads, checks and writes, and its audit row, in one transaction. The checks belong inside it:
 * transactions run one at a time, so what a check read (a free slot, an unused prefix) is still true at the write.
 */
export const inTransaction = <T>(deps: SeriesDeps, work: (s: Stores) => Promise<T>): Promise<T> => deps.storage.transaction(work);

/** The command's own audit row, written inside its transaction. Detail holds ids and dates, never free text. */
export const auditRow = (deps: SeriesDeps, s: Stores, entry: AuditEntry): Promise<void> => s.audit.record(entry, deps.now());

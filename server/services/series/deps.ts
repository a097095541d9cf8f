/** What every series and meeting command needs; tests build it on a temp database like the server does. */
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditRepo } from '../../db/audit-repo.js';
import type { MeetingDocsRepo } from '../../db/meeting-docs-repo.js';
import type { SeriesRepo } from '../../db/series-repo.js';
import type { Policies } from '../../policies/index.js';
import type { MinutesService } from '../minutes/minutes-service.js';
import type { AccessEvents } from '../access-events.js';
import type { Storage } from '../../db/stores/storage.js';
import type { InviteMail } from './invites.js';

export interface SeriesDeps {
  sqlite: Database.Database;
  /** The engine-neutral storage (issue 17): commands that call the minutes' commands run in its transaction. */
  storage: Storage;
  repo: SeriesRepo;
  docs: MeetingDocsRepo;
  policies: Policies;
  auditRepo: AuditRepo;
  minutes: MinutesService;
  now: () => number;
  /** Told when a command changes who holds which role, so open connections follow at once (server/realtime/live-connections). */
  access?: AccessEvents;
  /** Calendar invites by email (absent in tests that build commands without a mail service). */
  mail?: InviteMail;
}

/** After the commit: each person whose series role or meeting chair may have changed has their connections re-checked. */
export const accessChangedFor = (deps: SeriesDeps, personIds: Iterable<string | null | undefined>): void => {
  for (const personId of new Set(personIds)) if (personId) deps.access?.changed({ type: 'person-changed', personId });
};

/** Runs a command's writes, and its audit row, in one immediate SQLite transaction. */
export const inTransaction = <T>(deps: SeriesDeps, work: () => T): T => deps.sqlite.transaction(work).immediate();

/** The command's own audit row, written inside its transaction. Detail holds ids and dates, never free text. */
export const auditRow = (deps: SeriesDeps, entry: AuditEntry): void => deps.auditRepo.record(entry, deps.now());

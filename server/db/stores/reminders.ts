/**
 * The daily reminders and their settings, engine-neutral: the day's claim, the actions due, agency leads, thresholds
 * and each person's preferences. SQLite (server/db/reminders-repo.ts behind `asyncStore`) and PostgreSQL
 * (server/db/pg/reminders-store.ts); test/contract/reminders.test.ts runs both.
 */
import type { RemindersRepo } from '../reminders-repo.js';
import type { AsyncOf } from './async-store.js';

export type RemindersStore = AsyncOf<RemindersRepo>;
/** One open action due, as the daily run reads it. */
export type DueActionRow = Awaited<ReturnType<RemindersStore['openActionsDueBy']>>[number];
export type LeadCandidateRow = Awaited<ReturnType<RemindersStore['leadCandidates']>>[number];

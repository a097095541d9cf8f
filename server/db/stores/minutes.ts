/**
 * The minutes record, engine-neutral: every version of a meeting's minutes, the current version's attendance,
 * items and numbered decisions, and the facts the minutes are written from. SQLite (server/db/sqlite/minutes-store.ts,
 * over today's synchronous repository) and PostgreSQL (server/db/pg/minutes-store.ts) keep the same promises;
 * test/contract/minutes.test.ts runs both.
 */
import { AppError } from '../../errors.js';
import type { StoredContent } from '../../services/minutes/content.js';
import type { minutesDecisions, minutesVersions, series } from '../schema.js';

export type { StoredContent };

export interface MeetingFacts {
  id: string;
  title: string;
  scheduledAt: number;
  openedAt: number | null;
  venue: string;
  decisionPrefix: string;
  decisionScheme: 'NNN/YYYY' | 'YYYY/NNN';
  /** The language(s) the series' minutes are worded in. */
  minutesLanguage: (typeof series.$inferSelect)['minutesLanguage'];
  status: string;
  seriesId: string;
  seriesName: string;
  chairName: string | null;
  chairAgency: string | null;
  takerName: string | null;
  takerAgency: string | null;
  /** The series' next meeting after this one (not cancelled), if any. */
  next: { id: string; scheduledAt: number } | null;
}

export interface AttendanceRow {
  personId: string;
  role: string;
  joinedAt: number;
  leftAt: number | null;
  ackAt: number | null;
  name: string;
  agency: string;
}

export interface VersionRow {
  version: number;
  contentHash: string;
  createdAt: number;
  createdBy: { id: string; name: string; agency: string };
  note: string | null;
  changes: string[];
}

export type VersionInsert = typeof minutesVersions.$inferInsert;
export type DecisionRow = typeof minutesDecisions.$inferSelect;

export interface MinutesReads {
  meetingFacts(meetingId: string): Promise<MeetingFacts | undefined>;
  /** Who came, with their agency, first join, last leave and acknowledgement, by first join then name. */
  attendance(meetingId: string): Promise<AttendanceRow[]>;
  /** Whether (and by whom, in which version) a later meeting agreed these minutes as a correct record. */
  agreement(meetingId: string): Promise<{ at: number; version: number; by: string } | null>;
  /** Every version's facts, newest first; the content stays stored until one is asked for. */
  versions(meetingId: string): Promise<VersionRow[]>;
  /** One version's content exactly as written (key order included, so its hash still matches), or undefined. */
  content(meetingId: string, version: number): Promise<StoredContent | undefined>;
  /** The current version's decisions, by number. */
  decisionsOf(meetingId: string): Promise<DecisionRow[]>;
}

export interface MinutesWrites extends MinutesReads {
  /**
   * The next free decision number of the series in `year`. Inside `write` it is held for the transaction: a
   * concurrent writer for the same series and year waits, so two meetings ending at once get consecutive numbers.
   */
  nextDecisionSeq(seriesId: string, year: number): Promise<number>;
  /** Adds a version; a version that already exists (two ends or amendments at once) is an AppError `conflict`. */
  insertVersion(row: VersionInsert): Promise<void>;
  /** Replaces the normalised rows of the current version (decisions keep their numbers, actions their ids). */
  writeCurrentRows(meetingId: string, seriesId: string, year: number, content: StoredContent, now: number): Promise<void>;
}

export interface MinutesStore extends MinutesReads {
  /**
   * Runs `work` in one transaction: all of its writes or none. On SQLite the work must await only the calls of the
   * `tx` it is given (they finish at once), because the one connection's transaction must not span other I/O.
   */
  write<T>(work: (tx: MinutesWrites) => Promise<T>): Promise<T>;
}

/** Two writers made the same version at once: the first one stands, the other is told so. */
export const versionConflict = () => new AppError('conflict', 'These minutes were written by another request at the same moment; reload them');

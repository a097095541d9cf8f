/**
 * The minutes record, engine-neutral: every version of a meeting's minutes, the current version's attendance,
 * items and numbered decisions, and the facts the minutes are written from. SQLite (server/db/sqlite/minutes-store.ts,
 * over today's synchronous repository) and PostgreSQL (server/db/pg/minutes-store.ts) keep the same promises;
 * test/contract/minutes.test.ts runs both.
 */
import { AppError } from '../../errors.js';
import type { StoredContent } from '../../services/minutes/content.js';
import type { actions, minutesAttendance, minutesDecisions, minutesItems, minutesVersions, series } from '../schema.js';

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

/**
 * The minutes record's calls. The writers (`nextDecisionSeq`, `insertVersion`, `writeCurrentRows`) are made inside a
 * command's transaction (`storage.transaction`, server/db/stores/storage.ts), which makes a version and its rows all
 * or nothing and runs one command at a time.
 */
export interface MinutesStore extends MinutesReads {
  /**
   * The next free decision number of the series in `year`. Inside a transaction it is held for the transaction: a
   * concurrent writer for the same series and year waits, so two meetings ending at once get consecutive numbers.
   */
  nextDecisionSeq(seriesId: string, year: number): Promise<number>;
  /** Adds a version; a version that already exists (two ends or amendments at once) is an AppError `conflict`. */
  insertVersion(row: VersionInsert): Promise<void>;
  /** Replaces the normalised rows of the current version (decisions keep their numbers, actions their ids). */
  writeCurrentRows(meetingId: string, seriesId: string, year: number, content: StoredContent, now: number): Promise<void>;
}

/**
 * The sequence number inside a decision number as the minutes print it, in either scheme and after any series
 * prefix ("RRT 001/2026" and "2026/001" are both 1 in 2026): the part that is not the meeting's year.
 */
export function decisionSeqOf(number: string, year: number): number {
  const [a, b] = (number.trim().split(/\s+/).pop() ?? '').split('/').map(Number);
  const seq = b === year ? a : a === year ? b : Number.NaN;
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`Not a decision number of ${year}: ${number}`);
  return seq;
}

/** Two writers made the same version at once: the first one stands, the other is told so. */
export const versionConflict = () => new AppError('conflict', 'These minutes were written by another request at the same moment; reload them');

/** A version's facts as both engines select them (the author joined with their agency). */
export interface VersionSelected {
  version: number;
  contentHash: string;
  createdAt: number;
  note: string | null;
  changes: string[] | null;
  byId: string;
  byName: string;
  byAgency: string;
}

export const versionOf = (r: VersionSelected): VersionRow => ({
  version: r.version,
  contentHash: r.contentHash,
  createdAt: r.createdAt,
  note: r.note,
  changes: r.changes ?? [],
  createdBy: { id: r.byId, name: r.byName, agency: r.byAgency },
});

/** An agreement only when a later meeting recorded both when and which version (the name may since be gone). */
export function agreementOf(row: { at: number | null; version: number | null; by: string | null } | undefined) {
  return row?.at != null && row.version != null ? { at: row.at, version: row.version, by: row.by ?? '' } : null;
}

/**
 * The normalised rows of the current version, as `writeCurrentRows` stores them on either engine: the attendance
 * (present, then apologies) and, per item, its row, its decision and its actions (placed in their order).
 */
export function currentRowsOf(meetingId: string, seriesId: string, year: number, content: StoredContent, now: number) {
  const attendance: (typeof minutesAttendance.$inferInsert)[] = [
    ...content.attendance.present.map((p) => ({
      meetingId,
      personId: p.personId,
      name: p.name,
      agency: p.agency,
      role: p.role,
      status: 'present' as const,
      joinedAt: p.joinedAt ? Date.parse(p.joinedAt) : null,
      leftAt: p.leftAt ? Date.parse(p.leftAt) : null,
    })),
    ...content.attendance.apologies.map((p) => ({ meetingId, personId: p.personId, name: p.name, agency: p.agency, role: 'apologies', status: 'apologies' as const })),
  ];
  const items = content.items.map((item) => {
    const row: typeof minutesItems.$inferInsert = { meetingId, itemId: item.id, position: item.number, kind: item.kind, title: item.title, caseRef: item.caseRef, discussion: item.background.join('\n\n'), contributions: item.contributions };
    // Each upsert: the row to insert, and `set`, what to update when it is already there (a decision keeps its
    // number, an action its id).
    const decision = item.decision && decisionUpsert(meetingId, item.id, seriesId, year, item.decision);
    const itemActions = item.actions.map((a, position) => {
      const set = { what: a.what, ownerPersonId: a.ownerPersonId, ownerAgencyId: a.ownerAgencyId, due: a.due, status: a.status, position, caseRef: item.caseRef, updatedAt: now };
      const values: typeof actions.$inferInsert = { id: a.id, seriesId, meetingId, itemId: item.id, createdAt: now, ...set };
      return { values, set };
    });
    return { row, decision, actions: itemActions };
  });
  return { attendance, items };
}

type MinutesDecision = NonNullable<StoredContent['items'][number]['decision']>;

function decisionUpsert(meetingId: string, itemId: string, seriesId: string, year: number, decision: MinutesDecision) {
  const set = { outcome: decision.outcome ?? '', text: decision.text, reasons: decision.reasons };
  const values: typeof minutesDecisions.$inferInsert = { meetingId, itemId, seriesId, year, seq: decisionSeqOf(decision.number, year), number: decision.number, ...set };
  return { values, set };
}

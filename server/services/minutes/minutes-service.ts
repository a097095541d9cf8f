/**
 * The minutes record: written in one transaction when the chair ends the meeting, amended into new versions,
 * presented per version. Decision numbers are NNN/YYYY within the series and calendar year; they are allocated
 * inside the writing transaction and held unique by an index, so meetings ending at the same moment never share one.
 */
import type * as Y from 'yjs';
import type Database from 'better-sqlite3';
import type { MinutesView } from '../../../shared/minutes.js';
import type { DecisionScheme } from '../../../shared/domain.js';
import type { MinutesAmendment } from '../../../shared/api-schemas.js';
import type { MinutesRepo } from '../../db/minutes-repo.js';
import type { RecordsRepo } from '../../db/records-repo.js';
import type { Actor } from '../../policies/index.js';
import { AppError } from '../../errors.js';
import { draftFromDoc, type DocDraft, type DraftWords } from './draft-from-doc.js';
import { documentLanguages } from '../../../shared/i18n/languages.js';
import type { MinutesWords } from '../../../shared/minutes-house-style.js';
import { minutesWords } from '../../presenters/minutes/words.js';
import { contentHash, presentMinutes, type StoredContent } from './content.js';
import { applyAmendment } from './amend.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** `NNN/YYYY` (or the series' scheme, `YYYY/NNN`), after the series' prefix if it has one ("RRT 001/2026"). */
export const decisionNumber = (seq: number, year: number, prefix = '', scheme: DecisionScheme = 'NNN/YYYY') => {
  const nnn = String(seq).padStart(3, '0');
  const number = scheme === 'YYYY/NNN' ? `${year}/${nnn}` : `${nnn}/${year}`;
  return prefix ? `${prefix} ${number}` : number;
};

export function createMinutesService(deps: { sqlite: Database.Database; repo: MinutesRepo; records: RecordsRepo; now: () => number }) {
  const { sqlite, repo, records, now } = deps;

  function factsOf(meetingId: string) {
    const facts = repo.meetingFacts(meetingId);
    if (!facts) throw new AppError('not_found', 'No such meeting');
    // Decisions are numbered in the year the meeting was held (opened), which may differ from the one planned.
    const heldAt = facts.openedAt ?? facts.scheduledAt;
    return { ...facts, heldAt, year: new Date(heldAt).getUTCFullYear() };
  }

  /** Numbers every decision that has none yet, continuing the series' count for the year. */
  function numberDecisions(content: StoredContent, facts: ReturnType<typeof factsOf>): void {
    let seq = repo.nextDecisionSeq(facts.seriesId, facts.year);
    for (const item of content.items) {
      if (item.decision && !item.decision.number) item.decision.number = decisionNumber(seq++, facts.year, facts.decisionPrefix, facts.decisionScheme);
    }
  }

  function write(meetingId: string, content: StoredContent, version: number, actor: Actor, note: string | null, changes: string[]) {
    const facts = factsOf(meetingId);
    numberDecisions(content, facts);
    const at = now();
    const hash = contentHash(content);
    repo.insertVersion({ meetingId, version, content, contentHash: hash, createdBy: actor.id, createdAt: at, note, changes });
    repo.writeCurrentRows(meetingId, facts.seriesId, facts.year, content, at);
    return { version, contentHash: hash };
  }

  function firstContent(meetingId: string, doc: Y.Doc): { content: StoredContent; unassigned: DocDraft['unassigned'] } {
    const facts = factsOf(meetingId);
    const participants = records.meetingParticipants(meetingId, facts.seriesId, records.findMeeting(meetingId)?.chairId ?? null);
    const people = new Map(participants.map((p) => [p.id, p]));
    const agencies = new Map(records.listAgencies().map((a) => [a.id, a.name]));
    const everyone = new Map(records.listPeople().map((p) => [p.id, p]));
    // Bilingual minutes store both: "Yr hyn a wyddom / What we know: …".
    const inMinutesLanguage = (line: (w: MinutesWords) => string) => documentLanguages(facts.minutesLanguage).map((lang) => line(minutesWords(lang))).join(' / ');
    const words: DraftWords = { part: (part) => inMinutesLanguage((w) => w.t(`domain:contributionPart.${part}`)), unknownAgency: inMinutesLanguage((w) => w.t('minutesDoc:unknownAgency')) };
    const draft = draftFromDoc(doc, { person: (id) => people.get(id) ?? null, author: (id) => everyone.get(id) ?? null, agencyName: (id) => agencies.get(id) ?? null }, words);
    const attendance = repo.attendance(meetingId);
    const present = new Set(attendance.map((a) => a.personId));
    const content: StoredContent = {
      meeting: {
        id: facts.id,
        seriesName: facts.seriesName,
        title: facts.title,
        heldAt: new Date(facts.heldAt).toISOString(),
        scheduledAt: new Date(facts.scheduledAt).toISOString(),
        venue: facts.venue,
        chair: facts.chairName ? { name: facts.chairName, agency: facts.chairAgency ?? '' } : null,
        minuteTaker: facts.takerName ? { name: facts.takerName, agency: facts.takerAgency ?? '' } : null,
        nextMeetingAt: iso(facts.next?.scheduledAt ?? null),
      },
      // Derived from the same per-person times the minutes print, so the sentence and the list can never disagree.
      confidentialityAcknowledged: attendance.length > 0 && attendance.every((a) => a.ackAt !== null),
      attendance: {
        present: attendance.map((a) => ({ personId: a.personId, name: a.name, agency: a.agency, role: a.role, joinedAt: iso(a.joinedAt), leftAt: iso(a.leftAt), acknowledgedAt: iso(a.ackAt) })),
        // Someone who sent apologies and then came after all is recorded as present.
        apologies: draft.apologies.filter((a) => !a.personId || !present.has(a.personId)),
      },
      items: draft.items,
      distribution: [...new Set(participants.map((p) => p.agencyName))].sort(),
    };
    return { content, unassigned: draft.unassigned };
  }

  return {
    /**
     * Ends the meeting and writes version 1 of its minutes, atomically: `markEnded` runs in the same transaction,
     * so either the meeting is ended with its minutes or neither happened.
     */
    recordAtEnd(meetingId: string, doc: Y.Doc, actor: Actor, markEnded: () => void) {
      return sqlite
        .transaction(() => {
          // Ending first (it closes the attendance), then the minutes read the closed record.
          markEnded();
          const { content, unassigned } = firstContent(meetingId, doc);
          return { ...write(meetingId, content, 1, actor, null, []), unassigned };
        })
        .immediate();
    },

    versions: (meetingId: string) => repo.versions(meetingId),

    /**
     * Who may be sent an agency extract of `view`: agencies on record that are party to it. Free text such as a
     * referring agency typed on a case ("Midwifery") is not an agency and is never offered.
     */
    extractRecipients(view: MinutesView): string[] {
      const known = new Set(records.listAgencies().map((a) => a.name));
      const party = new Set([...view.distribution, ...view.items.flatMap((i) => [...i.agencies, ...i.actions.map((a) => a.owner?.agency ?? '')])]);
      return [...party].filter((name) => known.has(name)).sort();
    },

    /** Item id → decision number of an ended meeting (empty before the end), for the meeting screen after it ends. */
    decisionNumbers: (meetingId: string): Record<string, string> => Object.fromEntries(repo.decisionsOf(meetingId).map((d) => [d.itemId, d.number])),

    /** The minutes as of `version` (default: the latest). */
    view(meetingId: string, version?: number): MinutesView {
      const all = repo.versions(meetingId);
      if (all.length === 0) throw new AppError('not_found', 'This meeting has no minutes yet: they are written when the chair ends it');
      const row = version === undefined ? all[0] : all.find((v) => v.version === version);
      if (!row) throw new AppError('not_found', `No version ${version} of these minutes`);
      // The agreement belongs to the version that was agreed; any other version still reads as a draft.
      const agreed = repo.agreement(meetingId);
      const agreement = agreed && agreed.version === row.version ? { agreedAt: new Date(agreed.at).toISOString(), agreedBy: agreed.by } : null;
      const presented = presentMinutes(repo.content(meetingId, row.version), { number: row.version, createdAt: row.createdAt, createdBy: row.createdBy, contentHash: row.contentHash, note: row.note }, agreement);
      // The series' language setting applies to every version, old ones too: it is how the record is laid out, not what it says.
      return { ...presented, language: repo.meetingFacts(meetingId)?.minutesLanguage ?? 'en' };
    },

    /** Makes a new version from the latest one with the corrections applied; earlier versions stay as they were. */
    amend(meetingId: string, actor: Actor, amendment: MinutesAmendment) {
      return sqlite
        .transaction(() => {
          const latest = repo.versions(meetingId)[0];
          if (!latest) throw new AppError('conflict', 'Only ended meetings with minutes can be amended');
          const facts = factsOf(meetingId);
          const participants = records.meetingParticipants(meetingId, facts.seriesId, null);
          const { content, changes } = applyAmendment(repo.content(meetingId, latest.version), amendment, participants);
          if (changes.length === 0) throw new AppError('validation_failed', 'The amendment changes nothing');
          return { ...write(meetingId, content, latest.version + 1, actor, amendment.note, changes), changes };
        })
        .immediate();
    },
  };
}
export type MinutesService = ReturnType<typeof createMinutesService>;

/**
 * The minutes record: written in one transaction when the chair ends the meeting, amended into new versions,
 * presented per version. Decision numbers are NNN/YYYY within the series and calendar year; they are allocated
 * inside the writing transaction and held unique by an index, so meetings ending at the same moment never share one.
 * Everything goes through the engine-neutral Storage, so the same commands run on SQLite or PostgreSQL.
 */
import type * as Y from 'yjs';
import type { MinutesView } from '../../../shared/minutes.js';
import type { DecisionScheme } from '../../../shared/domain.js';
import type { MinutesAmendment } from '../../../shared/api-schemas.js';
import type { Stores } from '../../db/stores/index.js';
import type { Storage } from '../../db/stores/storage.js';
import type { Actor } from '../../policies/index.js';
import { AppError, msg } from '../../errors.js';
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

export function createMinutesService(deps: { storage: Storage; now: () => number }) {
  const { storage, now } = deps;

  async function factsOf(s: Stores, meetingId: string) {
    const facts = await s.minutes.meetingFacts(meetingId);
    if (!facts) throw new AppError('not_found', msg('errors:noSuchMeeting'));
    // Decisions are numbered in the year the meeting was held (opened), which may differ from the one planned.
    const heldAt = facts.openedAt ?? facts.scheduledAt;
    return { ...facts, heldAt, year: new Date(heldAt).getUTCFullYear() };
  }
  type Facts = Awaited<ReturnType<typeof factsOf>>;

  /** Numbers every decision that has none yet, continuing the series' count for the year. */
  async function numberDecisions(s: Stores, content: StoredContent, facts: Facts): Promise<void> {
    let seq = await s.minutes.nextDecisionSeq(facts.seriesId, facts.year);
    for (const item of content.items) {
      if (item.decision && !item.decision.number) item.decision.number = decisionNumber(seq++, facts.year, facts.decisionPrefix, facts.decisionScheme);
    }
  }

  /** Inside a command's transaction: numbers, stores the version and replaces the current rows. */
  async function write(s: Stores, meetingId: string, content: StoredContent, version: number, actor: Actor, note: string | null, changes: string[]) {
    const facts = await factsOf(s, meetingId);
    await numberDecisions(s, content, facts);
    const at = now();
    const hash = contentHash(content);
    await s.minutes.insertVersion({ meetingId, version, content, contentHash: hash, createdBy: actor.id, createdAt: at, note, changes });
    await s.minutes.writeCurrentRows(meetingId, facts.seriesId, facts.year, content, at);
    return { version, contentHash: hash };
  }

  async function firstContent(s: Stores, meetingId: string, doc: Y.Doc): Promise<{ content: StoredContent; unassigned: DocDraft['unassigned'] }> {
    const facts = await factsOf(s, meetingId);
    const meeting = await s.records.findMeeting(meetingId);
    const participants = await s.records.meetingParticipants(meetingId, facts.seriesId, meeting?.chairId ?? null);
    const people = new Map(participants.map((p) => [p.id, p]));
    const agencies = new Map((await s.records.listAgencies()).map((a) => [a.id, a.name]));
    const everyone = new Map((await s.records.listPeople()).map((p) => [p.id, p]));
    const attendance = await s.minutes.attendance(meetingId);
    // Bilingual minutes store both: "Yr hyn a wyddom / What we know: …".
    const inMinutesLanguage = (line: (w: MinutesWords) => string) => documentLanguages(facts.minutesLanguage).map((lang) => line(minutesWords(lang))).join(' / ');
    const words: DraftWords = { part: (part) => inMinutesLanguage((w) => w.t(`domain:contributionPart.${part}`)), unknownAgency: inMinutesLanguage((w) => w.t('minutesDoc:unknownAgency')) };
    // The document is read after the last await of the reads, so what it says and the records agree.
    const draft = draftFromDoc(doc, { person: (id) => people.get(id) ?? null, author: (id) => everyone.get(id) ?? null, agencyName: (id) => agencies.get(id) ?? null }, words);
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
     * Ends the meeting and writes version 1 of its minutes, atomically: `markEnded` runs first in the same
     * transaction (with the stores bound to it), so either the meeting is ended with its minutes or neither happened.
     * Joins the caller's transaction when called inside one.
     */
    recordAtEnd(meetingId: string, doc: Y.Doc, actor: Actor, markEnded: (s: Stores) => Promise<void>) {
      return storage.transaction(async (s) => {
        // Ending first (it closes the attendance), then the minutes read the closed record.
        await markEnded(s);
        const { content, unassigned } = await firstContent(s, meetingId, doc);
        return { ...(await write(s, meetingId, content, 1, actor, null, [])), unassigned };
      });
    },

    versions: (meetingId: string) => storage.stores.minutes.versions(meetingId),

    /**
     * Who may be sent an agency extract of `view`: agencies on record that are party to it. Free text such as a
     * referring agency typed on a case ("Midwifery") is not an agency and is never offered.
     */
    async extractRecipients(view: MinutesView): Promise<string[]> {
      const known = new Set((await storage.stores.records.listAgencies()).map((a) => a.name));
      const party = new Set([...view.distribution, ...view.items.flatMap((i) => [...i.agencies, ...i.actions.map((a) => a.owner?.agency ?? '')])]);
      return [...party].filter((name) => known.has(name)).sort();
    },

    /** Item id → decision number of an ended meeting (empty before the end), for the meeting screen after it ends. */
    decisionNumbers: async (meetingId: string): Promise<Record<string, string>> =>
      Object.fromEntries((await storage.stores.minutes.decisionsOf(meetingId)).map((d) => [d.itemId, d.number])),

    /** The minutes as of `version` (default: the latest). */
    async view(meetingId: string, version?: number): Promise<MinutesView> {
      const minutes = storage.stores.minutes;
      const all = await minutes.versions(meetingId);
      if (all.length === 0) throw new AppError('not_found', msg('errors:thisMeetingHasNoMinutesYet'));
      const row = version === undefined ? all[0] : all.find((v) => v.version === version);
      if (!row) throw new AppError('not_found', msg('errors:noVersionOfTheseMinutes', { version: version ?? '' }));
      // The agreement belongs to the version that was agreed; any other version still reads as a draft.
      const agreed = await minutes.agreement(meetingId);
      const agreement = agreed && agreed.version === row.version ? { agreedAt: new Date(agreed.at).toISOString(), agreedBy: agreed.by } : null;
      const content = await minutes.content(meetingId, row.version);
      if (!content) throw new AppError('not_found', msg('errors:noVersionOfTheseMinutes', { version: row.version }));
      const presented = presentMinutes(content, { number: row.version, createdAt: row.createdAt, createdBy: row.createdBy, contentHash: row.contentHash, note: row.note }, agreement);
      // The series' language setting applies to every version, old ones too: it is how the record is laid out, not what it says.
      return { ...presented, language: (await minutes.meetingFacts(meetingId))?.minutesLanguage ?? 'en' };
    },

    /**
     * Makes a new version from the latest one with the corrections applied; earlier versions stay as they were.
     * With `audited`, the command's own audit row is written in its transaction; without, the caller's command
     * (agreeing minutes with amendments) joins it and writes its own.
     */
    amend(meetingId: string, actor: Actor, amendment: MinutesAmendment, audited?: { ip: string | null }) {
      return storage.transaction(async (s) => {
        const latest = (await s.minutes.versions(meetingId))[0];
        if (!latest) throw new AppError('conflict', msg('errors:onlyEndedMeetingsWithMinutesCan'));
        const facts = await factsOf(s, meetingId);
        const participants = await s.records.meetingParticipants(meetingId, facts.seriesId, null);
        const previous = await s.minutes.content(meetingId, latest.version);
        const { content, changes } = applyAmendment(previous!, amendment, participants);
        if (changes.length === 0) throw new AppError('validation_failed', msg('errors:theAmendmentChangesNothing'));
        const written = await write(s, meetingId, content, latest.version + 1, actor, amendment.note, changes);
        if (audited) {
          const detail = { version: written.version, changes: changes.length };
          await s.audit.record({ actorId: actor.id, action: 'minutes.amend', targetType: 'meeting', targetId: meetingId, detail, ip: audited.ip }, now());
        }
        return { ...written, changes };
      });
    },
  };
}
export type MinutesService = ReturnType<typeof createMinutesService>;

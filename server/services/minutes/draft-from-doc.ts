/**
 * Reads the live meeting document into the minutes' shape. Only the shared document is read: the chair's restricted
 * notes live in another document and can never reach the minutes.
 */
import type * as Y from 'yjs';
import { notesPlainText, readAgenda } from '../../../shared/meeting-doc.js';
import { contributionParts, type ContributionPart, hasDecision, takesDecision, readActions, readApologies, readContributions, readDecision } from '../../../shared/item-work.js';
import type { MinutesAction, MinutesItem, MinutesPerson } from '../../../shared/minutes.js';

/** An action as the minutes store it: the view's fields plus the ids the tracker filters by. */
export interface DraftAction extends MinutesAction {
  ownerPersonId: string | null;
  ownerAgencyId: string | null;
}

export interface DraftItem extends Omit<MinutesItem, 'actions'> {
  actions: DraftAction[];
}

export interface DocDraft {
  items: DraftItem[];
  apologies: (MinutesPerson & { personId: string | null })[];
  /** Actions whose owner is not a participant of the meeting: recorded unassigned, and the chair is told. */
  unassigned: { item: string; what: string }[];
}

/**
 * The records the minutes name people and agencies from. Who wrote what, who owns an action and who sent
 * apologies come from here by id, never from the names a client wrote into the document.
 */
export interface DraftRecords {
  /** A participant of the meeting (series member, guest or chair), or null: action owners and apologies. */
  person(id: string): { name: string; agencyId: string; agencyName: string } | null;
  /** Anyone on record, or null: an author stays named even if they left the series before the end. */
  author(id: string): { name: string } | null;
  agencyName(id: string): string | null;
}

/**
 * The words the minutes write into what they store, in the series' minutes language at the end of the meeting: the
 * heading of each part of an agency's contribution ("What we know: …") and the name of an agency no longer on record.
 */
export interface DraftWords {
  part(part: ContributionPart): string;
  unknownAgency: string;
}

const unique = (values: (string | null | undefined)[]): string[] => [...new Set(values.filter((v): v is string => !!v && v.trim() !== ''))];

export function draftFromDoc(doc: Y.Doc, records: DraftRecords, words: DraftWords): DocDraft {
  const unassigned: DocDraft['unassigned'] = [];
  const apologies = readApologies(doc).map((a) => {
    const person = a.personId ? records.person(a.personId) : null;
    // Someone not (or no longer) on record stays a named outsider, as the room wrote them.
    return person ? { name: person.name, agency: person.agencyName, personId: a.personId } : { name: a.name, agency: a.agencyName, personId: null };
  });
  const items = readAgenda(doc).map((item, index): DraftItem => {
    const contributions = readContributions(doc, item.id)
      .map((c) => ({
        agency: records.agencyName(c.agencyId) ?? words.unknownAgency,
        author: unique(c.authorIds.map((id) => records.author(id)?.name)).join(', '),
        text: contributionParts
          .filter((part) => c.parts[part].trim())
          .map((part) => `${words.part(part)}: ${c.parts[part].trim()}`)
          .join('\n'),
      }))
      .filter((c) => c.text);
    const draft = readDecision(doc, item.id);
    const actions = readActions(doc, item.id).map((a): DraftAction => {
      const owner = a.owner ? records.person(a.owner.id) : null;
      if (a.owner && !owner && a.what.trim()) unassigned.push({ item: item.title, what: a.what.trim() });
      return {
        id: a.id,
        what: a.what.trim(),
        owner: owner ? { name: owner.name, agency: owner.agencyName } : null,
        due: a.due,
        status: a.status,
        ownerPersonId: owner ? a.owner!.id : null,
        ownerAgencyId: owner ? owner.agencyId : null,
      };
    });
    return {
      id: item.id,
      number: index + 1,
      kind: item.kind,
      title: item.title,
      caseRef: item.caseRef,
      agencies: unique([item.details.referringAgency, ...contributions.map((c) => c.agency), ...actions.map((a) => a.owner?.agency)]),
      background: [
        // The apologies item reads as the list of who sent them, followed by anything noted.
        ...(item.kind === 'apologies' ? apologies.map((a) => (a.agency ? `${a.name} (${a.agency})` : a.name)) : []),
        ...notesPlainText(doc, item.id).filter((p) => p.trim() !== ''),
      ],
      contributions,
      // The number is given when the minutes are written, inside the transaction that makes it unique.
      decision: takesDecision(item) && hasDecision(draft) ? { number: '', outcome: draft.outcome, text: draft.text.trim(), reasons: draft.reasons.trim() } : null,
      actions: actions.filter((a) => a.what),
    };
  });
  return { items, apologies, unassigned };
}

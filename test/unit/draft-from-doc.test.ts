/**
 * The minutes name people and agencies from the records, never from names written into the document (a document
 * written before the server kept its rules, or restored from anywhere, may hold anything).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from '../../shared/meeting-doc.js';
import { addAction, addApology, contributionText, joinContribution } from '../../shared/item-work.js';
import { draftFromDoc, type DraftRecords, type DraftWords } from '../../server/services/minutes/draft-from-doc.js';
import { minutesWords } from '../../server/presenters/minutes/words.js';

const people = new Map([
  ['p-police', { name: 'Sam Constable', agencyId: 'a-police', agencyName: 'Police Public Protection Unit' }],
  ['p-housing', { name: 'Taylor Housing', agencyId: 'a-housing', agencyName: 'Housing Options' }],
]);
const records: DraftRecords = {
  person: (id) => people.get(id) ?? null,
  author: (id) => (id === 'p-former' ? { name: 'Pat Former' } : (people.get(id) ?? null)),
  agencyName: (id) => ({ 'a-police': 'Police Public Protection Unit', 'a-housing': 'Housing Options' })[id] ?? null,
};

const en = minutesWords('en');
const englishWords: DraftWords = { part: (part) => en.t(`domain:contributionPart.${part}`), unknownAgency: en.t('minutesDoc:unknownAgency') };

describe('minutes from a document', () => {
  it('takes authors, agencies, owners and apologising people from the records by id', () => {
    const doc = new Y.Doc();
    const item = addAgendaItem(doc, { kind: 'new-referral', title: 'Case one', caseRef: 'RR-2026-001' });
    joinContribution(doc, item, { id: 'p-police', name: 'The Chief Constable', agencyId: 'a-police', agencyName: 'Police (says the client)' });
    contributionText(doc, item, 'a-police', 'knows').insert(0, 'Two call-outs.');
    // Someone who wrote and then left the series is still named as an author; an id nobody knows is not.
    joinContribution(doc, item, { id: 'p-former', name: 'Whatever', agencyId: 'a-police', agencyName: 'Police' });
    joinContribution(doc, item, { id: 'p-unknown', name: 'Made Up', agencyId: 'a-police', agencyName: 'Police' });
    addAction(doc, item, { what: 'Visit', owner: { id: 'p-gone', name: 'Nobody', agencyId: 'a-police', agencyName: 'Police' } });
    addAction(doc, item, { what: 'Call', owner: { id: 'p-housing', name: 'Forged Name', agencyId: 'a-police', agencyName: 'Police' } });
    addApology(doc, { personId: 'p-housing', name: 'Someone Else', agencyName: 'Elsewhere' });
    addApology(doc, { personId: 'p-gone', name: 'Pat Former', agencyName: 'Old Agency' });

    const draft = draftFromDoc(doc, records, englishWords);
    const [first] = draft.items;
    expect(first.contributions.map((c) => ({ ...c, author: c.author.split(', ').sort() }))).toEqual([
      { agency: 'Police Public Protection Unit', author: ['Pat Former', 'Sam Constable'], text: 'What we know: Two call-outs.' },
    ]);
    expect(first.actions.map((a) => [a.what, a.owner, a.ownerPersonId, a.ownerAgencyId])).toEqual([
      ['Visit', null, null, null],
      ['Call', { name: 'Taylor Housing', agency: 'Housing Options' }, 'p-housing', 'a-housing'],
    ]);
    expect(draft.unassigned).toEqual([{ item: 'Case one', what: 'Visit' }]);
    expect(draft.apologies).toEqual([
      { name: 'Pat Former', agency: 'Old Agency', personId: null },
      { name: 'Taylor Housing', agency: 'Housing Options', personId: 'p-housing' },
    ]);
  });
});

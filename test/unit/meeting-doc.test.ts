import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { addAgendaItem, moveAgendaItem, readAgenda, readRemovedItems, removeAgendaItem, renameAgendaItem, restoreAgendaItem, agendaOf, removedMarkerKey } from '../../shared/meeting-doc.js';
import { addAction, readActions, readDecision, setDecisionOutcome } from '../../shared/item-work.js';
import { limits } from '../../shared/limits.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('meeting document: agenda', () => {
  it('adds, renames, moves and removes items in order', () => {
    const doc = new Y.Doc();
    const a = addAgendaItem(doc, { kind: 'apologies', title: 'Apologies' });
    const b = addAgendaItem(doc, { kind: 'new-referral', title: '  Referral  ', caseRef: 'RR-2026-001' });
    const c = addAgendaItem(doc, { kind: 'any-other-business', title: 'AOB' });
    const first = addAgendaItem(doc, { kind: 'confidentiality', title: 'Confidentiality' }, 0);
    expect(readAgenda(doc).map((i) => i.id)).toEqual([first, a, b, c]);
    expect(readAgenda(doc)[2]).toMatchObject({ title: 'Referral', caseRef: 'RR-2026-001', kind: 'new-referral' });
    renameAgendaItem(doc, b, 'Referral: renamed');
    moveAgendaItem(doc, c, 0);
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['AOB', 'Confidentiality', 'Apologies', 'Referral: renamed']);
    moveAgendaItem(doc, c, 3);
    expect(readAgenda(doc).at(-1)?.id).toBe(c);
    removeAgendaItem(doc, a);
    expect(readAgenda(doc).map((i) => i.id)).toEqual([first, b, c]);
  });

  it('removes an item softly, lists it under removed items, and restores it in place with its decision and actions', () => {
    const doc = new Y.Doc();
    const a = addAgendaItem(doc, { kind: 'apologies', title: 'Apologies' });
    const b = addAgendaItem(doc, { kind: 'new-referral', title: 'Referral', caseRef: 'RR-2026-001' });
    const c = addAgendaItem(doc, { kind: 'any-other-business', title: 'AOB' });
    setDecisionOutcome(doc, b, 'allocate');
    addAction(doc, b, { what: 'Call the school' });
    removeAgendaItem(doc, b, 'Morgan Chair');
    expect(readAgenda(doc).map((i) => i.id)).toEqual([a, c]);
    expect(readRemovedItems(doc)).toMatchObject([{ id: b, title: 'Referral', removedBy: 'Morgan Chair', removedAt: expect.any(Number) }]);
    expect(agendaOf(doc).get(b)?.get(removedMarkerKey)).toEqual(expect.any(Number));
    restoreAgendaItem(doc, b);
    expect(readAgenda(doc).map((i) => i.id)).toEqual([a, b, c]);
    expect(readRemovedItems(doc)).toEqual([]);
    expect(readActions(doc, b).map((x) => x.what)).toEqual(['Call the school']);
    expect(readDecision(doc, b).outcome).toBe('allocate');
  });

  it('keeps an edit made while someone else removed the item, and the item comes back with it', () => {
    const [x, y] = [new Y.Doc(), new Y.Doc()];
    const id = addAgendaItem(x, { kind: 'case-review', title: 'Before' });
    sync(x, y);
    removeAgendaItem(x, id, 'A');
    renameAgendaItem(y, id, 'Renamed meanwhile');
    sync(x, y);
    expect(readAgenda(y)).toEqual([]);
    restoreAgendaItem(y, id);
    sync(x, y);
    expect(readAgenda(x).map((i) => i.title)).toEqual(['Renamed meanwhile']);
  });

  it('refuses an empty title and an over-full agenda', () => {
    const doc = new Y.Doc();
    expect(() => addAgendaItem(doc, { kind: 'apologies', title: '   ' })).toThrow(/title/);
    for (let i = 0; i < limits.agendaItems; i++) addAgendaItem(doc, { kind: 'case-review', title: `Item ${i}` });
    expect(() => addAgendaItem(doc, { kind: 'case-review', title: 'One too many' })).toThrow(/at most/);
    // A removed item cannot come back into a full agenda either.
    const first = readAgenda(doc)[0].id;
    removeAgendaItem(doc, first);
    addAgendaItem(doc, { kind: 'case-review', title: 'Took its place' });
    expect(() => restoreAgendaItem(doc, first)).toThrow(/at most/);
    expect(readRemovedItems(doc).map((i) => i.id)).toEqual([first]);
  });

  it('skips items a broken peer wrote with the wrong shape instead of failing', () => {
    const doc = new Y.Doc();
    addAgendaItem(doc, { kind: 'apologies', title: 'Apologies' });
    const junk = new Y.Map<unknown>();
    agendaOf(doc).set('junk', junk);
    junk.set('title', 42);
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['Apologies']);
  });

  it('converges with no item lost or duplicated under random concurrent edits and reorders', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('add' as const), at: fc.nat(20) }),
      fc.record({ type: fc.constant('move' as const), pick: fc.nat(50), to: fc.nat(20) }),
      fc.record({ type: fc.constant('rename' as const), pick: fc.nat(50) }),
      fc.record({ type: fc.constant('remove' as const), pick: fc.nat(50) }),
      fc.record({ type: fc.constant('restore' as const), pick: fc.nat(50) }),
      fc.record({ type: fc.constant('sync' as const), other: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), op), { maxLength: 60 }), (steps) => {
        const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
        addAgendaItem(docs[0], { kind: 'apologies', title: 'Seed' });
        sync(docs[0], docs[1]);
        sync(docs[0], docs[2]);
        const added = new Set<string>(readAgenda(docs[0]).map((i) => i.id));
        steps.forEach(([peer, step], n) => {
          const doc = docs[peer];
          const items = readAgenda(doc);
          const pick = items.length ? items[('pick' in step ? step.pick : 0) % items.length] : null;
          if (step.type === 'add') added.add(addAgendaItem(doc, { kind: 'case-review', title: `Item ${n}` }, step.at));
          else if (step.type === 'move' && pick) moveAgendaItem(doc, pick.id, step.to);
          else if (step.type === 'rename' && pick) renameAgendaItem(doc, pick.id, `Renamed ${n}`);
          else if (step.type === 'remove' && pick) removeAgendaItem(doc, pick.id, `Peer ${peer}`);
          else if (step.type === 'restore') {
            const gone = readRemovedItems(doc);
            if (gone.length) restoreAgendaItem(doc, gone[step.pick % gone.length].id);
          } else if (step.type === 'sync') sync(doc, docs[step.other]);
        });
        sync(docs[0], docs[1]);
        sync(docs[1], docs[2]);
        sync(docs[0], docs[1]);
        const orders = docs.map((d) => readAgenda(d));
        const gone = docs.map((d) => readRemovedItems(d));
        expect(orders[1]).toEqual(orders[0]);
        expect(orders[2]).toEqual(orders[0]);
        expect(gone[1]).toEqual(gone[0]);
        expect(gone[2]).toEqual(gone[0]);
        // Every item ever added is either on the agenda or in "Removed items", exactly once: none lost, none doubled.
        const ids = [...orders[0], ...gone[0]].map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(added);
      }),
      { numRuns: 200 },
    );
  });
});

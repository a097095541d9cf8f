import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { addAgendaItem, moveAgendaItem, readAgenda, removeAgendaItem, renameAgendaItem, agendaOf } from '../../shared/meeting-doc.js';
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

  it('refuses an empty title and an over-full agenda', () => {
    const doc = new Y.Doc();
    expect(() => addAgendaItem(doc, { kind: 'apologies', title: '   ' })).toThrow(/title/);
    for (let i = 0; i < limits.agendaItems; i++) addAgendaItem(doc, { kind: 'case-review', title: `Item ${i}` });
    expect(() => addAgendaItem(doc, { kind: 'case-review', title: 'One too many' })).toThrow(/at most/);
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
      fc.record({ type: fc.constant('sync' as const), other: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), op), { maxLength: 60 }), (steps) => {
        const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
        addAgendaItem(docs[0], { kind: 'apologies', title: 'Seed' });
        sync(docs[0], docs[1]);
        sync(docs[0], docs[2]);
        const added = new Set<string>(readAgenda(docs[0]).map((i) => i.id));
        const removed = new Set<string>();
        steps.forEach(([peer, step], n) => {
          const doc = docs[peer];
          const items = readAgenda(doc);
          const pick = items.length ? items[('pick' in step ? step.pick : 0) % items.length] : null;
          if (step.type === 'add') added.add(addAgendaItem(doc, { kind: 'case-review', title: `Item ${n}` }, step.at));
          else if (step.type === 'move' && pick) moveAgendaItem(doc, pick.id, step.to);
          else if (step.type === 'rename' && pick) renameAgendaItem(doc, pick.id, `Renamed ${n}`);
          else if (step.type === 'remove' && pick) {
            removeAgendaItem(doc, pick.id);
            removed.add(pick.id);
          } else if (step.type === 'sync') sync(doc, docs[step.other]);
        });
        sync(docs[0], docs[1]);
        sync(docs[1], docs[2]);
        sync(docs[0], docs[1]);
        const orders = docs.map((d) => readAgenda(d));
        expect(orders[1]).toEqual(orders[0]);
        expect(orders[2]).toEqual(orders[0]);
        const ids = orders[0].map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...added].filter((id) => !removed.has(id))));
      }),
      { numRuns: 200 },
    );
  });
});

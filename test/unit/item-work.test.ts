import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import {
  actionWhatText,
  actionsOf,
  addAction,
  addApology,
  contributionText,
  decisionText,
  joinContribution,
  moveAction,
  readActions,
  readApologies,
  readContributions,
  readDecision,
  removeAction,
  removeApology,
  setDecisionOutcome,
  updateAction,
  type PersonRef,
} from '../../shared/item-work.js';
import { actionStatuses } from '../../shared/minutes.js';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
/** Everyone reconnects: a pass up the chain gathers every update into the last doc, a pass down hands it back. */
const syncAll = (docs: Y.Doc[]) => {
  for (let i = 1; i < docs.length; i++) sync(docs[i - 1], docs[i]);
  for (let i = docs.length - 1; i > 0; i--) sync(docs[i], docs[i - 1]);
};

const police: PersonRef = { id: 'p-police', name: 'Sam Patel', agencyId: 'a-police', agencyName: 'Police' };
const police2: PersonRef = { id: 'p-police-2', name: 'Jo Reed', agencyId: 'a-police', agencyName: 'Police' };
const health: PersonRef = { id: 'p-health', name: 'Ana Lee', agencyId: 'a-health', agencyName: 'Health' };

describe('item work: contributions, decision, actions, apologies', () => {
  it('keeps each agency contribution attributed, and two people of one agency starting at once in one entry', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    joinContribution(a, 'item1', police);
    contributionText(a, 'item1', police.agencyId, 'knows').insert(0, 'Known to police since 2025.');
    joinContribution(b, 'item1', police2);
    contributionText(b, 'item1', police2.agencyId, 'risks').insert(0, 'Risk at weekends.');
    joinContribution(b, 'item1', health);
    contributionText(b, 'item1', health.agencyId, 'view').insert(0, 'Refer to CAMHS.');
    sync(a, b);
    const contributions = readContributions(a, 'item1');
    expect(readContributions(b, 'item1')).toEqual(contributions);
    expect(contributions.map((c) => c.agencyName)).toEqual(['Health', 'Police']);
    expect(contributions[1].parts).toEqual({ knows: 'Known to police since 2025.', risks: 'Risk at weekends.', view: '' });
    expect(new Set(contributions[1].authors)).toEqual(new Set(['Sam Patel', 'Jo Reed']));
    expect(readContributions(a, 'other-item')).toEqual([]);
  });

  it('records the decision outcome and both texts typed at once by two people', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    setDecisionOutcome(a, 'i', 'allocate');
    decisionText(a, 'i', 'text').insert(0, 'Allocate to early help.');
    decisionText(b, 'i', 'text').insert(0, 'Review in 4 weeks.');
    decisionText(b, 'i', 'reasons').insert(0, 'Threshold met.');
    sync(a, b);
    const decision = readDecision(b, 'i');
    expect(decision.outcome).toBe('allocate');
    expect(decision.text).toContain('Allocate to early help.');
    expect(decision.text).toContain('Review in 4 weeks.');
    expect(decision.reasons).toBe('Threshold met.');
    setDecisionOutcome(a, 'i', null);
    expect(readDecision(a, 'i').outcome).toBeNull();
  });

  it('adds, edits, completes, reorders and removes actions', () => {
    const doc = new Y.Doc();
    const first = addAction(doc, 'i', { what: '  Visit the family  ', owner: police, due: '2026-12-01' });
    const second = addAction(doc, 'i', { what: 'Share school report', due: 'not a date' });
    expect(readActions(doc, 'i')).toMatchObject([
      { id: first, what: 'Visit the family', owner: police, due: '2026-12-01', status: 'open' },
      { id: second, what: 'Share school report', owner: null, due: null, status: 'open' },
    ]);
    updateAction(doc, 'i', second, { owner: health, status: 'done', due: '2026-12-10' });
    actionWhatText(doc, 'i', second)!.insert(0, 'Ask for and ');
    moveAction(doc, 'i', second, 0);
    expect(readActions(doc, 'i').map((a) => [a.what, a.status, a.owner?.name])).toEqual([
      ['Ask for and Share school report', 'done', 'Ana Lee'],
      ['Visit the family', 'open', 'Sam Patel'],
    ]);
    removeAction(doc, 'i', first);
    expect(readActions(doc, 'i').map((a) => a.id)).toEqual([second]);
    expect(() => addAction(doc, 'i', { what: '  ' })).toThrow(/what/);
  });

  it('skips actions a broken peer wrote with the wrong shape', () => {
    const doc = new Y.Doc();
    addAction(doc, 'i', { what: 'Real action' });
    const junk = new Y.Map<unknown>();
    actionsOf(doc, 'i').set('junk', junk);
    junk.set('what', 'a plain string');
    expect(readActions(doc, 'i').map((a) => a.what)).toEqual(['Real action']);
  });

  it('keeps apologies once per person and lets named outsiders be added and removed', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    addApology(a, { personId: 'p1', name: 'Kim Shaw', agencyName: 'Housing' });
    addApology(b, { personId: 'p1', name: 'Kim Shaw', agencyName: 'Housing' });
    const other = addApology(b, { name: 'Dr Ray', agencyName: 'GP practice' });
    sync(a, b);
    expect(readApologies(a).map((x) => x.name)).toEqual(['Dr Ray', 'Kim Shaw']);
    removeApology(a, other);
    sync(a, b);
    expect(readApologies(b).map((x) => x.name)).toEqual(['Kim Shaw']);
    expect(() => addApology(a, { name: ' ', agencyName: 'x' })).toThrow(/name/);
  });

  it('converges with no action lost or duplicated, and every typed word kept, under random concurrent edits with disconnects', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('add' as const) }),
      fc.record({ type: fc.constant('move' as const), pick: fc.nat(50), to: fc.nat(20) }),
      fc.record({ type: fc.constant('type' as const), pick: fc.nat(50), at: fc.nat(200) }),
      fc.record({ type: fc.constant('status' as const), pick: fc.nat(50), status: fc.constantFrom(...actionStatuses) }),
      fc.record({ type: fc.constant('remove' as const), pick: fc.nat(50) }),
      fc.record({ type: fc.constant('decide' as const), at: fc.nat(200) }),
      // A peer that is "disconnected" simply never syncs until a later step (or the final reconnection) says so.
      fc.record({ type: fc.constant('sync' as const), other: fc.nat(3) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), op), { maxLength: 70 }), (steps) => {
        const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc(), new Y.Doc()];
        const added = new Set<string>();
        const removed = new Set<string>();
        const typed = new Map<string, string[]>();
        const decisionWords: string[] = [];
        steps.forEach(([peer, step], n) => {
          const doc = docs[peer];
          const list = readActions(doc, 'item');
          const pick = list.length && 'pick' in step ? list[step.pick % list.length] : null;
          if (step.type === 'add') added.add(addAction(doc, 'item', { what: `A${n}` }));
          else if (step.type === 'move' && pick) moveAction(doc, 'item', pick.id, step.to);
          else if (step.type === 'status' && pick) updateAction(doc, 'item', pick.id, { status: step.status });
          else if (step.type === 'remove' && pick) {
            removeAction(doc, 'item', pick.id);
            removed.add(pick.id);
          } else if (step.type === 'type' && pick) {
            const text = actionWhatText(doc, 'item', pick.id)!;
            // At either end, so a later word never lands inside an earlier one and each stays findable.
            text.insert(step.at % 2 ? text.length : 0, ` w${n} `);
            typed.set(pick.id, [...(typed.get(pick.id) ?? []), ` w${n} `]);
          } else if (step.type === 'decide') {
            const text = decisionText(doc, 'item', 'text');
            text.insert(step.at % 2 ? text.length : 0, ` d${n} `);
            decisionWords.push(` d${n} `);
          } else if (step.type === 'sync' && step.other !== peer) sync(doc, docs[step.other]);
        });
        syncAll(docs);
        const lists = docs.map((d) => readActions(d, 'item'));
        for (const list of lists.slice(1)) expect(list).toEqual(lists[0]);
        const ids = lists[0].map((a) => a.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...added].filter((id) => !removed.has(id))));
        for (const action of lists[0]) for (const word of typed.get(action.id) ?? []) expect(action.what).toContain(word);
        const decision = readDecision(docs[2], 'item').text;
        expect(readDecision(docs[0], 'item').text).toBe(decision);
        for (const word of decisionWords) expect(decision).toContain(word);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { isCaseKind, itemKinds } from '../../shared/domain.js';
import { riskLevels } from '../../shared/case-details.js';
import { addAgendaItem, agendaOf, orderByRisk, readAgenda, updateCaseDetails } from '../../shared/meeting-doc.js';
import { emptyCaseDetails } from '../../shared/case-details.js';

function agendaWithCases() {
  const doc = new Y.Doc();
  addAgendaItem(doc, { kind: 'apologies', title: 'Apologies' });
  const cases = {
    standard: addAgendaItem(doc, { kind: 'case-review', title: 'Standard', caseRef: 'RR-2026-001' }),
    highNoKids: addAgendaItem(doc, { kind: 'new-referral', title: 'High, no children', caseRef: 'RR-2026-002' }),
    unknown: addAgendaItem(doc, { kind: 'new-referral', title: 'Not assessed', caseRef: 'RR-2026-003' }),
    highKids: addAgendaItem(doc, { kind: 'new-referral', title: 'High, children', caseRef: 'RR-2026-004' }),
    mediumKids: addAgendaItem(doc, { kind: 'case-review', title: 'Medium, children', caseRef: 'RR-2026-005' }),
  };
  addAgendaItem(doc, { kind: 'any-other-business', title: 'AOB' });
  updateCaseDetails(doc, cases.standard, { riskLevel: 'standard', childrenInvolved: true });
  updateCaseDetails(doc, cases.highNoKids, { riskLevel: 'high', childrenInvolved: false });
  updateCaseDetails(doc, cases.highKids, { riskLevel: 'high', childrenInvolved: true, consent: 'refused', lawfulBasis: 'Risk of significant harm to a child' });
  updateCaseDetails(doc, cases.mediumKids, { riskLevel: 'medium', childrenInvolved: true, vulnerabilities: ['housing', 'mental health'] });
  return { doc, cases };
}

describe('case details and ordering by risk', () => {
  it('reads back what was written, with defaults for the rest', () => {
    const { doc, cases } = agendaWithCases();
    const item = readAgenda(doc).find((i) => i.id === cases.highKids)!;
    expect(item.details).toEqual({ ...emptyCaseDetails(), riskLevel: 'high', childrenInvolved: true, consent: 'refused', lawfulBasis: 'Risk of significant harm to a child' });
    expect(readAgenda(doc).find((i) => i.id === cases.unknown)!.details).toEqual(emptyCaseDetails());
  });

  it('refuses invalid details and writes nothing', () => {
    const { doc, cases } = agendaWithCases();
    expect(() => updateCaseDetails(doc, cases.unknown, { riskLevel: 'extreme' as never, repeatReferral: true })).toThrow();
    expect(readAgenda(doc).find((i) => i.id === cases.unknown)!.details.repeatReferral).toBe(false);
  });

  it('ignores a junk field from a broken peer but keeps the others', () => {
    const { doc, cases } = agendaWithCases();
    agendaOf(doc).get(cases.highKids)!.set('riskLevel', 42);
    expect(readAgenda(doc).find((i) => i.id === cases.highKids)!.details).toMatchObject({ riskLevel: null, childrenInvolved: true });
  });

  it('orders case items children-and-high-risk first, keeping standing items in place', () => {
    const { doc } = agendaWithCases();
    orderByRisk(doc);
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['Apologies', 'High, children', 'High, no children', 'Medium, children', 'Standard', 'Not assessed', 'AOB']);
  });

  it('keeps procedural items where they are when they sit between cases; only cases move among the case places', () => {
    const doc = new Y.Doc();
    const standard = addAgendaItem(doc, { kind: 'case-review', title: 'Standard', caseRef: 'RR-2026-001' });
    addAgendaItem(doc, { kind: 'apologies', title: 'Apologies' });
    addAgendaItem(doc, { kind: 'confidentiality', title: 'Confidentiality' });
    const high = addAgendaItem(doc, { kind: 'new-referral', title: 'High', caseRef: 'RR-2026-002' });
    addAgendaItem(doc, { kind: 'matters-arising', title: 'Matters arising' });
    const medium = addAgendaItem(doc, { kind: 'case-review', title: 'Medium', caseRef: 'RR-2026-003' });
    addAgendaItem(doc, { kind: 'any-other-business', title: 'AOB' });
    updateCaseDetails(doc, standard, { riskLevel: 'standard' });
    updateCaseDetails(doc, high, { riskLevel: 'high' });
    updateCaseDetails(doc, medium, { riskLevel: 'medium' });
    orderByRisk(doc);
    expect(readAgenda(doc).map((i) => i.title)).toEqual(['High', 'Apologies', 'Confidentiality', 'Medium', 'Matters arising', 'Standard', 'AOB']);
  });

  it('never moves a procedural item, whatever the agenda (property)', () => {
    const item = fc.record({ kind: fc.constantFrom(...itemKinds), risk: fc.constantFrom(null, ...riskLevels) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), (items) => {
        const doc = new Y.Doc();
        items.forEach((it, n) => {
          const id = addAgendaItem(doc, { kind: it.kind, title: `Item ${n}`, caseRef: isCaseKind(it.kind) ? `RR-2026-${String(n).padStart(3, '0')}` : null });
          if (it.risk) updateCaseDetails(doc, id, { riskLevel: it.risk });
        });
        const before = readAgenda(doc);
        orderByRisk(doc);
        const after = readAgenda(doc);
        expect(after).toHaveLength(before.length);
        before.forEach((item, index) => {
          if (!isCaseKind(item.kind)) expect(after[index].id).toBe(item.id);
          else expect(isCaseKind(after[index].kind)).toBe(true);
        });
        expect(new Set(after.map((i) => i.id))).toEqual(new Set(before.map((i) => i.id)));
      }),
      { numRuns: 150 },
    );
  });

  it('converges when two people order by risk while a third adds an item', () => {
    const [a, b, c] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const { doc } = agendaWithCases();
    for (const d of [a, b, c]) Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
    orderByRisk(a);
    orderByRisk(b);
    addAgendaItem(c, { kind: 'new-referral', title: 'Late referral', caseRef: 'RR-2026-006' });
    for (const x of [a, b, c]) for (const y of [a, b, c]) if (x !== y) Y.applyUpdate(y, Y.encodeStateAsUpdate(x));
    const order = readAgenda(a).map((i) => i.id);
    expect(readAgenda(b).map((i) => i.id)).toEqual(order);
    expect(readAgenda(c).map((i) => i.id)).toEqual(order);
    expect(new Set(order).size).toBe(8);
  });
});

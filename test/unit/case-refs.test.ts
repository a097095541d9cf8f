import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseRefPattern, caseRefPrefixFor, formatCaseRef, monthsBefore } from '../../shared/domain.js';

describe('case references and the repeat window', () => {
  it('derives the series prefix from its name, without the generic words', () => {
    expect(caseRefPrefixFor('Repeat Removals Triage')).toBe('RR');
    expect(caseRefPrefixFor('North Wales Children and Young People Advocacy Panel')).toBe('NWCY');
    expect(caseRefPrefixFor('Triage')).toMatch(/^[A-Z]{2,4}$/);
    expect(caseRefPrefixFor('MARAC')).toBe('MA');
  });

  it('formats prefix-year-sequence, three digits and four past 999, always a valid reference (property)', () => {
    expect(formatCaseRef('RR', 2026, 17)).toBe('RR-2026-017');
    expect(formatCaseRef('RR', 2026, 1000)).toBe('RR-2026-1000');
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 60 }), fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 9999 }), (name, year, seq) => {
        expect(formatCaseRef(caseRefPrefixFor(name), year, seq)).toMatch(caseRefPattern);
      }),
    );
  });

  it('counts calendar months back, the 31st falling to the month’s last day', () => {
    expect(new Date(monthsBefore(Date.UTC(2027, 2, 31, 9), 12)).toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(new Date(monthsBefore(Date.UTC(2025, 2, 31), 1)).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(new Date(monthsBefore(Date.UTC(2024, 1, 29), 12)).toISOString()).toBe('2023-02-28T00:00:00.000Z');
  });
});

/**
 * The bilingual layout pairs the Welsh and English minutes block by block. Whatever people wrote (decisions,
 * reasons, what an action is, notes) is shown as often as in the English minutes, never once per language, and every
 * side-by-side pair really differs; this holds for any text, including text that happens to look like a label.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlineMinutes } from '../../shared/minutes-house-style.js';
import { blockText, documentBlocks, pairBlocks, type BilingualRow } from '../../shared/minutes-layout.js';
import { minutesWords } from '../../server/presenters/minutes/words.js';
import type { MinutesView } from '../../shared/minutes.js';
import { action, caseItem, minutesView } from '../support/minutes-fixture.js';
import '../support/property-seed.js';

const blocksIn = (view: MinutesView, lang: 'cy' | 'en') => documentBlocks(outlineMinutes(view, minutesWords(lang)));
const rowsOf = (view: MinutesView) => pairBlocks(blocksIn(view, 'cy'), blocksIn(view, 'en'));

/** Every string a reader sees in the bilingual rows. */
const rowTexts = (rows: BilingualRow[]): string[] =>
  rows.flatMap((row) => {
    if (row.kind === 'once') return [blockText(row.block)];
    if (row.kind === 'pair') return [blockText(row.cy), blockText(row.en)];
    return [...row.columns.flatMap((c) => [c.cy, c.en]), ...row.rows.flat().flatMap((c) => (typeof c === 'string' ? [c] : [c.cy, c.en]))];
  });
const occurrences = (texts: string[], needle: string) => texts.reduce((n, t) => n + t.split(needle).length - 1, 0);

/** Any one-line text, wrapped so that no one of the three can be found inside another (that would count twice). */
const written = (tag: string) => fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\r\n«»]/.test(s)).map((s) => `${tag}«${s}»`);

describe('bilingual minutes layout', () => {
  it('lays out the Welsh and the English of the same minutes block for block', () => {
    const rows = rowsOf(minutesView());
    expect(rows.find((r) => r.kind === 'pair' && blockText(r.cy) === 'PENDERFYNWYD:' && blockText(r.en) === 'RESOLVED:')).toBeDefined();
    expect(rows.find((r) => r.kind === 'pair' && blockText(r.cy) === 'Penderfyniad: Dyrannu' && blockText(r.en) === 'Decision: Allocate')).toBeDefined();
    // Each pair differs: a row that says the same in both languages is shown once.
    for (const r of rows) if (r.kind === 'pair') expect(r.cy).not.toEqual(r.en);
  });

  it('shows what people wrote as often as the English minutes do, for any text (property)', () => {
    fc.assert(
      fc.property(written('D'), written('R'), written('A'), (decision, reasons, what) => {
        const view = minutesView({ items: [caseItem(1, { decision: { number: '001/2026', outcome: 'accept', text: decision, reasons }, actions: [action({ id: 'a', what })] })] });
        const english = blocksIn(view, 'en').flatMap((b) => (b.kind === 'table' ? [...b.columns, ...b.rows.flat()] : [blockText(b)]));
        const bilingual = rowTexts(rowsOf(view));
        for (const text of [decision, reasons, what]) expect(occurrences(bilingual, text)).toBe(occurrences(english, text));
      }),
      { numRuns: 60 },
    );
  });
});

/** Issue 13: a new action needs an owner and a due date typed as day/month/year; a past date needs the explicit override. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../support/client-i18n';
import { dateParts, partsToIso } from '../../client/components/DateInput';
import { validateNewAction } from '../../client/screens/meeting/ActionsSection';

const owner = { id: 'p1', name: 'Sam Constable', agencyId: 'a1', agencyName: 'Police' };
const today = '2026-11-30';
const texts = (r: ReturnType<typeof validateNewAction>) => r.errors.map((e) => e.text);

describe('the new-action form', () => {
  it('asks for the owner and the due date', () => {
    expect(texts(validateNewAction({ what: 'Share the log', owner: null, due: { day: '', month: '', year: '' }, late: false }, today, 'a'))).toEqual([
      'Choose who owns the action',
      'Enter the due date',
    ]);
  });

  it('refuses a past due date unless the action is recorded as already late', () => {
    const input = { what: 'Share the log', owner, due: { day: '28', month: '11', year: '2020' }, late: false };
    expect(texts(validateNewAction(input, today, 'a'))[0]).toMatch(/must be today or in the future/);
    expect(validateNewAction({ ...input, late: true }, today, 'a')).toEqual({ errors: [], due: '2020-11-28' });
    expect(validateNewAction({ ...input, due: { day: '30', month: '11', year: '2026' } }, today, 'a')).toEqual({ errors: [], due: today });
  });

  it('reads day/month/year, never month/day: 11/12 is 11 December', () => {
    expect(partsToIso({ day: '11', month: '12', year: '2026' }, 'the due date')).toEqual({ iso: '2026-12-11' });
    expect(partsToIso({ day: '31', month: '2', year: '2026' }, 'the due date')).toEqual({ error: 'The due date must be a real date' });
    expect(partsToIso({ day: '12', month: '', year: '2026' }, 'the due date')).toEqual({ error: 'The due date must include a month' });
  });

  it('round-trips every real date, and never accepts junk as a date', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (iso) => {
        expect(partsToIso(dateParts(iso), 'the date')).toEqual({ iso });
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (d, m, y) => {
        const out = partsToIso({ day: d, month: m, year: y }, 'the date');
        if ('iso' in out) expect(dateParts(out.iso)).toEqual({ day: String(Number(d.trim())), month: String(Number(m.trim())), year: y.trim() });
      }),
    );
  });
});

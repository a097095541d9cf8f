/** Each outcomes chart draws exactly the figures of the table beside it. */
import { describe, expect, it } from 'vitest';
import { chartFor } from '../../client/screens/outcomes/chart-data.js';

describe('outcome charts', () => {
  it('stacks referrals by agency per month, a month with no referral from an agency drawn as 0', () => {
    const chart = chartFor('referrals', {
      columns: ['Month', 'Referring agency', 'Referrals', 'Repeat referrals'],
      rows: [
        ['2026-09', 'Police', 2, 0],
        ['2026-10', 'Housing', 1, 1],
        ['2026-10', 'Police', 3, 0],
      ],
    });
    expect(chart).toEqual({
      labels: ['2026-09', '2026-10'],
      series: [
        { label: 'Housing', values: [0, 1] },
        { label: 'Police', values: [2, 3] },
      ],
      stacked: true,
      horizontal: false,
    });
  });

  it('draws the action columns per agency, and nothing for the reasons or an empty table', () => {
    const actions = chartFor('actions', {
      columns: ['Agency', 'Agreed', 'Done on time', 'Done late', 'Not possible', 'Not done', 'Still open', 'Median days to complete'],
      rows: [['Police', 5, 1, 1, 1, 1, 1, '']],
    });
    expect(actions?.series.map((s) => [s.label, s.values])).toEqual([
      ['Done on time', [1]],
      ['Done late', [1]],
      ['Not possible', [1]],
      ['Not done', [1]],
      ['Still open', [1]],
    ]);
    expect(chartFor('action-reasons', { columns: ['Agency', 'Status', 'Reason', 'Actions'], rows: [['Police', 'Not done', 'x', 1]] })).toBeNull();
    expect(chartFor('decisions', { columns: ['Outcome', 'Decisions'], rows: [] })).toBeNull();
  });
});

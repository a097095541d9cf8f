import type { ReactNode } from 'react';

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  /** An optional action (e.g. a "Change" link or button) for the row. */
  action?: ReactNode;
}

export function SummaryList({ rows, noBorder, className }: { rows: SummaryRow[]; noBorder?: boolean; className?: string }) {
  return (
    <dl className={['govuk-summary-list', noBorder && 'govuk-summary-list--no-border', className].filter(Boolean).join(' ')}>
      {rows.map((r, i) => (
        <div className={`govuk-summary-list__row${r.action ? '' : ' govuk-summary-list__row--no-actions'}`} key={i}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
          {r.action && <dd className="govuk-summary-list__actions">{r.action}</dd>}
        </div>
      ))}
    </dl>
  );
}

import type { ReactNode } from 'react';

export type SortDirection = 'ascending' | 'descending';
export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

export interface Column<T, K extends string = string> {
  key: K;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** Offer sorting on this column (the caller sorts; the table shows and announces the state). */
  sortable?: boolean;
  numeric?: boolean;
  /** The first column that names the row is a row header, so a screen reader reads it with each cell. */
  rowHeader?: boolean;
  className?: string;
}

interface Props<T, K extends string> {
  caption: ReactNode;
  captionClass?: string;
  columns: Column<T, K>[];
  rows: T[];
  rowKey(row: T): string;
  sort?: SortState<K> | null;
  onSort?(next: SortState<K>): void;
  compact?: boolean;
  className?: string;
}

/**
 * A GOV.UK table. Sortable columns have a button in the header and aria-sort on the header cell (the pattern of the
 * MOJ sortable table), so the sort is keyboard-operable and announced.
 */
export function Table<T, K extends string>({ caption, captionClass = 'govuk-table__caption--m', columns, rows, rowKey, sort, onSort, compact, className }: Props<T, K>) {
  const header = (c: Column<T, K>) => {
    const state = sort?.key === c.key ? sort.direction : c.sortable && onSort ? 'none' : undefined;
    return (
      <th key={c.key} scope="col" className={`govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}`} aria-sort={state}>
        {c.sortable && onSort ? (
          <button
            type="button"
            className="app-table__sort-button"
            onClick={() => onSort({ key: c.key, direction: sort?.key === c.key && sort.direction === 'ascending' ? 'descending' : 'ascending' })}
          >
            {c.header}
          </button>
        ) : (
          c.header
        )}
      </th>
    );
  };
  return (
    <table className={['govuk-table', compact && 'app-table--compact', className].filter(Boolean).join(' ')}>
      <caption className={`govuk-table__caption ${captionClass}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">{columns.map(header)}</tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={rowKey(row)}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row" className={`govuk-table__header ${c.className ?? ''}`}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.key} className={`govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''} ${c.className ?? ''}`}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

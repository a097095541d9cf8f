/** The tracker's view state kept in the URL (so a filtered, sorted view can be bookmarked and shared), and its sort. */
import type { TFunction } from 'i18next';
import type { ActionView } from '../../../shared/api-types';
import { actionStatuses } from '../../../shared/minutes';
import { csvDocument } from '../../../shared/csv';
import type { SortState } from '../../components/Table';

export type Show = 'open' | 'overdue' | 'all';
export type SortKey = 'due' | 'status' | 'agency' | 'owner' | 'case';
export interface TrackerView {
  show: Show;
  agencyId: string;
  personId: string;
  sort: SortState<SortKey>;
}

const sortKeys: SortKey[] = ['due', 'status', 'agency', 'owner', 'case'];

export function readView(search: string): TrackerView {
  const q = new URLSearchParams(search);
  const show = q.get('show');
  const sort = q.get('sort') as SortKey | null;
  return {
    show: show === 'overdue' || show === 'all' ? show : 'open',
    agencyId: q.get('agency') ?? '',
    personId: q.get('person') ?? '',
    sort: { key: sort && sortKeys.includes(sort) ? sort : 'due', direction: q.get('dir') === 'descending' ? 'descending' : 'ascending' },
  };
}

export function writeView(view: TrackerView): string {
  const q = new URLSearchParams();
  if (view.show !== 'open') q.set('show', view.show);
  if (view.agencyId) q.set('agency', view.agencyId);
  if (view.personId) q.set('person', view.personId);
  if (view.sort.key !== 'due' || view.sort.direction !== 'ascending') {
    q.set('sort', view.sort.key);
    q.set('dir', view.sort.direction);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const text = (a: ActionView, key: SortKey): string =>
  key === 'agency' ? (a.owner?.agency ?? '') : key === 'owner' ? (a.owner?.name ?? '') : key === 'case' ? (a.caseRef ?? '') : '';

/** Sorted copy; empty values (no owner, no due date) always last; ties keep the server's order (due, then meeting). */
export function sortActions(actions: ActionView[], sort: SortState<SortKey>): ActionView[] {
  const dir = sort.direction === 'ascending' ? 1 : -1;
  const value = (a: ActionView): string | number | null => {
    if (sort.key === 'due') return a.due;
    if (sort.key === 'status') return actionStatuses.indexOf(a.status);
    return text(a, sort.key) || null;
  };
  return actions
    .map((a, i) => ({ a, i, v: value(a) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      const c = typeof x.v === 'number' && typeof y.v === 'number' ? x.v - y.v : String(x.v).localeCompare(String(y.v), 'en-GB');
      return c !== 0 ? c * dir : x.i - y.i;
    })
    .map((x) => x.a);
}

/** The CSV's columns, as keys of `actions:csv` (the header is in the reader's language). */
export const trackerCsvColumns = ['action', 'caseRef', 'owner', 'agency', 'due', 'status', 'overdue', 'agreedAt', 'agreedOn'] as const;

/** Exactly the rows on screen, in their order, as CSV, with the header and words in the reader's language. */
export const trackerCsv = (rows: ActionView[], t: TFunction<['actions', 'domain', 'common']>): string =>
  csvDocument(
    trackerCsvColumns.map((c) => t(`actions:csv.${c}`)),
    rows.map((a) => [
      a.what,
      a.caseRef ?? '',
      a.owner?.name ?? '',
      a.owner?.agency ?? '',
      a.due ?? '',
      t(`domain:actionStatus.${a.status}`),
      t(a.overdue ? 'actions:csv.yes' : 'actions:csv.no'),
      a.meeting.title,
      a.meeting.heldAt.slice(0, 10),
    ]),
  );

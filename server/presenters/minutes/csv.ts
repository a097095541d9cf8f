/**
 * The meeting's actions as an RFC 4180 CSV, for agencies' own action trackers (usually Excel). Like every other
 * export it opens with the marking and whether the record is agreed ("Draft – not yet agreed" or "Agreed as a
 * correct record on …"), one line each above the table, so nobody files a draft's actions as agreed.
 */
import type { MinutesView } from '../../../shared/minutes.js';
import { recordStatus } from '../../../shared/minutes-house-style.js';
import { csvDocument } from '../../../shared/csv.js';
import { inEachLanguage } from './words.js';

export const csvColumns = ['item number', 'case ref', 'action', 'owner', 'agency', 'due', 'status'] as const;

// Column names stay fixed (other systems import by them); the words people read follow the series' language(s).
export const renderCsv = (view: MinutesView): string => {
  const rows = view.items.flatMap((item) =>
    item.actions.map((a) => [
      String(item.number),
      item.caseRef ?? '',
      a.what,
      a.owner?.name ?? '',
      a.owner?.agency ?? '',
      a.due ?? '',
      inEachLanguage(view, (w) => w.t(`domain:actionStatus.${a.status}`)),
    ]),
  );
  return csvDocument(csvColumns, rows, [inEachLanguage(view, (w) => w.t('common:protectiveMarking')), inEachLanguage(view, (w) => recordStatus(w, view))]);
};

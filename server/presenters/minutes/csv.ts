/**
 * The meeting's actions as an RFC 4180 CSV, for agencies' own action trackers (usually Excel). Like every other
 * export it opens with the marking and whether the record is agreed ("Draft – not yet agreed" or "Agreed as a
 * correct record on …"), one line each above the table, so nobody files a draft's actions as agreed.
 */
import type { MinutesView } from '../../../shared/minutes.js';
import { outlineMinutes, recordStatus } from '../../../shared/minutes-house-style.js';
import { csvDocument } from '../../../shared/csv.js';

export const csvColumns = ['item number', 'case ref', 'action', 'owner', 'agency', 'due', 'status'] as const;

export const renderCsv = (view: MinutesView): string => {
  const rows = outlineMinutes(view).actions.map((a) => [String(a.item), a.caseRef, a.what, a.owner, a.agency, a.due, a.status]);
  return csvDocument(csvColumns, rows, [view.marking, recordStatus(view)]);
};

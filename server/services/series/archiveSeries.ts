/** Archives a series: kept with all its meetings and minutes, read-only from now on (no edits, no new meetings). */
import type { SeriesView } from '../../../shared/api-types.js';
import type { Actor } from '../../policies/index.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived } from './rules.js';
import { seriesView } from './view.js';

export function archiveSeries(deps: SeriesDeps, actor: Actor | null, seriesId: string, ip: string | null): { series: SeriesView; changed: string[] } {
  const editor = deps.policies.authoriseSeriesRecord(actor, seriesId, 'edit');
  checkArchived(deps.repo.find(seriesId)!);
  const now = deps.now();
  inTransaction(deps, () => {
    deps.repo.update(seriesId, { archivedAt: now, updatedAt: now });
    auditRow(deps, { actorId: editor.id, action: 'series.archive', targetType: 'series', targetId: seriesId, ip });
  });
  return { series: seriesView(deps, editor, seriesId), changed: ['archived'] };
}

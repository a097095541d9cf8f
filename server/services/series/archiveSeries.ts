/** Archives a series: kept with all its meetings and minutes, read-only from now on (no edits, no new meetings). */
import type { SeriesView } from '../../../shared/api-types.js';
import type { Actor } from '../../policies/index.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived } from './rules.js';
import { seriesView } from './view.js';

export async function archiveSeries(deps: SeriesDeps, actor: Actor | null, seriesId: string, ip: string | null): Promise<{ series: SeriesView; changed: string[] }> {
  const editor = await deps.policies.authoriseSeriesRecord(actor, seriesId, 'edit');
  const now = deps.now();
  await inTransaction(deps, async (s) => {
    checkArchived((await s.series.find(seriesId))!);
    await s.series.update(seriesId, { archivedAt: now, updatedAt: now });
    await auditRow(deps, s, { actorId: editor.id, action: 'series.archive', targetType: 'series', targetId: seriesId, ip });
  });
  return { series: await seriesView(deps, editor, seriesId), changed: ['archived'] };
}

/** The series as the signed-in person sees it, with what they may do (asked of the policy, not re-derived). */
import type { SeriesView } from '../../../shared/api-types.js';
import type { Stores } from '../../db/stores/index.js';
import { roleMay, type Actor } from '../../policies/index.js';
import { presentSeries } from '../../presenters/series.js';
import type { SeriesDeps } from './deps.js';

/** `s`: the stores to read through (a command's transaction, so it shows what the command just wrote). */
export async function seriesView(deps: SeriesDeps, actor: Actor, seriesId: string, s: Stores = deps.storage.stores): Promise<SeriesView> {
  const row = (await s.series.find(seriesId))!;
  const may = async (action: 'edit' | 'schedule'): Promise<boolean> => {
    try {
      await deps.policies.authoriseSeriesRecord(actor, seriesId, action);
      return row.archivedAt === null;
    } catch {
      return false;
    }
  };
  const role = actor.globalRole === 'admin' ? null : await deps.policies.seriesRoleOf(actor, seriesId);
  return presentSeries(row, await s.series.members(seriesId), { edit: await may('edit'), schedule: await may('schedule'), meetings: roleMay(role, 'view'), tracker: roleMay(role, 'viewMinutes'), cases: roleMay(role, 'viewRegister'), outcomes: roleMay(role, 'viewOutcomes') });
}

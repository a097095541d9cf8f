/** The series as the signed-in person sees it, with what they may do (asked of the policy, not re-derived). */
import type { SeriesView } from '../../../shared/api-types.js';
import { roleMay, type Actor } from '../../policies/index.js';
import { presentSeries } from '../../presenters/series.js';
import type { SeriesDeps } from './deps.js';

export function seriesView(deps: SeriesDeps, actor: Actor, seriesId: string): SeriesView {
  const row = deps.repo.find(seriesId)!;
  const may = (action: 'edit' | 'schedule'): boolean => {
    try {
      deps.policies.authoriseSeriesRecord(actor, seriesId, action);
      return row.archivedAt === null;
    } catch {
      return false;
    }
  };
  const role = actor.globalRole === 'admin' ? null : deps.policies.seriesRoleOf(actor, seriesId);
  return presentSeries(row, deps.repo.members(seriesId), { edit: may('edit'), schedule: may('schedule'), meetings: roleMay(role, 'view'), tracker: roleMay(role, 'viewMinutes'), cases: roleMay(role, 'viewRegister'), outcomes: roleMay(role, 'viewOutcomes') });
}

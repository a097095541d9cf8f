/** Edits a series: any subset of its fields; the result is checked as a whole before anything is written. */
import { msg } from '../../../shared/i18n/message.js';
import type { SeriesPatch } from '../../../shared/api-schemas.js';
import type { SeriesView } from '../../../shared/api-types.js';
import { englishText } from '../../i18n.js';
import { describeCadence } from '../../../shared/cadence.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { accessChangedFor, auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkCadenceOccurs, checkCaseRefPrefix, checkSeriesPeople, throwIfAny } from './rules.js';
import { seriesView } from './view.js';
import { queueInvites, sendInvites } from './invites.js';

export function updateSeries(deps: SeriesDeps, actor: Actor | null, seriesId: string, patch: Omit<SeriesPatch, 'archived'>, ip: string | null): { series: SeriesView; changed: string[] } {
  const editor = deps.policies.authoriseSeriesRecord(actor, seriesId, 'edit');
  const current = deps.repo.find(seriesId)!;
  checkArchived(current);
  const changed = Object.keys(patch);
  if (changed.length === 0) throw new AppError('validation_failed', msg('series:errors.nothingToChange'));
  const now = deps.now();
  const before = deps.repo.members(seriesId).map((m) => ({ personId: m.personId, role: m.role }));
  const members = patch.members ?? before;
  const cadence = patch.cadence ? { ...patch.cadence, startsOn: patch.cadence.startsOn ?? current.cadenceRule?.startsOn ?? null } : null;
  const fields: FieldErrors = {};
  checkSeriesPeople(
    deps.repo,
    {
      ownerAgencyId: patch.ownerAgencyId ?? current.ownerAgencyId,
      members,
      chairId: patch.chairId ?? current.chairId,
      deputyChairId: patch.deputyChairId !== undefined ? patch.deputyChairId : current.deputyChairId,
    },
    fields,
  );
  if (cadence) checkCadenceOccurs(cadence, now, fields);
  if (patch.caseRefPrefix) checkCaseRefPrefix(deps.repo, patch.caseRefPrefix, seriesId, fields);
  throwIfAny(fields);

  inTransaction(deps, () => {
    const { members: _members, cadence: _cadence, template, ...plain } = patch;
    deps.repo.update(seriesId, {
      ...plain,
      ...(cadence ? { cadenceRule: cadence, cadence: describeCadence(cadence, englishText) } : {}),
      ...(template ? { agendaTemplate: template } : {}),
      updatedAt: now,
    });
    let invites = 0;
    if (patch.members) {
      deps.repo.replaceMembers(seriesId, patch.members, now);
      // Newcomers get invites to the meetings still to come; people removed get them withdrawn from their calendars.
      const was = new Set(before.map((m) => m.personId));
      const is = new Set(patch.members.map((m) => m.personId));
      const upcoming = deps.repo.meetingsOf(seriesId).filter((m) => m.status === 'scheduled' && m.scheduledAt > now).map((m) => m.id);
      invites += queueInvites(deps, upcoming, 'scheduled', deps.repo.contactsOf([...is].filter((id) => !was.has(id))));
      invites += queueInvites(deps, upcoming, 'uninvited', deps.repo.contactsOf([...was].filter((id) => !is.has(id))));
    }
    auditRow(deps, { actorId: editor.id, action: 'series.update', targetType: 'series', targetId: seriesId, detail: { fields: changed.join(','), invites }, ip });
  });
  sendInvites(deps);
  if (patch.members) accessChangedFor(deps, [...before, ...patch.members].map((m) => m.personId));
  return { series: seriesView(deps, editor, seriesId), changed };
}

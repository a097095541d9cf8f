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

export async function updateSeries(
  deps: SeriesDeps,
  actor: Actor | null,
  seriesId: string,
  patch: Omit<SeriesPatch, 'archived'>,
  ip: string | null,
): Promise<{ series: SeriesView; changed: string[] }> {
  const editor = await deps.policies.authoriseSeriesRecord(actor, seriesId, 'edit');
  const changed = Object.keys(patch);
  const now = deps.now();
  const before = await inTransaction(deps, async (s) => {
    const current = (await s.series.find(seriesId))!;
    checkArchived(current);
    if (changed.length === 0) throw new AppError('validation_failed', msg('series:errors.nothingToChange'));
    const before = (await s.series.members(seriesId)).map((m) => ({ personId: m.personId, role: m.role }));
    const members = patch.members ?? before;
    const cadence = patch.cadence ? { ...patch.cadence, startsOn: patch.cadence.startsOn ?? current.cadenceRule?.startsOn ?? null } : null;
    const fields: FieldErrors = {};
    await checkSeriesPeople(
      s.series,
      {
        ownerAgencyId: patch.ownerAgencyId ?? current.ownerAgencyId,
        members,
        chairId: patch.chairId ?? current.chairId,
        deputyChairId: patch.deputyChairId !== undefined ? patch.deputyChairId : current.deputyChairId,
      },
      fields,
    );
    if (cadence) checkCadenceOccurs(cadence, now, fields);
    if (patch.caseRefPrefix) await checkCaseRefPrefix(s.series, patch.caseRefPrefix, seriesId, fields);
    throwIfAny(fields);

    const { members: _members, cadence: _cadence, template, ...plain } = patch;
    await s.series.update(seriesId, {
      ...plain,
      ...(cadence ? { cadenceRule: cadence, cadence: describeCadence(cadence, englishText) } : {}),
      ...(template ? { agendaTemplate: template } : {}),
      updatedAt: now,
    });
    let invites = 0;
    if (patch.members) {
      await s.series.replaceMembers(seriesId, patch.members, now);
      // Newcomers get invites to the meetings still to come; people removed get them withdrawn from their calendars.
      const was = new Set(before.map((m) => m.personId));
      const is = new Set(patch.members.map((m) => m.personId));
      const upcoming = (await s.series.meetingsOf(seriesId)).filter((m) => m.status === 'scheduled' && m.scheduledAt > now).map((m) => m.id);
      invites += await queueInvites(deps, s, upcoming, 'scheduled', await s.series.contactsOf([...is].filter((id) => !was.has(id))));
      invites += await queueInvites(deps, s, upcoming, 'uninvited', await s.series.contactsOf([...was].filter((id) => !is.has(id))));
    }
    await auditRow(deps, s, { actorId: editor.id, action: 'series.update', targetType: 'series', targetId: seriesId, detail: { fields: changed.join(','), invites }, ip });
    return before;
  });
  sendInvites(deps);
  if (patch.members) await accessChangedFor(deps, [...before, ...patch.members].map((m) => m.personId));
  return { series: await seriesView(deps, editor, seriesId), changed };
}

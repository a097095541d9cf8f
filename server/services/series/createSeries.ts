/** An admin or coordinator sets up a series once: who, where, when, the standing agenda and how decisions are numbered. */
import type { SeriesInput } from '../../../shared/api-schemas.js';
import type { SeriesView } from '../../../shared/api-types.js';
import { englishText } from '../../i18n.js';
import { describeCadence, londonParts } from '../../../shared/cadence.js';
import { newId } from '../../../shared/ids.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { Actor } from '../../policies/index.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkCadenceOccurs, checkCaseRefPrefix, checkSeriesPeople, throwIfAny } from './rules.js';
import { seriesView } from './view.js';

export async function createSeries(deps: SeriesDeps, actor: Actor | null, input: SeriesInput, ip: string | null): Promise<{ series: SeriesView }> {
  const creator = deps.policies.authoriseCreateSeries(actor);
  const now = deps.now();
  // A coordinator who starts a series coordinates it (else they could not edit what they just made).
  const members =
    creator.globalRole === 'coordinator' && !input.members.some((m) => m.personId === creator.id)
      ? [...input.members, { personId: creator.id, role: 'coordinator' as const }]
      : input.members;
  // Fortnights are counted from a fixed first day, so the rhythm never shifts with the day someone schedules.
  const cadence = { ...input.cadence, startsOn: input.cadence.startsOn ?? londonParts(now).date };
  const id = `series-${newId(10)}`;
  await inTransaction(deps, async (s) => {
    const fields: FieldErrors = {};
    await checkSeriesPeople(s.series, { ...input, members }, fields);
    checkCadenceOccurs(cadence, now, fields);
    await checkCaseRefPrefix(s.series, input.caseRefPrefix, null, fields);
    throwIfAny(fields);
    await s.series.insert({
      id,
      name: input.name,
      body: input.body,
      ownerAgencyId: input.ownerAgencyId,
      chairId: input.chairId,
      deputyChairId: input.deputyChairId,
      venue: input.venue,
      onlineLink: input.onlineLink,
      cadenceRule: cadence,
      cadence: describeCadence(cadence, englishText),
      agendaTemplate: input.template,
      decisionPrefix: input.decisionPrefix,
      decisionScheme: input.decisionScheme,
      minutesLanguage: input.minutesLanguage,
      caseRefPrefix: input.caseRefPrefix,
      createdAt: now,
      updatedAt: now,
    });
    await s.series.replaceMembers(id, members, now);
    await auditRow(deps, s, { actorId: creator.id, action: 'series.create', targetType: 'series', targetId: id, detail: { members: members.length, templateItems: input.template.length }, ip });
  });
  return { series: await seriesView(deps, creator, id) };
}

/**
 * The business rules every series and meeting command checks before it writes. Each broken rule names the field it
 * belongs to, so the 422 carries a message per field and the form shows it beside that field.
 */
import { occurrences, type Cadence } from '../../../shared/cadence.js';
import { seriesLimits } from '../../../shared/limits.js';
import type { SeriesRole } from '../../db/schema.js';
import type { MeetingRecord, SeriesRepo, SeriesRow } from '../../db/series-repo.js';
import { invalidFields, msg, type FieldTexts } from '../../errors.js';

/** Roles that may chair a series' meetings. */
const chairRoles: readonly SeriesRole[] = ['chair', 'coordinator'];

export const notChairMessage = msg('errors:chairMustBeChairOrCoordinator');

export const throwIfAny = (fields: FieldTexts): void => {
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
};

export function checkArchived(series: SeriesRow): void {
  if (series.archivedAt !== null) throw invalidFields({ series: msg('errors:thisSeriesIsArchivedItIs') });
}

/** Owner agency, members, chair and deputy of a series as a whole (create, or a patch merged onto the stored one). */
export function checkSeriesPeople(
  repo: SeriesRepo,
  input: { ownerAgencyId: string | null; members: { personId: string; role: SeriesRole }[]; chairId: string | null; deputyChairId: string | null },
  fields: FieldTexts,
): void {
  if (!input.ownerAgencyId || !repo.agencyExists(input.ownerAgencyId)) fields.ownerAgencyId = msg('errors:chooseAgencyThatExists');
  const ids = input.members.map((m) => m.personId);
  const known = repo.peopleRoles(ids);
  ids.forEach((id, i) => {
    if (!known.has(id)) fields[`members.${i}.personId`] = msg('errors:noSuchPerson');
    // Separation of duties: administrators hold no meeting role (see server/policies).
    else if (known.get(id) === 'admin') fields[`members.${i}.personId`] = msg('errors:adminsHoldNoMeetingRole');
  });
  if (new Set(ids).size !== ids.length) fields.members = msg('errors:memberOnce');
  const roleOf = new Map(input.members.map((m) => [m.personId, m.role]));
  const mayChair = (id: string) => chairRoles.includes(roleOf.get(id) as SeriesRole);
  if (!input.chairId || !mayChair(input.chairId)) fields.chairId = notChairMessage;
  if (input.deputyChairId !== null && !mayChair(input.deputyChairId)) fields.deputyChairId = msg('errors:deputyMustBeChairOrCoordinator');
  if (input.deputyChairId !== null && input.deputyChairId === input.chairId) fields.deputyChairId = msg('errors:deputyNotChair');
}

/** A cadence must produce at least one meeting from `now`, or it "never occurs" (e.g. it ends before it starts). */
export function checkCadenceOccurs(cadence: Cadence, now: number, fields: FieldTexts, field = 'cadence'): void {
  if (occurrences(cadence, now, 1).length === 0) fields[field] = msg('errors:cadenceNeverOccurs');
}

/** A meeting's start: in the future and clear of the series' other meetings. */
export function checkStart(repo: SeriesRepo, seriesId: string, at: number, now: number, fields: FieldTexts, exceptId?: string, field = 'startsAt'): void {
  if (at <= now) {
    fields[field] = msg('errors:dateInFuture');
    return;
  }
  const clash = repo.overlapping(seriesId, at, seriesLimits.meetingLengthMinutes * 60_000, exceptId);
  if (clash) fields[field] = msg('errors:overlapsMeeting', { when: msg('errors:meetingAt', { at: new Date(clash.scheduledAt) }) });
}

export function checkMeetingChair(repo: SeriesRepo, seriesId: string, chairId: string, fields: FieldTexts, field = 'chairId'): void {
  const member = repo.members(seriesId).find((m) => m.personId === chairId);
  if (!member || !chairRoles.includes(member.role)) fields[field] = notChairMessage;
}

/** Only meetings still to come can be moved, re-chaired or cancelled; cancelled and held ones are kept as they were. */
export function checkStillScheduled(meeting: MeetingRecord, doing: 'rescheduled' | 'rechaired' | 'cancelled', field: string, allowLive = false): void {
  if (meeting.status === 'scheduled' || (allowLive && meeting.status === 'live')) return;
  const why = meeting.status === 'cancelled' ? 'cancelled' : meeting.status === 'ended' ? 'ended' : 'live';
  throw invalidFields({ [field]: msg('errors:meetingCannotBe', { why: msg(`errors:meetingState.${why}`), doing: msg(`errors:meetingChange.${doing}`) }) });
}

/**
 * A prefix another series has set is refused: references stay unique either way (one sequence per prefix and
 * year), but two panels' cases would read as one register's.
 */
export function checkCaseRefPrefix(repo: SeriesRepo, prefix: string | null, seriesId: string | null, fields: FieldTexts): void {
  if (!prefix) return;
  const other = repo.withCaseRefPrefix(prefix, seriesId);
  if (other) fields.caseRefPrefix = msg('errors:prefixTaken', { prefix, series: other.name });
}

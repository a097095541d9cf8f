/**
 * The business rules every series and meeting command checks before it writes. Each broken rule names the field it
 * belongs to, so the 422 carries a message per field and the form shows it beside that field.
 */
import { cadenceMessage, occurrences, type Cadence } from '../../../shared/cadence.js';
import { msg } from '../../../shared/i18n/message.js';
import { seriesLimits } from '../../../shared/limits.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { SeriesRole } from '../../db/schema.js';
import type { MeetingRecord, SeriesRow, SeriesStore } from '../../db/stores/series.js';
import { invalidFields } from '../../errors.js';

/** Roles that may chair a series' meetings. */
const chairRoles: readonly SeriesRole[] = ['chair', 'coordinator'];

export const notChairMessage = msg('series:errors.notChair');

export const throwIfAny = (fields: FieldErrors): void => {
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
};

export function checkArchived(series: SeriesRow): void {
  if (series.archivedAt !== null) throw invalidFields({ series: msg('series:errors.archived') });
}

/** Owner agency, members, chair and deputy of a series as a whole (create, or a patch merged onto the stored one). */
export async function checkSeriesPeople(
  repo: SeriesStore,
  input: { ownerAgencyId: string | null; members: { personId: string; role: SeriesRole }[]; chairId: string | null; deputyChairId: string | null },
  fields: FieldErrors,
): Promise<void> {
  if (!input.ownerAgencyId || !(await repo.agencyExists(input.ownerAgencyId))) fields.ownerAgencyId = msg('series:errors.agencyMissing');
  const ids = input.members.map((m) => m.personId);
  const known = await repo.peopleRoles(ids);
  ids.forEach((id, i) => {
    if (!known.has(id)) fields[`members.${i}.personId`] = msg('series:errors.noSuchPerson');
    // Separation of duties: administrators hold no meeting role (see server/policies).
    else if (known.get(id) === 'admin') fields[`members.${i}.personId`] = msg('series:errors.adminNoRole');
  });
  if (new Set(ids).size !== ids.length) fields.members = msg('series:errors.memberTwice');
  const roleOf = new Map(input.members.map((m) => [m.personId, m.role]));
  const mayChair = (id: string) => chairRoles.includes(roleOf.get(id) as SeriesRole);
  if (!input.chairId || !mayChair(input.chairId)) fields.chairId = notChairMessage;
  if (input.deputyChairId !== null && !mayChair(input.deputyChairId)) fields.deputyChairId = msg('series:errors.deputyNotChair');
  if (input.deputyChairId !== null && input.deputyChairId === input.chairId) fields.deputyChairId = msg('series:errors.deputyIsChair');
}

/** A cadence must produce at least one meeting from `now`, or it "never occurs" (e.g. it ends before it starts). */
export function checkCadenceOccurs(cadence: Cadence, now: number, fields: FieldErrors, field = 'cadence'): void {
  if (occurrences(cadence, now, 1).length === 0) fields[field] = msg('series:errors.neverOccurs', { cadence: cadenceMessage(cadence) });
}

/** A meeting's start: in the future and clear of the series' other meetings. */
export async function checkStart(repo: SeriesStore, seriesId: string, at: number, now: number, fields: FieldErrors, exceptId?: string, field = 'startsAt'): Promise<void> {
  if (at <= now) {
    fields[field] = msg('series:errors.future');
    return;
  }
  const clash = await repo.overlapping(seriesId, at, seriesLimits.meetingLengthMinutes * 60_000, exceptId);
  if (clash) fields[field] = msg('series:errors.overlaps', { when: clash.scheduledAt });
}

export async function checkMeetingChair(repo: SeriesStore, seriesId: string, chairId: string, fields: FieldErrors, field = 'chairId'): Promise<void> {
  const member = (await repo.members(seriesId)).find((m) => m.personId === chairId);
  if (!member || !chairRoles.includes(member.role)) fields[field] = notChairMessage;
}

/** Only meetings still to come can be moved, re-chaired or cancelled; cancelled and held ones are kept as they were. */
export function checkStillScheduled(meeting: MeetingRecord, doing: 'rescheduled' | 'rechaired' | 'cancelled', field: string, allowLive = false): void {
  if (meeting.status === 'scheduled' || (allowLive && meeting.status === 'live')) return;
  const why = meeting.status === 'cancelled' || meeting.status === 'ended' ? meeting.status : 'live';
  throw invalidFields({ [field]: msg(`series:errors.notScheduled.${why}`, { doing: msg(`series:errors.doing.${doing}`) }) });
}

/**
 * A prefix another series has set is refused: references stay unique either way (one sequence per prefix and
 * year), but two panels' cases would read as one register's.
 */
export async function checkCaseRefPrefix(repo: SeriesStore, prefix: string | null, seriesId: string | null, fields: FieldErrors): Promise<void> {
  if (!prefix) return;
  const other = await repo.withCaseRefPrefix(prefix, seriesId);
  if (other) fields.caseRefPrefix = msg('series:errors.prefixTaken', { prefix, name: other.name });
}

/**
 * The business rules every series and meeting command checks before it writes. Each broken rule names the field it
 * belongs to, so the 422 carries a message per field and the form shows it beside that field.
 */
import { describeCadence, occurrences, type Cadence } from '../../../shared/cadence.js';
import { longDateTime } from '../../../shared/minutes-house-style.js';
import { minutesWords } from '../../presenters/minutes/words.js';
import { seriesLimits } from '../../../shared/limits.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { SeriesRole } from '../../db/schema.js';
import type { MeetingRecord, SeriesRepo, SeriesRow } from '../../db/series-repo.js';
import { invalidFields } from '../../errors.js';

/** Roles that may chair a series' meetings. */
const chairRoles: readonly SeriesRole[] = ['chair', 'coordinator'];

export const notChairMessage = 'The chair must be a member of this series with the chair or coordinator role';

export const throwIfAny = (fields: FieldErrors): void => {
  if (Object.keys(fields).length > 0) throw invalidFields(fields);
};

export function checkArchived(series: SeriesRow): void {
  if (series.archivedAt !== null) throw invalidFields({ series: 'This series is archived: it is read-only' });
}

/** Owner agency, members, chair and deputy of a series as a whole (create, or a patch merged onto the stored one). */
export function checkSeriesPeople(
  repo: SeriesRepo,
  input: { ownerAgencyId: string | null; members: { personId: string; role: SeriesRole }[]; chairId: string | null; deputyChairId: string | null },
  fields: FieldErrors,
): void {
  if (!input.ownerAgencyId || !repo.agencyExists(input.ownerAgencyId)) fields.ownerAgencyId = 'Choose an agency that exists';
  const ids = input.members.map((m) => m.personId);
  const known = repo.peopleRoles(ids);
  ids.forEach((id, i) => {
    if (!known.has(id)) fields[`members.${i}.personId`] = 'No such person';
    // Separation of duties: administrators hold no meeting role (see server/policies).
    else if (known.get(id) === 'admin') fields[`members.${i}.personId`] = 'Administrators hold no meeting role: choose someone else';
  });
  if (new Set(ids).size !== ids.length) fields.members = 'Each person can be a member once';
  const roleOf = new Map(input.members.map((m) => [m.personId, m.role]));
  const mayChair = (id: string) => chairRoles.includes(roleOf.get(id) as SeriesRole);
  if (!input.chairId || !mayChair(input.chairId)) fields.chairId = notChairMessage;
  if (input.deputyChairId !== null && !mayChair(input.deputyChairId)) fields.deputyChairId = 'The deputy chair must be a member of this series with the chair or coordinator role';
  if (input.deputyChairId !== null && input.deputyChairId === input.chairId) fields.deputyChairId = 'The deputy chair must be someone other than the chair';
}

/** A cadence must produce at least one meeting from `now`, or it "never occurs" (e.g. it ends before it starts). */
export function checkCadenceOccurs(cadence: Cadence, now: number, fields: FieldErrors, field = 'cadence'): void {
  if (occurrences(cadence, now, 1).length === 0) fields[field] = `${describeCadence(cadence)} never occurs between now and its end date`;
}

/** A meeting's start: in the future and clear of the series' other meetings. */
export function checkStart(repo: SeriesRepo, seriesId: string, at: number, now: number, fields: FieldErrors, exceptId?: string, field = 'startsAt'): void {
  if (at <= now) {
    fields[field] = 'The date must be in the future';
    return;
  }
  const clash = repo.overlapping(seriesId, at, seriesLimits.meetingLengthMinutes * 60_000, exceptId);
  if (clash) fields[field] = `This overlaps the meeting of this series on ${longDateTime(new Date(clash.scheduledAt).toISOString(), minutesWords('en'))}`;
}

export function checkMeetingChair(repo: SeriesRepo, seriesId: string, chairId: string, fields: FieldErrors, field = 'chairId'): void {
  const member = repo.members(seriesId).find((m) => m.personId === chairId);
  if (!member || !chairRoles.includes(member.role)) fields[field] = notChairMessage;
}

/** Only meetings still to come can be moved, re-chaired or cancelled; cancelled and held ones are kept as they were. */
export function checkStillScheduled(meeting: MeetingRecord, doing: string, field: string, allowLive = false): void {
  if (meeting.status === 'scheduled' || (allowLive && meeting.status === 'live')) return;
  const why = meeting.status === 'cancelled' ? 'has been cancelled' : meeting.status === 'ended' ? 'has ended' : 'is under way';
  throw invalidFields({ [field]: `This meeting ${why}: it cannot be ${doing}` });
}

/**
 * A prefix another series has set is refused: references stay unique either way (one sequence per prefix and
 * year), but two panels' cases would read as one register's.
 */
export function checkCaseRefPrefix(repo: SeriesRepo, prefix: string | null, seriesId: string | null, fields: FieldErrors): void {
  if (!prefix) return;
  const other = repo.withCaseRefPrefix(prefix, seriesId);
  if (other) fields.caseRefPrefix = `${prefix} is already the case reference prefix of ${other.name}: choose another`;
}

/**
 * Coordinators and chairs schedule meetings: the next N from the series' cadence (continuing after its last
 * meeting), or one at a given time. Each new meeting's agenda starts from the series' template, written into its
 * Yjs document in the same transaction as the meeting row, so nobody ever opens a meeting with an empty agenda.
 */
import { msg } from '../../../shared/i18n/message.js';
import * as Y from 'yjs';
import type { SeriesMeetingView } from '../../../shared/api-types.js';
import { occurrences } from '../../../shared/cadence.js';
import { newId } from '../../../shared/ids.js';
import { startAgendaFromTemplate } from '../../../shared/meeting-doc.js';
import type { FieldErrors } from '../../../shared/protocol.js';
import type { SeriesRow } from '../../db/stores/series.js';
import { invalidFields } from '../../errors.js';
import type { Actor } from '../../policies/index.js';
import { presentSeriesMeeting } from '../../presenters/series.js';
import { queueInvites, sendInvites } from './invites.js';
import { auditRow, inTransaction, type SeriesDeps } from './deps.js';
import { checkArchived, checkCadenceOccurs, checkMeetingChair, checkStart, throwIfAny } from './rules.js';

export type ScheduleRequest = { count: number; startsAt?: undefined; chairId?: string } | { startsAt: string; count?: undefined; chairId?: string };

/** The template's first document state for a new meeting. */
export function templateDocument(series: SeriesRow): Uint8Array {
  const doc = new Y.Doc();
  startAgendaFromTemplate(doc, series.agendaTemplate);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export async function scheduleMeetings(
  deps: SeriesDeps,
  actor: Actor | null,
  seriesId: string,
  request: ScheduleRequest,
  ip: string | null,
): Promise<{ meetings: SeriesMeetingView[] }> {
  const scheduler = await deps.policies.authoriseSeriesRecord(actor, seriesId, 'schedule');
  const now = deps.now();
  // The checks and the writes run in one transaction, and transactions run one at a time, so two requests
  // scheduling into the same slot cannot both pass the overlap check.
  const { series, ids } = await inTransaction(deps, async (s) => {
    const series = (await s.series.find(seriesId))!;
    checkArchived(series);
    const fields: FieldErrors = {};
    if (request.chairId) await checkMeetingChair(s.series, seriesId, request.chairId, fields);
    let starts: number[];
    if (request.count !== undefined) {
      if (!series.cadenceRule) throw invalidFields({ count: msg('series:errors.noCadence') });
      checkCadenceOccurs(series.cadenceRule, now, fields);
      starts = occurrences(series.cadenceRule, Math.max(now, (await s.series.lastMeetingAt(seriesId)) ?? now), request.count);
      if (starts.length === 0 && !fields.cadence) fields.count = msg('series:errors.noMoreMeetings');
      // A one-off meeting may already sit where the cadence falls.
      for (const at of starts) await checkStart(s.series, seriesId, at, now, fields, undefined, 'count');
    } else {
      starts = [Date.parse(request.startsAt)];
      await checkStart(s.series, seriesId, starts[0], now, fields);
    }
    throwIfAny(fields);

    const chairId = request.chairId ?? series.chairId;
    const ids = starts.map(() => `meeting-${newId(10)}`);
    const snapshot = templateDocument(series);
    for (const [i, scheduledAt] of starts.entries()) {
      await s.series.insertMeeting({ id: ids[i], seriesId, title: series.name, scheduledAt, venue: series.venue, chairId, createdAt: now }, snapshot);
    }
    const invites = await queueInvites(deps, s, ids, 'scheduled');
    await auditRow(deps, s, {
      actorId: scheduler.id,
      action: 'series.meetings.schedule',
      targetType: 'series',
      targetId: seriesId,
      detail: { count: starts.length, from: new Date(starts[0]).toISOString(), oneOff: request.count === undefined, invites },
      ip,
    });
    return { series, ids };
  });
  sendInvites(deps);
  const stored = await Promise.all(ids.map((id) => deps.storage.stores.series.findMeeting(id)));
  return { meetings: stored.map((m) => presentSeriesMeeting(m!, series.name)) };
}

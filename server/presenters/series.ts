import type { SeriesMeetingView, SeriesView } from '../../shared/api-types.js';
import { describeCadence } from '../../shared/cadence.js';
import { englishText } from '../i18n.js';
import { caseRefPrefixFor } from '../../shared/domain.js';
import type { MeetingRecord, SeriesMemberRow, SeriesRow } from '../db/stores/series.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Exactly which series fields leave the server. */
export const presentSeries = (row: SeriesRow, members: SeriesMemberRow[], abilities: SeriesView['abilities']): SeriesView => ({
  id: row.id,
  name: row.name,
  body: row.body,
  ownerAgencyId: row.ownerAgencyId,
  chairId: row.chairId,
  deputyChairId: row.deputyChairId,
  venue: row.venue,
  onlineLink: row.onlineLink,
  cadence: row.cadenceRule ?? null,
  cadenceText: row.cadenceRule ? describeCadence(row.cadenceRule, englishText) : row.cadence,
  template: row.agendaTemplate,
  decisionPrefix: row.decisionPrefix,
  decisionScheme: row.decisionScheme,
  minutesLanguage: row.minutesLanguage,
  caseRefPrefix: row.caseRefPrefix,
  caseRefPrefixInUse: row.caseRefPrefix ?? caseRefPrefixFor(row.name),
  archived: row.archivedAt !== null,
  members,
  abilities,
});

export const presentSeriesMeeting = (m: MeetingRecord, seriesName: string): SeriesMeetingView => ({
  id: m.id,
  title: m.title,
  scheduledAt: new Date(m.scheduledAt).toISOString(),
  venue: m.venue,
  status: m.status,
  series: { id: m.seriesId, name: seriesName },
  chairId: m.chairId,
  openedAt: iso(m.openedAt),
  endedAt: iso(m.endedAt),
  cancelledAt: iso(m.cancelledAt),
  cancelReason: m.cancelReason,
  sequence: m.sequence,
  minutesAgreedAt: iso(m.minutesAgreedAt),
});

import type { MeetingView } from '../../shared/api-types.js';
import type { MeetingStatus } from '../../shared/domain.js';

export interface MeetingRow {
  id: string;
  title: string;
  scheduledAt: number;
  venue: string;
  status: MeetingStatus;
  seriesId: string;
  seriesName: string;
  cancelReason?: string | null;
}

/** Exactly which meeting fields leave the server. */
export const presentMeeting = (m: MeetingRow): MeetingView => ({
  id: m.id,
  title: m.title,
  scheduledAt: new Date(m.scheduledAt).toISOString(),
  venue: m.venue,
  status: m.status,
  series: { id: m.seriesId, name: m.seriesName },
  // Why it was cancelled is shown to everyone who could have come.
  ...(m.status === 'cancelled' ? { cancelReason: m.cancelReason ?? null } : {}),
});

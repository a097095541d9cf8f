/** JSON shapes the REST API returns, so the client reads exactly what the presenters send. */
import type { MeetingStatus } from './domain.js';

export interface MeetingView {
  id: string;
  title: string;
  scheduledAt: string;
  venue: string;
  status: MeetingStatus;
  series: { id: string; name: string };
}

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

export interface UserView {
  id: string;
  name: string;
  email: string;
  agency: { id: string; name: string };
  role: 'admin' | 'coordinator' | 'chair' | 'member' | 'observer';
}

export type MeetingRole = 'chair' | 'coordinator' | 'member' | 'observer';

export interface MeetingDetailView extends MeetingView {
  role: MeetingRole;
  /** Who may take part (series members, guests, chair): the choices for action owners and apologies. */
  participants: { id: string; name: string; agencyId: string; agencyName: string }[];
  abilities: Record<'view' | 'edit' | 'chair' | 'restrictedNotes' | 'invite' | 'viewMinutes' | 'exportMinutes' | 'amendMinutes', boolean>;
}

import { createContext, useContext } from 'react';
import type { UserView } from '../shared/api-types';

export interface SessionState {
  user: UserView;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);
export const useSession = (): SessionState | null => useContext(SessionContext);

/**
 * What signing out must remove from this device besides the session cookie: the offline copies of meeting
 * documents. Call it after the signed-in screens have unmounted (an open store is deleted once it is closed).
 */
export { clearAllMeetingStores as clearDeviceData } from './live/offline-store';

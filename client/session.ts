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
export const clearDeviceData = (): Promise<void> =>
  // Loaded on demand: the offline store pulls in Yjs, which the first screen does not need.
  import('./live/offline-store').then((m) => m.clearAllMeetingStores());

import { createContext, useContext } from 'react';
import type { UserView } from '../shared/api-types';

export interface SessionState {
  user: UserView;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);
export const useSession = (): SessionState | null => useContext(SessionContext);

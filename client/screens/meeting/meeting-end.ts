import { createContext, useContext, useEffect, useState } from 'react';
import type { MeetingDetailView } from '../../../shared/api-types';
import { apiGet } from '../../api';

export interface MeetingEnd {
  /** The meeting has ended (at load, or live while this screen was open). */
  ended: boolean;
  /** Item id → decision number, known once the minutes are written. */
  decisionNumbers: Record<string, string>;
}

export const MeetingEndContext = createContext<MeetingEnd>({ ended: false, decisionNumbers: {} });
export const useMeetingEnd = (): MeetingEnd => useContext(MeetingEndContext);

/**
 * What the screen learns when the meeting ends: the decision numbers the minutes gave. A meeting that ends while the
 * screen is open is read again once, so nobody has to reload to see the numbers.
 */
export function useMeetingEndFacts(meeting: MeetingDetailView, ended: boolean): MeetingEnd {
  const [numbers, setNumbers] = useState(meeting.decisionNumbers);
  const endedAtLoad = meeting.status === 'ended';
  useEffect(() => {
    if (!ended || endedAtLoad) return;
    let cancelled = false;
    apiGet<{ meeting: MeetingDetailView }>(`/meetings/${meeting.id}`).then(
      (body) => !cancelled && setNumbers(body.meeting.decisionNumbers),
      () => undefined, // the numbers stay in the minutes; the screen still says the meeting ended
    );
    return () => {
      cancelled = true;
    };
  }, [ended, endedAtLoad, meeting.id]);
  return { ended, decisionNumbers: numbers };
}

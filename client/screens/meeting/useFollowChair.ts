/**
 * "Everyone's view follows the chair unless they pin their own": which agenda item this person has on screen.
 * Picking an item pins it; pinned people are not moved when the chair moves, only told politely.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgendaItem } from '../../../shared/meeting-doc';
import type { MeetingStatus } from '../../../shared/domain';

export interface FollowChair {
  shown: AgendaItem | null;
  /** The item picked by this person, or null while following the chair. */
  pinned: AgendaItem | null;
  current: AgendaItem | null;
  /** A polite message for screen readers (the chair moved while pinned). */
  announcement: string;
  pick(itemId: string): void;
  follow(): void;
}

export function useFollowChair(items: AgendaItem[], status: MeetingStatus | null, currentItemId: string | null): FollowChair {
  const [pinnedId, setPinnedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const live = status === 'live';
  const pinned = items.find((i) => i.id === pinnedId) ?? null;
  const current = items.find((i) => i.id === currentItemId) ?? null;

  // When the chair opens the meeting, everyone starts by following the chair, whatever they were reading before.
  const lastStatus = useRef(status);
  useEffect(() => {
    if (lastStatus.current !== null && lastStatus.current !== 'live' && status === 'live') setPinnedId(null);
    lastStatus.current = status;
  }, [status]);

  const lastCurrent = useRef(currentItemId);
  useEffect(() => {
    if (lastCurrent.current === currentItemId) return;
    lastCurrent.current = currentItemId;
    if (pinned && current) setAnnouncement(`The chair moved the room to ${current.title}. You are still viewing ${pinned.title}.`);
  }, [currentItemId, pinned, current]);

  const pick = useCallback(
    (itemId: string) => {
      // Picking the item the room is on is the same as following the chair.
      if (live && itemId === currentItemId) {
        setPinnedId(null);
        setAnnouncement('Following the chair');
      } else {
        setPinnedId(itemId);
        const item = items.find((i) => i.id === itemId);
        if (item) setAnnouncement(live ? `Pinned: ${item.title}` : `Viewing ${item.title}`);
      }
    },
    [live, currentItemId, items],
  );
  const follow = useCallback(() => {
    setPinnedId(null);
    setAnnouncement(current ? `Following the chair: ${current.title}` : 'Following the chair');
  }, [current]);

  const shown = pinned ?? (status === 'scheduled' ? null : current);
  return { shown, pinned, current, announcement, pick, follow };
}

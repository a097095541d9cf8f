/**
 * "Everyone's view follows the chair unless they pin their own": which agenda item this person has on screen.
 * Picking an item pins it; pinned people are not moved when the chair moves, only told politely.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('room');
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
    if (pinned && current) setAnnouncement(t('follow.chairMoved', { current: current.title, pinned: pinned.title }));
  }, [currentItemId, pinned, current, t]);

  const pick = useCallback(
    (itemId: string) => {
      // Picking the item the room is on is the same as following the chair.
      if (live && itemId === currentItemId) {
        setPinnedId(null);
        setAnnouncement(t('follow.following'));
      } else {
        setPinnedId(itemId);
        const item = items.find((i) => i.id === itemId);
        if (item) setAnnouncement(live ? t('follow.pinned', { title: item.title }) : t('follow.viewing', { title: item.title }));
      }
    },
    [live, currentItemId, items, t],
  );
  const follow = useCallback(() => {
    setPinnedId(null);
    setAnnouncement(current ? t('follow.followingItem', { title: current.title }) : t('follow.following'));
  }, [current, t]);

  const shown = pinned ?? (status === 'scheduled' ? null : current);
  return { shown, pinned, current, announcement, pick, follow };
}

/**
 * Tells the room which item's editing area has this tab's keyboard focus, so presence can say "editing <item>".
 * Sent only when it changes, and again after every (re)join: a new socket starts with no focus on the server.
 */
import { useCallback, useEffect, useRef, useState, type FocusEvent } from 'react';
import { roomEvents } from '../../shared/room-protocol';
import type { Room } from './useRoom';

export interface EditingFocus {
  /** Spread on the element that wraps an item's editing area. */
  handlers: { onFocus(event: FocusEvent): void; onBlur(event: FocusEvent): void };
}

export function useEditingFocus(room: Room, itemId: string | null, enabled: boolean): EditingFocus {
  const [focused, setFocused] = useState<string | null>(null);
  const sent = useRef<{ itemId: string | null; joins: number }>({ itemId: null, joins: 0 });
  const { send, joins } = room;

  // The item on screen changed (the chair moved the room) or editing was switched off: focus is no longer in it.
  useEffect(() => {
    if (focused !== null && (!enabled || focused !== itemId)) setFocused(null);
  }, [focused, itemId, enabled]);

  useEffect(() => {
    if (joins === 0) return;
    const last = sent.current;
    if (last.joins === joins && last.itemId === focused) return;
    // After a rejoin the server's record is empty: only a non-null focus needs repeating.
    if (last.joins !== joins && focused === null) {
      sent.current = { itemId: null, joins };
      return;
    }
    sent.current = { itemId: focused, joins };
    void send(roomEvents.focus, { itemId: focused });
  }, [focused, joins, send]);

  const onFocus = useCallback(() => {
    if (enabled && itemId) setFocused(itemId);
  }, [enabled, itemId]);
  const onBlur = useCallback((event: FocusEvent) => {
    // Moving between controls inside the same area is not leaving it.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    setFocused(null);
  }, []);
  return { handlers: { onFocus, onBlur } };
}

/**
 * Notices the server pushes to every page a person has open (not only a meeting's room): for now, "an agenda of
 * one of your series was published". The push carries ids only; the caller fetches what it shows, so what a person
 * sees is still decided by the REST endpoint's access rules.
 */
import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';
import { roomEvents, type AgendaPublishedNotice } from '../../shared/room-protocol';

/**
 * Calls `onPublished` with each notice, and with null on every (re)connection: a notice sent while this page was not
 * connected (still loading, or away) is missed, so what the caller shows is fetched again then.
 */
export function useAgendaPublished(onPublished: (notice: AgendaPublishedNotice | null) => void): void {
  const handler = useRef(onPublished);
  handler.current = onPublished;
  useEffect(() => {
    const socket = io({ transports: ['websocket'], reconnectionDelayMax: 5000, randomizationFactor: 0.5 });
    socket.on('connect', () => handler.current(null));
    socket.on(roomEvents.agendaPublished, (notice: AgendaPublishedNotice) => handler.current(notice));
    return () => {
      socket.close();
    };
  }, []);
}

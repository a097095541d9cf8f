/** The meeting's room over Socket.IO: the latest snapshot, and commands that resolve with the server's ack. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import i18next from 'i18next';
import { localised } from '../i18n';
import { roomEvents, type Ack, type RoomJoined, type RoomNotice, type RoomRevoked, type RoomSnapshot } from '../../shared/room-protocol';
import { closeCodes } from '../../shared/protocol';
import type { MeetingRole } from '../../shared/api-types';

export interface Room {
  snapshot: RoomSnapshot | null;
  connected: boolean;
  error: string | null;
  /** The server ended or narrowed this person's access to the room, and why (the screen words it). */
  revoked: RoomRevoked | null;
  /** What the server told everyone in the room (e.g. the item being discussed was removed), until the chair moves on. */
  notice: RoomNotice | null;
  /** Counts successful joins: a change means the server just gave this tab a fresh seat (first join or reconnect). */
  joins: number;
  /** Sends a command for this meeting; resolves with an error message, or null when the server accepted it. */
  send(event: string, payload?: Record<string, unknown>): Promise<string | null>;
  /** As `send`, also resolving with what the server's acknowledgement carried. */
  request(event: string, payload?: Record<string, unknown>): Promise<{ error: string | null; data: unknown }>;
}

/**
 * `pageRole`: the role the page's controls were fetched under. A join answered with another role (changed before this
 * tab joined, so no re-check could tell it) is told as a role change, like one heard while in the room.
 */
export function useRoom(meetingId: string, pageRole: MeetingRole | null = null): Room {
  const socketRef = useRef<Socket | null>(null);
  const pageRoleRef = useRef(pageRole);
  pageRoleRef.current = pageRole;
  const [snapshot, setSnapshot] = useState<RoomSnapshot | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<RoomRevoked | null>(null);
  const [joins, setJoins] = useState(0);
  const [notice, setNotice] = useState<RoomNotice | null>(null);

  useEffect(() => {
    const socket = io({ transports: ['websocket'], reconnectionDelayMax: 5000, randomizationFactor: 0.5 });
    socketRef.current = socket;
    // On every (re)connect ask to join again: the reply is the full snapshot, so nothing is missed while away.
    socket.on('connect', () => {
      setConnected(true);
      socket.emit(roomEvents.join, { meetingId }, (ack: Ack<RoomJoined>) => {
        if (ack.ok) {
          const { role, ...joined } = ack.data;
          if (pageRoleRef.current !== null && role !== pageRoleRef.current) setRevoked({ meetingId, code: closeCodes.roleChanged, cause: 'roleChanged' });
          setSnapshot(joined);
          setError(null);
          setJoins((n) => n + 1);
        } else setError(localised(ack.error.message));
      });
    });
    socket.on('disconnect', () => setConnected(false));
    // Matters arising live outside the Yjs document: tell whoever shows them to fetch again.
    socket.on(roomEvents.actionsChanged, () => window.dispatchEvent(new Event('triage:actions-changed')));
    // Worded when it happens, in the interface's language, like the server's answers (`msg` keys, localised here).
    socket.on('connect_error', (err) => setError(i18next.t(err.message === 'unauthorised' ? 'room:connection.sessionEnded' : 'room:connection.unreachable')));
    socket.on(roomEvents.revoked, (notice: RoomRevoked) => {
      if (notice.meetingId === null || notice.meetingId === meetingId) setRevoked(notice);
    });
    socket.on(roomEvents.notice, (told: RoomNotice) => {
      if (told.meetingId === meetingId) setNotice(told);
    });
    socket.on(roomEvents.snapshot, (next: RoomSnapshot) => {
      if (next.meetingId !== meetingId) return;
      setSnapshot(next);
      if (next.currentItemId !== null) setNotice(null);
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [meetingId]);

  const request = useCallback(
    (event: string, payload: Record<string, unknown> = {}) =>
      new Promise<{ error: string | null; data: unknown }>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) return resolve({ error: i18next.t('room:connection.notConnected'), data: null });
        socket.timeout(10_000).emit(event, { meetingId, ...payload }, (err: Error | null, ack: Ack<unknown>) => {
          if (err) resolve({ error: i18next.t('room:connection.noAnswer'), data: null });
          else resolve(ack.ok ? { error: null, data: ack.data } : { error: localised(ack.error.message), data: null });
        });
      }),
    [meetingId],
  );
  const send = useCallback(async (event: string, payload: Record<string, unknown> = {}) => (await request(event, payload)).error, [request]);
  return { snapshot, connected, error, revoked, notice, joins, send, request };
}

import { io as ioClient, type Socket } from 'socket.io-client';
import { roomEvents, type Ack, type RoomSnapshot } from '../../shared/room-protocol.js';

export interface RoomClient {
  socket: Socket;
  latest(): RoomSnapshot | null;
  /** Resolves with the first snapshot (already received or next) that satisfies `predicate`. */
  snapshot(predicate: (s: RoomSnapshot) => boolean): Promise<RoomSnapshot>;
  emit<T = unknown>(event: string, payload: unknown): Promise<Ack<T>>;
  close(): void;
}

export async function connectRoom(baseUrl: string, cookie: string): Promise<RoomClient> {
  const socket = ioClient(baseUrl, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  let latest: RoomSnapshot | null = null;
  const waiters = new Set<(s: RoomSnapshot) => void>();
  socket.on(roomEvents.snapshot, (s: RoomSnapshot) => {
    latest = s;
    for (const w of Array.from(waiters)) w(s);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    latest: () => latest,
    snapshot: (predicate) =>
      new Promise((resolve, reject) => {
        if (latest && predicate(latest)) return resolve(latest);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching snapshot; latest: ${JSON.stringify(latest)}`));
        }, 10_000);
        const check = (s: RoomSnapshot) => {
          if (!predicate(s)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(s);
        };
        waiters.add(check);
      }),
    emit: (event, payload) => new Promise((resolve) => socket.emit(event, payload, resolve)),
    close: () => socket.close(),
  };
}

import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WS from 'ws';
import * as decoding from 'lib0/decoding';
import { readSavedClocks, yjsPathPrefix, yjsRoomName, yMessage, type MeetingDocKind, type YjsStatusMessage } from '../../shared/protocol.js';

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  statuses: YjsStatusMessage[];
  /** Resolves when the first sync with the server completes. */
  synced: Promise<void>;
  /** Resolves when the server reports it has stored every local edit so far. */
  saved(): Promise<void>;
  /** Resolves once the server has sent a status message of this type (already or later). */
  status(type: YjsStatusMessage['type']): Promise<void>;
  /** Resolves once the server has sent at least `count` status messages of this type in all. */
  statusCount(type: YjsStatusMessage['type'], count: number): Promise<void>;
  /** This client's own clock as the server's latest 'saved' status reports it (0 before any). */
  savedClock(): number;
  /** This client's own clock in its local document: every local edit so far is stored once savedClock() reaches it. */
  ownClock(): number;
  /** Resolves with the code and reason of the first time the server closed this connection (already or later). */
  closed(): Promise<{ code: number; reason: string }>;
  /** Resolves on the next completed sync (after a reconnect, for example). */
  nextSync(): Promise<void>;
  destroy(): void;
}

export function connectYClient(
  baseUrl: string,
  meetingId: string,
  options: { headers?: Record<string, string>; doc?: MeetingDocKind; maxBackoffTime?: number } = {},
): YClient {
  const doc = new Y.Doc();
  const wsBase = baseUrl.replace(/^http/, 'ws') + yjsPathPrefix;
  const headers = options.headers;
  // y-websocket constructs `new WebSocketPolyfill(url)`; a subclass lets tests send headers such as a session cookie.
  class HeaderWS extends WS {
    constructor(url: string) {
      super(url, { headers });
    }
  }
  const provider = new WebsocketProvider(wsBase, yjsRoomName(meetingId, options.doc), doc, {
    WebSocketPolyfill: HeaderWS as unknown as typeof WebSocket,
    disableBc: true,
    ...(options.maxBackoffTime ? { maxBackoffTime: options.maxBackoffTime } : {}),
  });
  const statuses: YjsStatusMessage[] = [];
  const savedListeners = new Set<() => void>();
  const statusListeners = new Set<() => void>();
  const ownClock = () => Y.getState(doc.store, doc.clientID);
  let serverClock = 0;
  let destroyed = false;
  provider.messageHandlers[yMessage.status] = (_encoder, decoder) => {
    const status = JSON.parse(decoding.readVarString(decoder)) as YjsStatusMessage;
    statuses.push(status);
    for (const listener of statusListeners) listener();
  };
  provider.messageHandlers[yMessage.saved] = (_encoder, decoder) => {
    const clock = readSavedClocks(decoder).get(doc.clientID);
    if (clock !== undefined && clock > serverClock) serverClock = clock;
    for (const listener of savedListeners) listener();
  };
  const statusCount = (type: YjsStatusMessage['type'], count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (statuses.filter((s) => s.type === type).length < count) return;
        statusListeners.delete(check);
        resolve();
      };
      statusListeners.add(check);
      check();
    });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    provider.on('connection-close', (event) => event && resolve({ code: event.code, reason: String(event.reason) })),
  );
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    statuses,
    synced,
    saved: () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (serverClock >= ownClock()) {
            savedListeners.delete(check);
            resolve();
          }
        };
        savedListeners.add(check);
        check();
      }),
    status: (type) => statusCount(type, 1),
    savedClock: () => serverClock,
    closed: () => closed,
    ownClock,
    nextSync: () =>
      new Promise<void>((resolve) => {
        const onSync = (isSynced: boolean) => {
          if (!isSynced) return;
          provider.off('sync', onSync);
          resolve();
        };
        provider.on('sync', onSync);
      }),
    statusCount,
    // Idempotent: a test may close a client early that a harness closes again after it.
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once `predicate(doc)` holds, re-checking on every update of the doc. */
export function waitForDoc(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate(doc)) return;
      doc.off('update', check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      doc.off('update', check);
      reject(new Error('timed out waiting for the document'));
    }, timeoutMs);
    doc.on('update', check);
    check();
  });
}

/**
 * Connects a meeting's Y.Doc to the server and reports an honest save status: "saved" means the server wrote
 * every local edit to its database (after each write it tells the sender the stored clocks of the Yjs clients that
 * sender wrote, `yMessage.saved`). Edits of the shared document are also kept in this
 * browser (IndexedDB) so that work done offline survives a reload and merges when the connection returns.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  readSavedClocks,
  revocationByCloseCode,
  yjsPathPrefix,
  yjsRoomName,
  yMessage,
  type MeetingDocKind,
  type RevocationCause,
  type YjsStatusMessage,
} from '../../shared/protocol';
import type { DocRefusal, ReadOnlyReason } from '../../shared/doc-refusals';
import { controlReconnects } from './reconnect';
import { clearMeetingStore, meetingStoreName, rememberMeetingStore } from './offline-store';

export type SaveStatus = 'connecting' | 'offline' | 'reconnecting' | 'unsaved' | 'saved' | 'read-only' | 'save-failed' | 'refused';

export interface MeetingDoc {
  doc: Y.Doc;
  status: SaveStatus;
  readOnlyReason: ReadOnlyReason | null;
  /** Why the server last reverted part of this person's edit (rules of the meeting document, as codes), or null. */
  refused: DocRefusal[] | null;
  /** Hides the refusal once read. */
  dismissRefused(): void;
  /** The server closed this connection because the person's access ended: why (the screen words it). */
  revokedCause: RevocationCause | null;
  /** The live connection (null before the first effect runs and after unmount); its `awareness` carries cursors. */
  provider: WebsocketProvider | null;
}

export interface MeetingDocOptions {
  /** Keep a copy in this browser: only for people who may edit a meeting that has not ended. */
  persist: boolean;
  userId: string | null;
  /** Which document: the meeting's shared one (default) or the chair's restricted notes (the server refuses non-chairs). */
  kind?: MeetingDocKind;
}

/** True when the server is known to hold every insertion this doc has (deletions are tracked by `dirty`). */
function serverHasAll(server: Map<number, number>, doc: Y.Doc): boolean {
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) if (clock > (server.get(client) ?? 0)) return false;
  return true;
}

function mergeInto(target: Map<number, number>, source: Map<number, number>): void {
  for (const [client, clock] of source) if (clock > (target.get(client) ?? 0)) target.set(client, clock);
}

export function useMeetingDoc(meetingId: string, options: MeetingDocOptions): MeetingDoc {
  const [doc] = useState(() => new Y.Doc());
  const [status, setStatus] = useState<SaveStatus>('connecting');
  const [readOnlyReason, setReadOnlyReason] = useState<ReadOnlyReason | null>(null);
  const [refused, setRefused] = useState<DocRefusal[] | null>(null);
  const [revokedCause, setRevokedCause] = useState<RevocationCause | null>(null);
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const { persist, userId } = options;
  const kind = options.kind ?? 'shared';

  useEffect(() => {
    // The browser copy is the shared document's only: restricted notes are never kept on a device (nor cleared here).
    const storeName = persist && userId && kind === 'shared' ? meetingStoreName(userId, meetingId) : null;
    let persistence: IndexeddbPersistence | null = null;
    if (storeName) {
      rememberMeetingStore(storeName);
      persistence = new IndexeddbPersistence(storeName, doc);
    } else if (userId && kind === 'shared') {
      // A meeting that has ended (or that this person only reads) keeps no copy here, even one from earlier.
      void clearMeetingStore(meetingStoreName(userId, meetingId));
    }
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${yjsPathPrefix}`;
    const provider = new WebsocketProvider(wsUrl, yjsRoomName(meetingId, kind), doc, { disableBc: true });
    setProvider(provider);
    let connected = false;
    let synced = false;
    let everSynced = false;
    /** A local edit the server has not confirmed writing (covers deletions, which state vectors do not show). */
    let dirty = false;
    let readOnly = false;
    let saveFailing = false;
    /** What the server is known to hold: its state vector at sync, its "saved" vectors, and updates it sent us. */
    const serverState = new Map<number, number>();
    const reconnects = controlReconnects(provider, () => refresh());
    const refresh = () => {
      if (readOnly) setStatus('read-only');
      else if (!connected || !synced) {
        if (!navigator.onLine) setStatus('offline');
        else if (everSynced || reconnects.retrying) setStatus(connected ? 'connecting' : 'reconnecting');
        else setStatus('connecting');
      } else if (saveFailing) setStatus('save-failed');
      else setStatus(dirty || !serverHasAll(serverState, doc) ? 'unsaved' : 'saved');
    };
    // Peek at the server's sync step 1: its state vector says what it already holds (e.g. edits restored from this
    // browser's store after a reload are "unsaved" until the server has them).
    const syncHandler = provider.messageHandlers[yMessage.sync];
    provider.messageHandlers[yMessage.sync] = (encoder, decoder, p, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) mergeInto(serverState, Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      syncHandler(encoder, decoder, p, emitSynced, messageType);
    };
    provider.messageHandlers[yMessage.saved] = (_encoder, decoder) => {
      mergeInto(serverState, readSavedClocks(decoder));
      if (serverHasAll(serverState, doc)) dirty = false;
      refresh();
    };
    provider.messageHandlers[yMessage.status] = (_encoder, decoder) => {
      const message = JSON.parse(decoding.readVarString(decoder)) as YjsStatusMessage;
      if (message.type === 'read-only') {
        readOnly = true;
        setReadOnlyReason(message.reason);
        // Nothing more can be written: a read-only record has no reason to stay on this device.
        if (persistence && storeName) {
          void persistence.destroy().then(() => clearMeetingStore(storeName));
          persistence = null;
        }
      } else if (message.type === 'refused') setRefused(message.reasons);
      else if (message.type === 'save-failed') saveFailing = true;
      else if (message.type === 'save-recovered') saveFailing = false;
      refresh();
    };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === provider) mergeInto(serverState, Y.parseUpdateMeta(update).to);
      else if (origin !== persistence) dirty = true;
      refresh();
    };
    doc.on('update', onUpdate);
    provider.on('status', ({ status: s }) => {
      connected = s === 'connected';
      refresh();
    });
    provider.on('sync', (isSynced: boolean) => {
      synced = isSynced;
      if (isSynced) everSynced = true;
      // After a (re)connect the sync exchange carries our offline edits; the server confirms with "saved".
      refresh();
    });
    provider.on('closed', () => setStatus('refused'));
    // Access ended (signed out, expired, removed, disabled): stop retrying (it would be refused), say why, and keep
    // no copy of a meeting this person may no longer open.
    provider.on('connection-close', (event) => {
      const cause = event ? revocationByCloseCode.get(event.code) : undefined;
      if (!cause) return;
      provider.shouldConnect = false;
      setRevokedCause(cause);
      setStatus('refused');
      if (persistence && storeName) {
        void persistence.destroy().then(() => clearMeetingStore(storeName));
        persistence = null;
      }
    });
    // The browser knows before the socket does: say "offline" at once, and retry as soon as it is back.
    const onOffline = () => {
      provider.disconnect();
      refresh();
    };
    const onOnline = () => {
      reconnects.now();
      refresh();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      doc.off('update', onUpdate);
      reconnects.stop();
      setProvider(null);
      provider.destroy();
      void persistence?.destroy();
    };
  }, [doc, meetingId, persist, userId, kind]);

  useEffect(() => () => doc.destroy(), [doc]);
  return { doc, status, readOnlyReason, refused, dismissRefused: () => setRefused(null), revokedCause, provider };
}

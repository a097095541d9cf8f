/**
 * Connects a meeting's Y.Doc to the server and reports an honest save status: "saved" means the server wrote
 * every local edit to its database (after each write it tells us how far our own client's edits are stored).
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { readSavedClocks, yjsPathPrefix, yjsRoomName, yMessage, type MeetingDocKind, type YjsStatusMessage } from '../../shared/protocol';

export type SaveStatus = 'connecting' | 'offline' | 'unsaved' | 'saved' | 'read-only' | 'save-failed' | 'refused';

export interface MeetingDoc {
  doc: Y.Doc;
  status: SaveStatus;
  readOnlyReason: string | null;
  /** The live connection (null before the first effect runs and after unmount); its `awareness` carries cursors. */
  provider: WebsocketProvider | null;
}

const ownClock = (doc: Y.Doc): number => Y.getState(doc.store, doc.clientID);

/** `kind` picks the document: the meeting's shared one, or the chair's restricted notes (the server refuses non-chairs). */
export function useMeetingDoc(meetingId: string, kind: MeetingDocKind = 'shared'): MeetingDoc {
  const [doc] = useState(() => new Y.Doc());
  const [status, setStatus] = useState<SaveStatus>('connecting');
  const [readOnlyReason, setReadOnlyReason] = useState<string | null>(null);
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);

  useEffect(() => {
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${yjsPathPrefix}`;
    const provider = new WebsocketProvider(wsUrl, yjsRoomName(meetingId, kind), doc, { disableBc: true });
    setProvider(provider);
    let connected = false;
    let synced = false;
    let unsaved = false;
    let readOnly = false;
    let saveFailing = false;
    const refresh = () => {
      if (readOnly) setStatus('read-only');
      else if (!connected) setStatus(synced || unsaved ? 'offline' : 'connecting');
      else if (saveFailing) setStatus('save-failed');
      else if (!synced) setStatus('connecting');
      else setStatus(unsaved ? 'unsaved' : 'saved');
    };
    provider.messageHandlers[yMessage.saved] = (_encoder, decoder) => {
      const serverClock = readSavedClocks(decoder).get(doc.clientID);
      if (serverClock !== undefined && serverClock >= ownClock(doc)) unsaved = false;
      refresh();
    };
    provider.messageHandlers[yMessage.status] = (_encoder, decoder) => {
      const message = JSON.parse(decoding.readVarString(decoder)) as YjsStatusMessage;
      if (message.type === 'read-only') {
        readOnly = true;
        setReadOnlyReason(message.reason);
      } else if (message.type === 'save-failed') saveFailing = true;
      else if (message.type === 'save-recovered') saveFailing = false;
      refresh();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) {
        unsaved = true;
        refresh();
      }
    };
    doc.on('update', onUpdate);
    provider.on('status', ({ status: s }) => {
      connected = s === 'connected';
      refresh();
    });
    provider.on('sync', (isSynced: boolean) => {
      synced = isSynced;
      // After a (re)connect the sync exchange carries our offline edits; the server confirms with "saved".
      refresh();
    });
    provider.on('closed', () => setStatus('refused'));
    return () => {
      doc.off('update', onUpdate);
      setProvider(null);
      provider.destroy();
    };
  }, [doc, meetingId, kind]);

  useEffect(() => () => doc.destroy(), [doc]);
  return { doc, status, readOnlyReason, provider };
}

/**
 * Server-side changes to a meeting's shared Yjs document made by a command (accepting a referral writes a case
 * item). The change is built on a copy of the current document, stored as one log row inside the command's own
 * transaction, and only after the commit applied to the live room (if loaded) and sent to its clients.
 */
import * as Y from 'yjs';
import type { MeetingDocsRepo } from '../../db/meeting-docs-repo.js';
import type { YjsHost } from '../../realtime/yjs-host.js';

export interface PreparedDocChange<T> {
  result: T;
  /** Call inside the command's transaction. */
  store(): void;
  /** Call after the commit. */
  publish(): void;
}

export function createMeetingDocWriter(deps: { docs: MeetingDocsRepo; yjs: () => YjsHost | null; now: () => number }) {
  /** The document as it stands: the live room's memory when loaded (it may hold updates not yet in the log). */
  function current(meetingId: string): Y.Doc {
    const doc = new Y.Doc();
    const room = deps.yjs()?.loadedRoom(meetingId);
    if (room) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
      return doc;
    }
    const stored = deps.docs.load(meetingId, 'shared');
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  return {
    /** Reads the current document. Readers only read: a loaded room's document is read in place, not copied. */
    read<T>(meetingId: string, reader: (doc: Y.Doc) => T): T {
      const room = deps.yjs()?.loadedRoom(meetingId);
      if (room) return reader(room.doc);
      const doc = current(meetingId);
      try {
        return reader(doc);
      } finally {
        doc.destroy();
      }
    },

    prepare<T>(meetingId: string, change: (doc: Y.Doc) => T): PreparedDocChange<T> {
      const doc = current(meetingId);
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      let result: T;
      try {
        result = change(doc);
      } finally {
        doc.destroy();
      }
      const update = updates.length === 0 ? null : updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
      let seq = 0;
      return {
        result,
        store() {
          if (update) seq = deps.docs.append(meetingId, 'shared', [update], deps.now());
        },
        publish() {
          if (update && seq) deps.yjs()?.loadedRoom(meetingId)?.applyStored(update, seq);
        },
      };
    },
  };
}
export type MeetingDocWriter = ReturnType<typeof createMeetingDocWriter>;

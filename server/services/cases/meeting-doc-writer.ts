/**
 * Server-side changes to a meeting's shared Yjs document made by a command (accepting a referral writes a case
 * item). The change is built on a copy of the current document, stored as one log row through the meeting document
 * store (after the command's own transaction: the document log is the realtime write path's), and only then applied
 * to the live room (if loaded here), sent to its clients and relayed to the other processes.
 */
import * as Y from 'yjs';
import { refusedEnded, type MeetingDocStore } from '../../db/stores/meeting-docs.js';
import { AppError } from '../../errors.js';
import { msg } from '../../../shared/i18n/message.js';
import type { YjsHost } from '../../realtime/yjs-host.js';

export interface PreparedDocChange<T> {
  result: T;
  /** Stores the change (after the command's transaction has committed); a conflict if the meeting has ended. */
  store(): Promise<void>;
  /** Sends the stored change to the live room and the other processes. */
  publish(): Promise<void>;
}

export function createMeetingDocWriter(deps: { docs: Pick<MeetingDocStore, 'load' | 'appendMany'>; yjs: () => YjsHost | null; now: () => number }) {
  /** The document as it stands: the live room's memory when loaded (it may hold updates not yet in the log). */
  async function current(meetingId: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const live = deps.yjs()?.loadedRoom(meetingId);
    if (live) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc));
      return doc;
    }
    const stored = await deps.docs.load(meetingId, 'shared');
    // Loaded meanwhile: its memory is at least as new as what was read.
    const loadedMeanwhile = deps.yjs()?.loadedRoom(meetingId);
    if (loadedMeanwhile) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(loadedMeanwhile.doc));
      return doc;
    }
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  return {
    /** Reads the current document. Readers only read: a loaded room's document is read in place, not copied. */
    async read<T>(meetingId: string, reader: (doc: Y.Doc) => T): Promise<T> {
      const live = deps.yjs()?.loadedRoom(meetingId);
      if (live) return reader(live.doc);
      const doc = await current(meetingId);
      try {
        return reader(doc);
      } finally {
        doc.destroy();
      }
    },

    async prepare<T>(meetingId: string, change: (doc: Y.Doc) => T): Promise<PreparedDocChange<T>> {
      const doc = await current(meetingId);
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
        async store() {
          if (!update) return;
          const [stored] = await deps.docs.appendMany([{ meetingId, doc: 'shared', updates: [update] }], deps.now());
          // Refused (null) when the meeting ended after the command committed: the minutes were made without this
          // change, so it stays out of the document too, nothing is published, and the command is told (it undoes
          // what it recorded, accept-referral.ts) rather than reporting a change the meeting never got.
          if (stored === refusedEnded) throw new AppError('conflict', msg('room:server.meetingEnded'));
          seq = stored;
        },
        async publish() {
          if (update && seq) deps.yjs()?.applyCommitted({ meetingId, doc: 'shared', updates: [update], lastSeq: seq });
        },
      };
    },
  };
}
export type MeetingDocWriter = ReturnType<typeof createMeetingDocWriter>;

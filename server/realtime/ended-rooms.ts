/**
 * The host's memory of documents whose updates the store refused (their meeting ended on another process). A refused
 * room's memory holds edits that are in neither the log nor the minutes, so it keeps only the connections it had
 * (frozen, "retired") until they leave; a copy loaded again meanwhile is frozen because its key is remembered here.
 * A key is forgotten once no copy of that document is loaded (nor loading, nor retired): a later load reads the ended
 * meeting from storage and its upgrade already makes every connection read-only, so the set never outgrows memory.
 */
import type { MeetingDocKind } from '../../shared/protocol.js';
import type { DocRoom } from './doc-room.js';

/** Meeting ids cannot contain '/', so this key is unambiguous. */
export const roomKey = (meetingId: string, doc: MeetingDocKind): string => `${meetingId}/${doc}`;

export class EndedRooms {
  private readonly retired = new Set<DocRoom>();
  private readonly keys = new Set<string>();

  /** The store refused this document's updates. */
  markEnded(key: string): void {
    this.keys.add(key);
  }

  isEnded(key: string): boolean {
    return this.keys.has(key);
  }

  /** Keeps a refused room (it still has connections) out of the host's rooms until they leave. */
  retire(room: DocRoom): void {
    this.retired.add(room);
  }

  /** True when `room` was retired (and is no longer): its last connection left. */
  leave(room: DocRoom): boolean {
    return this.retired.delete(room);
  }

  /** A copy of `key` left memory: once none is left (`stillLoaded` says about the host's own), the key is dropped. */
  forgetIfUnloaded(key: string, stillLoaded: boolean): void {
    if (stillLoaded || !this.keys.has(key)) return;
    for (const room of this.retired) if (roomKey(room.meetingId, room.kind) === key) return;
    this.keys.delete(key);
  }

  /** Documents remembered as ended: for tests showing the memory is bounded. */
  get endedCount(): number {
    return this.keys.size;
  }

  /** The retired rooms, emptied (the host is closing). */
  drain(): DocRoom[] {
    const rooms = [...this.retired];
    this.retired.clear();
    return rooms;
  }
}

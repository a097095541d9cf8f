/**
 * Presence (Yjs awareness) as the server relays it. y-protocols' awareness trusts every frame: any client may set
 * any client id's state, to anything, of any size. Here a frame is decoded by hand and rebuilt before the room's
 * Awareness sees it:
 * - a connection speaks only for the Yjs client ids it claimed first (at most `clientIdsPerConnection`); an id
 *   another connection holds is ignored, so nobody can replace the chair's entry;
 * - `user` (name, agency, role) is written by the server from the authenticated person's record, whatever the
 *   client put there; only a caret colour of the form #rrggbb is kept from it;
 * - a state over `stateBytes` is dropped before its JSON is even decoded, and each connection has a token bucket.
 * So a late joiner's first presence message holds at most a few KiB per connection in the room.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { presenceLimits } from '../../shared/limits.js';
import type { DocWriter } from './doc-rules.js';

/** The identity every other client sees in this connection's presence. */
export interface PresenceUser {
  id: string;
  name: string;
  agency: string;
  role: string;
  color?: string;
}

const colourPattern = /^#[0-9a-fA-F]{6}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class PresenceBucket {
  private tokens: number = presenceLimits.messageBurst;
  private last: number;
  constructor(private readonly now: () => number) {
    this.last = now();
  }
  take(): boolean {
    const at = this.now();
    this.tokens = Math.min(presenceLimits.messageBurst, this.tokens + ((at - this.last) / 1000) * presenceLimits.messagesPerSecond);
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface PresenceClaims {
  /** Which connection holds each Yjs client id (first claim wins until that connection leaves). */
  holderOf(clientId: number): unknown;
  /** The person writing on a connection that holds an id. */
  personOf(conn: unknown): string | undefined;
  /** The ids this connection holds. */
  heldBy(conn: unknown): Set<number>;
  claim(clientId: number, conn: unknown): void;
}

/**
 * Rebuilds one awareness update from `conn`, keeping only entries it may set, with the server's identity in them.
 * Returns null when nothing is left. Throws on a malformed frame (the caller closes the connection).
 */
export function sanitisePresence(update: Uint8Array, conn: unknown, writer: DocWriter | undefined, claims: PresenceClaims): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: { clientId: number; clock: number; json: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // Read the bytes without decoding them: a 7 MB state is refused by its length alone.
    const bytes = decoding.readVarUint8Array(decoder);
    if (!writer || bytes.length > presenceLimits.stateBytes) continue;
    const state: unknown = JSON.parse(utf8.decode(bytes));
    let holder = claims.holderOf(clientId);
    // The same person's new connection (a reconnect while the old socket has not timed out yet) takes it over.
    if (holder !== undefined && holder !== conn && claims.personOf(holder) === writer.personId) holder = undefined;
    if (holder !== undefined && holder !== conn) continue;
    if (state === null) {
      // Leaving: only for an id this connection holds.
      if (holder === conn) kept.push({ clientId, clock, json: 'null' });
      continue;
    }
    if (typeof state !== 'object' || Array.isArray(state)) continue;
    if (holder === undefined) {
      if (claims.heldBy(conn).size >= presenceLimits.clientIdsPerConnection) continue;
      claims.claim(clientId, conn);
    }
    const clientUser = (state as { user?: { color?: unknown } }).user;
    const color = typeof clientUser?.color === 'string' && colourPattern.test(clientUser.color) ? clientUser.color : undefined;
    const user: PresenceUser = { id: writer.personId, name: writer.name, agency: writer.agencyName, role: writer.role, ...(color ? { color } : {}) };
    const json = JSON.stringify({ ...(state as object), user });
    // The server's own fields can push a state just over the cap; it stays small either way.
    if (json.length > presenceLimits.stateBytes + 512) continue;
    kept.push({ clientId, clock, json });
  }
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const { clientId, clock, json } of kept) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

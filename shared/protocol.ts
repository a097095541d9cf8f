/**
 * What travels between client and server: paths, message types, close codes, error shape.
 * Both ends import this file; nothing here touches Node or the DOM.
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { DocRefusal, ReadOnlyReason } from './doc-refusals.js';

/** 2: "saved" became its own binary message (type 101) carrying only the sender's clocks. */
export const protocolVersion = 2;

export const yjsPathPrefix = '/yjs';
/** A meeting has two Yjs documents: the shared one everyone in the meeting opens, and the chair's restricted notes. */
export const meetingDocKinds = ['shared', 'restricted'] as const;
export type MeetingDocKind = (typeof meetingDocKinds)[number];

/** y-websocket's "room name", appended to the prefix: `<meetingId>` or `<meetingId>/restricted`. */
export const yjsRoomName = (meetingId: string, doc: MeetingDocKind = 'shared'): string =>
  doc === 'shared' ? encodeURIComponent(meetingId) : `${encodeURIComponent(meetingId)}/${doc}`;
export const yjsUrlPath = (meetingId: string, doc: MeetingDocKind = 'shared') => `${yjsPathPrefix}/${yjsRoomName(meetingId, doc)}`;

export interface YjsDocAddress {
  meetingId: string;
  doc: MeetingDocKind;
}

/** `/yjs/<meetingId>` → shared, `/yjs/<meetingId>/restricted` → restricted; anything else → null. */
export const parseYjsPath = (pathname: string): YjsDocAddress | null => {
  const match = /^\/yjs\/([A-Za-z0-9_-]{1,64})(?:\/(restricted))?$/.exec(pathname);
  if (!match) return null;
  return { meetingId: match[1], doc: match[2] === 'restricted' ? 'restricted' : 'shared' };
};

/** y-websocket message types: the standard ones plus our own status channel. */
export const yMessage = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Server → client: JSON status (read-only, save failure, recovery). */
  status: 100,
  /**
   * Server → client, after the write: "saved". Binary: varUint n, then n × (varUint clientId, varUint clock) — the
   * server has stored every struct of that client below that clock. After an update: only the client ids the
   * receiving connection itself wrote, so it stays a few bytes. Once per connection, in answer to its sync step 1:
   * the document's ids its state vector holds (at most 512), so a client whose acknowledgement was lost with a
   * killed server learns that its edits are stored without having to edit again.
   */
  saved: 101,
} as const;

export type SavedClocks = Map<number, number>;

/** The body of a `yMessage.saved` message (after its type), written into `encoder`. */
export function writeSavedClocks(encoder: encoding.Encoder, clocks: Iterable<[number, number]>): void {
  const entries = Array.from(clocks);
  encoding.writeVarUint(encoder, entries.length);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
}

/** Reads the body of a `yMessage.saved` message (the decoder is past its type). */
export function readSavedClocks(decoder: decoding.Decoder): SavedClocks {
  const clocks: SavedClocks = new Map();
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) clocks.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
  return clocks;
}

/** Reasons travel as codes (shared/doc-refusals.ts); the screen words them in the reader's language. */
export type YjsStatusMessage =
  | { type: 'read-only'; reason: ReadOnlyReason }
  | { type: 'save-failed' }
  | { type: 'save-recovered' }
  /** Part of this client's last edit broke a rule of the meeting document and was reverted for everyone. */
  | { type: 'refused'; reasons: DocRefusal[] };

/**
 * WebSocket close codes. 4400–4499 are permanent (y-websocket stops reconnecting);
 * 4500–4599 invite a retry.
 */
export const closeCodes = {
  malformedMessage: 4400,
  unauthorised: 4401,
  forbidden: 4403,
  notFound: 4404,
  frameTooLarge: 4413,
  /** Access ended while connected (permanent: reconnecting would be refused). The client shows `revokedMessages`. */
  signedOut: 4420,
  sessionExpired: 4421,
  accessRemoved: 4422,
  accountDisabled: 4423,
  /** The person's role no longer allows this document (e.g. a chair's restricted notes after a role change). */
  roleChanged: 4424,
  serverShuttingDown: 4503,
} as const;

/**
 * Why someone's live connection was closed or made read-only; the server sends it (also as the WebSocket close
 * reason), the meeting screen words it (`room:revoked.<cause>`).
 */
export type RevocationCause = 'signedOut' | 'sessionExpired' | 'accessRemoved' | 'accountDisabled' | 'roleChanged';

/** Close code → cause, for a client reading a WebSocket close. */
export const revocationByCloseCode = new Map<number, RevocationCause>(
  (['signedOut', 'sessionExpired', 'accessRemoved', 'accountDisabled', 'roleChanged'] as const).map((cause) => [closeCodes[cause], cause]),
);

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorised',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  /** A passing fault (database busy, disk full): nothing was written; the same request can be retried. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Per-field messages of a 422, keyed by the body field's path (`startsAt`, `cadence.time`, `template.2.title`). */
export type FieldErrors = Record<string, string>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}

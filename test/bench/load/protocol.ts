/**
 * The wire protocol as the load clients speak it, for both framings:
 *  - y-websocket: [type][payload] (ours adds type 100 = JSON status and 101 = "saved" clocks);
 *  - Hocuspocus: [document name as varString][type][payload], and an Auth (type 2, Token) message first.
 * Plus a cheap reader for the benchmark stamp `{sender, seq, t}` embedded in each update.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Framing } from '../servers/types.js';
import { readSavedClocks } from '../../../shared/protocol.js';

const msgSync = 0;
const msgAwareness = 1;
const msgAuth = 2;
const msgStatus = 100; // ours: JSON status
const msgSaved = 101; // ours: binary "saved" with the sender's own clocks
const hpSyncStatus = 8; // Hocuspocus: "update applied"
const hpClose = 7;
const step1 = 0;
const step2 = 1;
const stepUpdate = 2;

export interface Stamp {
  sender: number;
  seq: number;
  t: number;
}

export type Incoming =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2' | 'update'; update: Uint8Array }
  | { kind: 'saved'; clocks: Map<number, number> }
  | { kind: 'status'; status: string }
  | { kind: 'authenticated' }
  | { kind: 'denied'; reason: string }
  | { kind: 'closed'; reason: string }
  | { kind: 'other' };

function frame(framing: Framing, room: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  if (framing === 'hocuspocus') encoding.writeVarString(e, room);
  write(e);
  return encoding.toUint8Array(e);
}

const emptyStateVector = Y.encodeStateVector(new Y.Doc());

/** What a client sends on open: (Hocuspocus: Auth token, then) SyncStep1 with an empty state vector = "send me everything". */
export function openingFrames(framing: Framing, room: string): Uint8Array[] {
  const syncStep1 = frame(framing, room, (e) => {
    encoding.writeVarUint(e, msgSync);
    encoding.writeVarUint(e, step1);
    encoding.writeVarUint8Array(e, emptyStateVector);
  });
  if (framing !== 'hocuspocus') return [syncStep1];
  const auth = frame(framing, room, (e) => {
    encoding.writeVarUint(e, msgAuth);
    encoding.writeVarUint(e, 0); // AuthMessageType.Token
    encoding.writeVarString(e, 'bench-token');
  });
  return [auth, syncStep1];
}

export function syncFrame(framing: Framing, room: string, kind: 'step2' | 'update', update: Uint8Array): Uint8Array {
  return frame(framing, room, (e) => {
    encoding.writeVarUint(e, msgSync);
    encoding.writeVarUint(e, kind === 'step2' ? step2 : stepUpdate);
    encoding.writeVarUint8Array(e, update);
  });
}

export function parseIncoming(framing: Framing, data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  if (framing === 'hocuspocus') decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  if (type === msgSync || (framing === 'hocuspocus' && type === 4)) {
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === step1) return { kind: 'step1', stateVector: payload };
    return { kind: sub === step2 ? 'step2' : 'update', update: payload };
  }
  if (type === msgAwareness) return { kind: 'other' };
  if (framing === 'y-websocket' && type === msgSaved) return { kind: 'saved', clocks: readSavedClocks(d) };
  if (framing === 'y-websocket' && type === msgStatus) {
    const status = JSON.parse(decoding.readVarString(d)) as { type: string };
    return { kind: 'status', status: status.type };
  }
  if (framing === 'hocuspocus' && type === msgAuth) {
    const authType = decoding.readVarUint(d);
    if (authType === 2) return { kind: 'authenticated' };
    if (authType === 1) return { kind: 'denied', reason: decoding.readVarString(d) };
    return { kind: 'other' };
  }
  if (framing === 'hocuspocus' && type === hpClose) return { kind: 'closed', reason: decoding.readVarString(d) };
  if (framing === 'hocuspocus' && type === hpSyncStatus) return { kind: 'other' };
  return { kind: 'other' };
}

export interface StampedStruct {
  client: number;
  clock: number;
  stamp: Stamp;
}

const isStamp = (v: unknown): v is Stamp =>
  typeof v === 'object' && v !== null && typeof (v as Stamp).t === 'number' && typeof (v as Stamp).sender === 'number';

/**
 * The stamps in an update. Fast path: the usual shape (one client, one Item whose content is ContentAny with one
 * value), read field by field as Yjs's UpdateEncoderV1 writes it; anything else goes through Y.decodeUpdate.
 */
export function readStamps(update: Uint8Array): StampedStruct[] {
  try {
    const d = decoding.createDecoder(update);
    if (decoding.readVarUint(d) === 1 && decoding.readVarUint(d) === 1) {
      const client = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const info = decoding.readUint8(d);
      if ((info & 0x1f) === 8) {
        if (info & 0x80) (decoding.readVarUint(d), decoding.readVarUint(d));
        if (info & 0x40) (decoding.readVarUint(d), decoding.readVarUint(d));
        if ((info & 0xc0) === 0) {
          if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
          else (decoding.readVarUint(d), decoding.readVarUint(d));
          if (info & 0x20) decoding.readVarString(d);
        }
        if (decoding.readVarUint(d) === 1) {
          const value = decoding.readAny(d);
          if (isStamp(value)) return [{ client, clock, stamp: value }];
        }
      }
    }
  } catch {
    // fall through to the full decoder
  }
  const out: StampedStruct[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    struct.content.arr.forEach((value, i) => {
      if (isStamp(value)) out.push({ client: struct.id.client, clock: struct.id.clock + i, stamp: value });
    });
  }
  return out;
}

import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { messageYjsUpdate } from 'y-protocols/sync';
import { yMessage } from '../../shared/protocol.js';
import type { DocWriter } from './doc-rules.js';
import { varUintBytes, writeVarUint } from '../varuint.js';

/** A connection as a room knows it (send / close), never a socket, so rooms can be tested without a network. */
export interface RoomConnection {
  readonly id: string;
  /** Observers and anyone in an ended meeting: their document updates are dropped. */
  readOnly: boolean;
  /**
   * Who writes on this connection, from the server's records at the upgrade. A room that keeps rules drops the
   * updates of a connection without one, and its presence carries this identity whatever the client says.
   */
  writer?: DocWriter;
  send(message: Uint8Array): void;
  /**
   * Sends a message that goes to many connections, framed once for all of them (`SharedMessage`); a connection
   * without it is sent the message itself.
   */
  sendShared?(message: SharedMessage): void;
  close(code: number, reason: string): void;
}

/**
 * A message for many connections. A server's WebSocket frames are not masked, so the frame's bytes are the same for
 * every receiver: built once (header and payload in one buffer), each socket gets one plain write, instead of each
 * send framing it again (a header buffer, cork, a two-buffer writev). Measured with test/bench/micro/broadcast.ts.
 */
export class SharedMessage {
  /** `framed`: the frame already built around `message` (`syncUpdate`), else built on first use. */
  constructor(
    readonly message: Uint8Array,
    private framed: Buffer | null = null,
  ) {}

  /**
   * A sync update message (`[sync, update, length, bytes]`, as y-protocols writes it) built inside its frame: one
   * buffer and one copy of the update, where encoding the message and then framing it took three of each.
   */
  static syncUpdate(update: Uint8Array): SharedMessage {
    const length = 2 + varUintBytes(update.length) + update.length;
    const frame = Buffer.allocUnsafe(frameHeadBytes(length) + length);
    let at = writeFrameHead(frame, length);
    const head = at;
    // Both below 128: one varUint byte each, as lib0 writes them.
    frame[at++] = yMessage.sync;
    frame[at++] = messageYjsUpdate;
    at = writeVarUint(frame, at, update.length);
    frame.set(update, at);
    return new SharedMessage(frame.subarray(head), frame);
  }

  /** The message as one final binary WebSocket frame (RFC 6455 §5.2, unmasked). */
  get frame(): Buffer {
    this.framed ??= frameOf(this.message);
    return this.framed;
  }
}

/** `message` as one final binary WebSocket frame (RFC 6455 §5.2, unmasked): head and payload in one buffer. */
function frameOf(message: Uint8Array): Buffer {
  const length = message.length;
  const frame = Buffer.allocUnsafe(frameHeadBytes(length) + length);
  frame.set(message, writeFrameHead(frame, length));
  return frame;
}

/**
 * Messages to one connection up to this size are framed here and written in one piece; larger ones (a document's
 * state to a joiner) go through ws, which writes the head and the payload without copying the payload.
 */
export const framedSendMaxBytes = 16 * 1024;

const frameHeadBytes = (length: number): number => (length < 126 ? 2 : length < 65536 ? 4 : 10);

/** Writes the head of a final binary frame of `length` payload bytes; returns where the payload starts. */
function writeFrameHead(frame: Buffer, length: number): number {
  frame[0] = 0x82; // FIN, binary
  if (length < 126) {
    frame[1] = length;
    return 2;
  }
  if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
    return 4;
  }
  frame[1] = 127;
  frame.writeBigUInt64BE(BigInt(length), 2);
  return 10;
}

/** Sends `shared` to each connection (framed once, for those that take frames). */
export function sendToAll(conns: Iterable<RoomConnection>, shared: SharedMessage, except: RoomConnection | null = null): void {
  for (const conn of conns) {
    if (conn === except) continue;
    if (conn.sendShared) conn.sendShared(shared);
    else conn.send(shared.message);
  }
}

/**
 * A room's view of a WebSocket. One object per connection with its methods on the prototype (at 3,000 connections,
 * closures per connection were megabytes of heap). A broadcast's frame goes straight to the socket: ws queues
 * nothing of its own here (no compression is negotiated and no Blob is ever sent), so its sends and these writes
 * reach the socket in the order they are made.
 */
export class SocketConnection implements RoomConnection {
  constructor(
    private readonly ws: WebSocket,
    readonly id: string,
    public readOnly: boolean,
    public writer: DocWriter | undefined,
  ) {}

  /**
   * A small message (a "saved", a status, presence) is framed here and written in one piece: through ws it was a
   * head buffer, a cork, two writes and a `writev` — for "saved", sent after every commit to each editor whose update
   * it stored, ~4 % of the server's CPU samples at 100 meetings × 30 clients × 5 updates/s (README, session 22).
   */
  send(message: Uint8Array): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    const socket = message.length <= framedSendMaxBytes ? this.socket() : null;
    if (socket) socket.write(frameOf(message));
    else ws.send(message);
  }

  sendShared(shared: SharedMessage): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    const socket = this.socket();
    if (socket) socket.write(shared.frame);
    else ws.send(shared.message);
  }

  /** ws's socket while it takes writes, else null (then ws sends, or drops what it cannot send, as before). */
  private socket(): Duplex | null {
    const socket = (this.ws as unknown as { _socket?: Duplex })._socket;
    return socket?.writable ? socket : null;
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }
}

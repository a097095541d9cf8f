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
  /**
   * Sends a message that may wait up to `deferredSendMs` to go out in the same write as the connection's next frame
   * ("saved"); a connection without it sends the message at once.
   */
  sendDeferred?(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * How long a deferred message waits at most for another frame to ride with. "Saved" is owed to every sender after
 * every commit (one per sender per 50 ms commit): sent on its own it was one more socket write per update, and those
 * writes were 12 % of the event loop's busy time at 100 meetings × 30 clients × 5 updates/s (a CPU profile: as much
 * as the four broadcast writes of any update, four times the commit itself). In a meeting where others are typing the
 * next update to that editor comes well within this (at 5 updates/s, 7 times in 10) and carries it for free; an
 * editor alone hears "saved" at most this much later.
 */
export const deferredSendMs = 250;

/** The connections holding a deferred message, in the order they were deferred (so each is due after the one before). */
class DeferredSends {
  private readonly due = new Map<SocketConnection, number>();
  private timer: NodeJS.Timeout | null = null;

  add(conn: SocketConnection): void {
    if (this.due.has(conn)) return;
    this.due.set(conn, Date.now() + deferredSendMs);
    if (!this.timer) this.arm(deferredSendMs);
  }

  delete(conn: SocketConnection): void {
    this.due.delete(conn);
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.flushDue(), ms);
    this.timer.unref();
  }

  private flushDue(): void {
    this.timer = null;
    const now = Date.now();
    for (const [conn, at] of this.due) {
      if (at > now) return this.arm(at - now);
      // A Map may lose the entry being visited: the entries after it are still visited.
      this.due.delete(conn);
      conn.flushDeferred();
    }
  }
}

const deferredSends = new DeferredSends();

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
    if (this.framed) return this.framed;
    const length = this.message.length;
    const frame = Buffer.allocUnsafe(frameHeadBytes(length) + length);
    frame.set(this.message, writeFrameHead(frame, length));
    this.framed = frame;
    return frame;
  }
}

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
  /** Deferred frames not yet written (`sendDeferred`). */
  private deferred: Buffer | null = null;

  constructor(
    private readonly ws: WebSocket,
    readonly id: string,
    public readOnly: boolean,
    public writer: DocWriter | undefined,
  ) {}

  send(message: Uint8Array): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    const waiting = this.takeDeferred();
    const socket = this.socket();
    if (!waiting || !socket?.writable) return void ws.send(message);
    // One write for both: ws's own cork inside ours writes nothing until ours is lifted.
    socket.cork();
    socket.write(waiting);
    ws.send(message);
    socket.uncork();
  }

  sendShared(shared: SharedMessage): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    const waiting = this.takeDeferred();
    const socket = this.socket();
    if (socket?.writable) socket.write(waiting ? Buffer.concat([waiting, shared.frame]) : shared.frame);
    else ws.send(shared.message);
  }

  sendDeferred(message: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const frame = new SharedMessage(message).frame;
    this.deferred = this.deferred ? Buffer.concat([this.deferred, frame]) : frame;
    deferredSends.add(this);
  }

  /** Writes the deferred frames now (their time is up, or the connection closes). */
  flushDeferred(): void {
    const waiting = this.takeDeferred();
    if (!waiting || this.ws.readyState !== this.ws.OPEN) return;
    const socket = this.socket();
    if (socket?.writable) socket.write(waiting);
  }

  close(code: number, reason: string): void {
    this.flushDeferred();
    this.ws.close(code, reason);
  }

  private takeDeferred(): Buffer | null {
    const waiting = this.deferred;
    if (waiting) {
      this.deferred = null;
      deferredSends.delete(this);
    }
    return waiting;
  }

  private socket(): Duplex | undefined {
    return (this.ws as unknown as { _socket?: Duplex })._socket;
  }
}

/**
 * The load generator's WebSocket client: RFC 6455 on a plain TCP socket, as little work per received message as
 * possible, so the generator's own pauses stay out of the latencies it measures.
 *
 * Why not `ws`: with 3,000 sockets the generator's young-generation collections took 6–9 ms several times a second,
 * and what survived them (promoted, then collected by the major GCs behind the 40–80 ms stalls) was mostly the read
 * path's per-message objects: Node's stream machinery for each read (a Buffer, `maybeReadMore`'s tick) and `ws`'s
 * receiver (its Writable, frame info, fragment arrays). Here each socket reads through `net`'s `onread` into ONE
 * buffer shared by every socket (a read's callback runs to the end before the next read), frames are parsed in place,
 * and a message is handed on as a view of that buffer, valid during the callback only; only a frame split across two
 * reads is copied. Every server gets the same client, so the comparison stays like for like.
 *
 * Scope: what the benchmark needs. A client (masked frames out, unmasked in), binary and text messages, fragmented
 * messages, ping answered with pong, close answered and ended; no extensions (no permessage-deflate offered).
 */
import crypto from 'node:crypto';
import net from 'node:net';

export interface RawWsHandlers {
  open(): void;
  /** A message, as a view valid only during this call (copy what you keep). */
  message(data: Uint8Array): void;
  /** Refused upgrade: the HTTP status. */
  refused(status: number): void;
  close(): void;
  error(err: Error): void;
}

const shared = Buffer.allocUnsafe(256 * 1024);
const maskPool = crypto.randomBytes(64 * 1024);
let maskAt = 0;
const headerEnd = Buffer.from('\r\n\r\n');

const opContinuation = 0x0;
const opText = 0x1;
const opBinary = 0x2;
const opClose = 0x8;
const opPing = 0x9;

export class RawWebSocket {
  private readonly socket: net.Socket;
  private opened = false;
  private ended = false;
  /** Bytes of a frame (or of the HTTP response) split across reads, waiting for the rest. */
  private partial: Buffer | null = null;
  private fragments: Buffer[] | null = null;
  private readonly key = crypto.randomBytes(16).toString('base64');

  constructor(url: string, headers: Record<string, string>, private readonly on: RawWsHandlers) {
    const target = new URL(url);
    const port = Number(target.port || 80);
    this.socket = net.connect({ host: target.hostname, port, noDelay: true, onread: { buffer: shared, callback: (n) => (this.read(n), true) } });
    this.socket.on('connect', () => {
      const lines = [
        `GET ${target.pathname}${target.search} HTTP/1.1`,
        `Host: ${target.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${this.key}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    this.socket.on('error', (err) => this.on.error(err));
    this.socket.on('close', () => {
      if (this.ended) return;
      this.ended = true;
      this.on.close();
    });
  }

  get open(): boolean {
    return this.opened && !this.ended;
  }

  /** Sends one binary message (masked, as a client must). */
  send(data: Uint8Array): void {
    if (!this.open) return;
    const length = data.length;
    const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(head + 4 + length);
    frame[0] = 0x80 | opBinary;
    if (length < 126) frame[1] = 0x80 | length;
    else if (length < 65536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    this.writeMasked(frame, head, data);
  }

  private writeMasked(frame: Buffer, head: number, data: Uint8Array): void {
    if (maskAt + 4 > maskPool.length) maskAt = 0;
    const m0 = maskPool[maskAt];
    const m1 = maskPool[maskAt + 1];
    const m2 = maskPool[maskAt + 2];
    const m3 = maskPool[maskAt + 3];
    maskAt += 4;
    frame[head] = m0;
    frame[head + 1] = m1;
    frame[head + 2] = m2;
    frame[head + 3] = m3;
    const at = head + 4;
    for (let i = 0; i < data.length; i++) frame[at + i] = data[i] ^ (i % 4 === 0 ? m0 : i % 4 === 1 ? m1 : i % 4 === 2 ? m2 : m3);
    this.socket.write(frame);
  }

  private control(opcode: number, payload: Uint8Array): void {
    if (this.ended) return;
    const frame = Buffer.allocUnsafe(2 + 4 + payload.length);
    frame[0] = 0x80 | opcode;
    frame[1] = 0x80 | payload.length;
    this.writeMasked(frame, 2, payload);
  }

  /** Closes the TCP connection at once (as `ws`'s terminate). */
  terminate(): void {
    if (this.ended) return;
    this.ended = true;
    this.socket.destroy();
  }

  private read(n: number): void {
    let data = shared.subarray(0, n);
    if (this.partial) {
      data = Buffer.concat([this.partial, data]);
      this.partial = null;
    }
    let at = this.opened ? 0 : this.handshake(data);
    if (at < 0) return;
    while (at < data.length && !this.ended) {
      const used = this.frame(data, at);
      if (used === 0) break;
      at += used;
    }
    // What is left is an incomplete frame: the shared buffer is overwritten by the next read, so it is copied.
    if (at < data.length && !this.ended) this.partial = Buffer.from(data.subarray(at));
  }

  /** Reads the HTTP response to the upgrade: where the frames start, or -1 (incomplete, refused). */
  private handshake(data: Buffer): number {
    const end = data.indexOf(headerEnd);
    if (end < 0) {
      this.partial = Buffer.from(data);
      return -1;
    }
    const head = data.toString('latin1', 0, end);
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
    const accept = crypto.createHash('sha1').update(`${this.key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    if (status !== 101 || !head.toLowerCase().includes(`sec-websocket-accept: ${accept.toLowerCase()}`)) {
      this.terminate();
      this.on.refused(status);
      return -1;
    }
    this.opened = true;
    this.on.open();
    return end + headerEnd.length;
  }

  /** Parses one frame at `at`: the bytes it took, or 0 when it is not all here yet. */
  private frame(data: Buffer, at: number): number {
    if (data.length - at < 2) return 0;
    const b0 = data[at];
    const b1 = data[at + 1];
    let length = b1 & 0x7f;
    let head = 2;
    if (length === 126) {
      if (data.length - at < 4) return 0;
      length = data.readUInt16BE(at + 2);
      head = 4;
    } else if (length === 127) {
      if (data.length - at < 10) return 0;
      length = Number(data.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (b1 & 0x80) {
      // A server never masks: a protocol error.
      this.terminate();
      this.on.error(new Error('masked frame from the server'));
      return 0;
    }
    if (data.length - at < head + length) return 0;
    const payload = data.subarray(at + head, at + head + length);
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    if (opcode === opBinary || opcode === opText) {
      if (fin) this.on.message(payload);
      else this.fragments = [Buffer.from(payload)];
    } else if (opcode === opContinuation && this.fragments) {
      this.fragments.push(Buffer.from(payload));
      if (fin) {
        const whole = Buffer.concat(this.fragments);
        this.fragments = null;
        this.on.message(whole);
      }
    } else if (opcode === opPing) this.control(0xa, payload);
    else if (opcode === opClose) {
      this.control(opClose, payload.subarray(0, 2));
      this.socket.end();
    }
    return head + length;
  }
}

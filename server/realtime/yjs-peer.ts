/**
 * One Yjs WebSocket in a room, as the host holds it: the room's connection (`conn`), what the access tracking may do
 * to it (make it read-only, change its writer, close it for lost access), and its frames, handled in order. One
 * object per connection with its methods on the prototype: the closures it replaced (seven per connection, with their
 * scopes) were ~2 MiB of heap at 3,000 connections.
 */
import type { WebSocket } from 'ws';
import { closeCodes, type YjsDocAddress } from '../../shared/protocol.js';
import { newId } from '../../shared/ids.js';
import type { ReadOnlyReason } from '../../shared/doc-refusals.js';
import type { DocRoom } from './doc-room.js';
import type { DocWriter } from './doc-rules.js';
import { SocketConnection } from './room-connection.js';
import type { TrackedYjsConnection, YjsAccess, YjsTracking } from './yjs-host.js';
import type { Logger } from '../logger.js';

/** A y-websocket sync message carrying a document update (step 2 or update), as opposed to a state vector. */
const isDocumentUpdate = (bytes: Uint8Array): boolean => bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2);

export class YjsPeer implements TrackedYjsConnection {
  readonly conn: SocketConnection;
  /** Whatever may revoke it (the live connections registry); set once, right after it joins. */
  tracking: YjsTracking | undefined;
  /** Closed for lost access: frames still in flight are ignored, so nothing sent after is stored. */
  private revoked = false;

  constructor(
    private readonly ws: WebSocket,
    readonly address: YjsDocAddress,
    readonly access: YjsAccess,
    private readonly room: DocRoom,
    private readonly logger: Logger,
  ) {
    this.conn = new SocketConnection(ws, newId(8), access.readOnly, access.writer);
  }

  get readOnly(): boolean {
    return this.conn.readOnly;
  }

  makeReadOnly(reason: ReadOnlyReason): void {
    this.room.restrict(this.conn, reason);
  }

  setWriter(writer: DocWriter): void {
    this.conn.writer = writer;
  }

  /** Closed for lost access, now: any frame it still sends is ignored. */
  close(code: number, reason: string): void {
    this.revoked = true;
    this.conn.readOnly = true;
    this.ws.close(code, reason);
  }

  /**
   * One frame from the client. An event handler: whatever goes wrong in here (the session check reads the database)
   * ends this connection with "retry", never the process.
   */
  handle(data: WebSocket.RawData, isBinary: boolean): void {
    const { conn, tracking } = this;
    try {
      if (this.revoked || (tracking && !tracking.frameAllowed())) return;
      if (!isBinary) return conn.close(closeCodes.malformedMessage, 'binary-frames-only');
      // ws hands over a Buffer of its own (binaryType nodebuffer): read it in place, no copy per frame.
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      const message = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (tracking && isDocumentUpdate(message)) tracking.edited();
      if (this.revoked) return; // counting the activity found the session already over
      this.room.handleMessage(conn, message);
    } catch (err) {
      this.logger.error({ meetingId: this.address.meetingId, doc: this.address.doc, err: (err as Error).message }, 'handling a yjs message failed');
      conn.close(closeCodes.serverShuttingDown, 'server-error');
    }
  }
}

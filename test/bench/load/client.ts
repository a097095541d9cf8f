/**
 * One load client: a raw WebSocket (raw-ws.ts: lighter than `ws`, so the generator's own pauses stay small) speaking
 * y-websocket (or Hocuspocus) framing with y-protocols/sync messages, lighter than WebsocketProvider. It keeps a Y.Doc with only its own edits (enough to produce valid updates and to
 * answer the server's SyncStep1, as a real client would) and never applies what it receives.
 */
import * as Y from 'yjs';
import { RawWebSocket } from './raw-ws.js';
import { openingFrames, parseIncoming, readStamps, syncFrame, type StampedStruct } from './protocol.js';
import type { ClientTarget } from '../servers/types.js';

export const nowMs = (): number => performance.timeOrigin + performance.now();

export interface ClientEvents {
  /** Stamped updates received from the server (not SyncStep2 contents). */
  onStamps(receiver: LoadClient, stamps: StampedStruct[]): void;
  onClose?(client: LoadClient): void;
}

export class LoadClient {
  readonly doc = new Y.Doc({ gc: true });
  private readonly map: Y.Map<unknown>;
  private ws: RawWebSocket | null = null;
  private lastUpdate: Uint8Array | null = null;
  /** Own updates acknowledged by the server, as a clock: every update below it was acknowledged. */
  acked = 0;
  synced = false;
  /** Set on every (re)sync: how much of this client's own history (a clock) the server's full state contained. */
  serverHadAtLastSync = 0;
  updatesReceived = 0;
  statuses: string[] = [];
  /** When `keepState`, the full state from the last sync is applied here (late joiners check their document). */
  lastState: Y.Doc | null = null;

  constructor(
    readonly room: string,
    readonly clientId: number,
    private readonly target: ClientTarget,
    private readonly events: ClientEvents,
    private readonly keepState = false,
  ) {
    this.doc.clientID = clientId;
    this.map = this.doc.getMap('bench');
    this.doc.on('update', (update: Uint8Array) => {
      this.lastUpdate = update;
    });
  }

  get clock(): number {
    return Y.getState(this.doc.store, this.clientId);
  }

  get open(): boolean {
    return this.ws !== null && this.ws.open;
  }

  /** Opens a socket and resolves once the server's SyncStep2 (the full state) has arrived. */
  connect(timeoutMs: number): Promise<void> {
    this.synced = false;
    const framing = this.target.framing;
    let ws: RawWebSocket | null = null;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`not synced after ${timeoutMs} ms`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        if (!this.synced) ws?.terminate();
        reject(err);
      };
      ws = new RawWebSocket(this.target.url(this.room), this.target.headers?.() ?? {}, {
        open: () => {
          for (const frame of openingFrames(framing, this.room)) ws!.send(frame);
        },
        refused: (status) => fail(new Error(`upgrade refused: HTTP ${status}`)),
        error: (err) => fail(err),
        close: () => {
          if (this.ws !== ws) return; // a socket this client already let go of
          if (!this.synced) fail(new Error('closed before sync'));
          this.synced = false;
          this.events.onClose?.(this);
        },
        message: (data) => this.onMessage(ws!, data, () => {
          this.synced = true;
          clearTimeout(timer);
          resolve();
        }, fail),
      });
      this.ws = ws;
    });
  }

  /** One message from the server (`data` is valid during this call only: raw-ws.ts). */
  private onMessage(ws: RawWebSocket, data: Uint8Array, synced: () => void, fail: (err: Error) => void): void {
    const message = parseIncoming(this.target.framing, data);
    switch (message.kind) {
      case 'step1':
        ws.send(syncFrame(this.target.framing, this.room, 'step2', Y.encodeStateAsUpdate(this.doc, message.stateVector)));
        break;
      case 'step2':
        if (!this.synced) {
          this.onFullState(message.update);
          synced();
        }
        break;
      case 'update': {
        this.updatesReceived++;
        const stamps = readStamps(message.update);
        if (stamps.length > 0) this.events.onStamps(this, stamps);
        break;
      }
      case 'saved': {
        const clock = message.clocks.get(this.clientId) ?? 0;
        if (clock > this.acked) this.acked = clock;
        break;
      }
      case 'status':
        this.statuses.push(message.status);
        break;
      case 'denied':
        fail(new Error(`permission denied: ${message.reason}`));
        break;
      default:
    }
  }

  private onFullState(update: Uint8Array): void {
    this.serverHadAtLastSync = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).get(this.clientId) ?? 0;
    if (this.keepState) {
      this.lastState?.destroy();
      this.lastState = new Y.Doc();
      Y.applyUpdate(this.lastState, update);
    }
  }

  /** Makes one edit carrying `{sender, seq, t}` and sends it; false (and no edit) if not connected and synced. */
  sendStamp(): boolean {
    if (!this.synced || !this.open) return false;
    const seq = this.clock;
    this.map.set(String(this.clientId), { sender: this.clientId, seq, t: nowMs() });
    return this.sendLast();
  }

  /** Applies an arbitrary local edit and sends the resulting update. */
  edit(change: (doc: Y.Doc) => void): boolean {
    this.lastUpdate = null;
    this.doc.transact(() => change(this.doc));
    return this.sendLast();
  }

  private sendLast(): boolean {
    const update = this.lastUpdate;
    if (!update || !this.open) return false;
    this.ws!.send(syncFrame(this.target.framing, this.room, 'update', update));
    return true;
  }

  /** Marks own updates up to `clock` as relayed by the server (peers' acknowledgement). */
  markRelayed(clock: number): void {
    if (clock > this.acked) this.acked = clock;
  }

  close(): void {
    const ws = this.ws;
    this.ws = null;
    this.synced = false;
    ws?.terminate();
  }

  destroy(): void {
    this.close();
    this.lastState?.destroy();
    this.doc.destroy();
  }
}

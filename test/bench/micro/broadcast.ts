/**
 * (c) Cost of one room's broadcast per tick: C connections, k updates in the tick from k different senders.
 * The room is in this process with REAL WebSocket connections (ws server here, the 30 receiving clients in a child
 * process, so their CPU is not counted); the database write is stubbed so only handling and fan-out are timed.
 * Reports this process's CPU-µs per tick (until every socket has drained) and sends/bytes per tick.
 * `npx tsx test/bench/micro/broadcast.ts` (`BROADCAST_PER_SEND=1`: each receiver framed by ws.send, as before shared
 * frames). Median of 5 rounds; CPU time, not wall time.
 */
import { spawn } from 'node:child_process';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Duplex } from 'node:stream';
import { DocRoom, type RoomConnection } from '../../../server/realtime/doc-room.js';
import type { SharedMessage } from '../../../server/realtime/room-connection.js';
import type { MeetingDocStore } from '../../../server/db/stores/meeting-docs.js';
import { createLogger } from '../../../server/logger.js';
import { median } from '../stats.js';

/** CPU time of this process (user + system), in µs: steadier than wall time on a shared machine. */
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

let seq = 0;
const store: MeetingDocStore = {
  load: async () => ({ snapshot: null, updates: [], lastSeq: 0 }),
  readAfter: async (_m, _d, after) => ({ snapshot: null, updates: [], lastSeq: after }),
  appendMany: async (batches) => batches.map((b) => (seq += b.updates.length)),
  compact: async () => undefined,
};

function senderFrames(k: number, ticks: number): Uint8Array[][] {
  const docs = Array.from({ length: k }, () => new Y.Doc());
  const out: Uint8Array[][] = [];
  for (let t = 0; t < ticks; t++) {
    out.push(
      docs.map((doc, i) => {
        let update: Uint8Array | null = null;
        doc.once('update', (u: Uint8Array) => (update = u));
        doc.getMap('bench').set(String(i), { sender: doc.clientID, seq: t, t: Date.now() });
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, update!);
        return encoding.toUint8Array(e);
      }),
    );
  }
  return out;
}

const clients = 30;
const ticks = 300;

// 30 real sockets whose other ends (in a child process) read and drop every message.
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
await new Promise((resolve) => wss.once('listening', resolve));
const port = (wss.address() as { port: number }).port;
const sockets: WebSocket[] = [];
const connected = new Promise<void>((resolve) =>
  wss.on('connection', (ws) => {
    sockets.push(ws);
    if (sockets.length === clients) resolve();
  }),
);
const readers = spawn(
  process.execPath,
  ['-e', `const WS = require('ws'); for (let i = 0; i < ${clients}; i++) new WS('ws://127.0.0.1:${port}').on('message', () => {});`],
  { stdio: 'ignore', cwd: process.cwd() },
);
await connected;
const drained = () =>
  new Promise<void>((resolve) => {
    const check = () => (sockets.every((ws) => ws.bufferedAmount === 0) ? resolve() : setTimeout(check, 1));
    check();
  });
// The first pass only warms the JIT; the second is reported.
for (const [pass, k] of [1, 3, 10, 1, 3, 10].map((k, i) => [i < 3 ? 0 : 1, k] as const)) {
  const frames = senderFrames(k, ticks);
  const rounds: { us: number; sends: number; bytes: number }[] = [];
  for (let r = 0; r < 6; r++) {
    const room = await DocRoom.load(`bench-${k}-${r}`, 'shared', store, createLogger('silent'));
    let sends = 0;
    let bytes = 0;
    const conns: RoomConnection[] = Array.from({ length: clients }, (_, i) => ({
      id: String(i),
      readOnly: false,
      send: (m: Uint8Array) => {
        sends++;
        bytes += m.length;
        sockets[i].send(m);
      },
      // As the server's connections do (server/realtime/yjs-host.ts): a shared message's frame straight to the socket.
      ...(process.env.BROADCAST_PER_SEND
        ? {}
        : {
            sendShared: (shared: SharedMessage) => {
              sends++;
              bytes += shared.message.length;
              (sockets[i] as unknown as { _socket: Duplex })._socket.write(shared.frame);
            },
          }),
      close: () => undefined,
    }));
    for (const c of conns) room.addConnection(c);
    sends = 0;
    bytes = 0;
    const t0 = cpuMicros();
    for (const tick of frames) {
      tick.forEach((frame, i) => room.handleMessage(conns[i], frame));
      await room.flush();
    }
    await drained();
    const us = (cpuMicros() - t0) / ticks;
    if (r > 0) rounds.push({ us, sends: sends / ticks, bytes: bytes / ticks });
    await room.shutdown(4503, 'done');
  }
  if (pass === 0) continue;
  console.log(
    `${clients} conns, ${k} update(s)/tick from ${k} sender(s): ${median(rounds.map((x) => x.us)).toFixed(1)} µs/tick, ` +
      `${median(rounds.map((x) => x.sends)).toFixed(0)} sends/tick, ${median(rounds.map((x) => x.bytes)).toFixed(0)} bytes/tick`,
  );
}
readers.kill();
wss.close();
process.exit(0);

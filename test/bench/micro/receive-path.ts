/**
 * Time from a client's update frame arriving to its broadcast's first and last send, in-process (no sockets):
 * our room (byte check, rules, journal write, broadcast) against the memory-only y-websocket server's path
 * (`readSyncMessage`, its 'update' handler encoding and sending to each connection), on the benchmark's updates
 * (a map write per update, 30 connections a room). `npx tsx test/bench/micro/receive-path.ts [updates=20000]`.
 * Medians of 5 rounds, in µs. The connections are fakes that only note the time: per-send costs (theirs frames
 * each send, ours writes one prebuilt frame) are not in these figures, and their path sends to all 30 (the sender
 * too, as @y/websocket-server does), ours to the other 29.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { DocRoom, type RoomConnection } from '../../../server/realtime/doc-room.js';
import type { SharedMessage } from '../../../server/realtime/room-connection.js';
import type { MeetingDocStore } from '../../../server/db/stores/meeting-docs.js';
import { UpdateJournal } from '../../../server/db/update-journal.js';
import { median } from '../stats.js';
import { benchUpdates } from './bench-updates.js';

const total = Number(process.argv[2] ?? 20_000);
const conns = 30;


const frame = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
};

let first = 0n;
let last = 0n;
const mark = () => {
  const t = process.hrtime.bigint();
  if (first === 0n) first = t;
  last = t;
};

class FakeConn implements RoomConnection {
  readOnly = false;
  writer = { personId: 'p1', name: 'Bench Writer', agencyId: 'a1', agencyName: 'Bench Agency', role: 'member' as const };
  constructor(readonly id: string) {}
  send(_m: Uint8Array): void {
    mark();
  }
  sendShared(_m: SharedMessage): void {
    void _m.frame;
    mark();
  }
  close(): void {}
}

const store = {} as MeetingDocStore;
const noWriter = { schedule() {}, flush: async () => true };

function ours(frames: Uint8Array[], journal: boolean, rules: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recv-'));
  const j = journal ? new UpdateJournal(path.join(dir, 'db.sqlite')) : undefined;
  const room = new DocRoom('m1', 'shared', { snapshot: null, updates: [], lastSeq: 0 }, store, { info() {}, warn() {}, error() {} } as never, {
    writer: noWriter,
    journal: j,
    rules: rules ? { meetingStatus: () => 'live', participant: () => null } : undefined,
  });
  const cs = Array.from({ length: conns }, (_, i) => new FakeConn(`c${i}`));
  for (const c of cs) room.addConnection(c);
  const toFirst: number[] = [];
  const toLast: number[] = [];
  for (let i = 0; i < frames.length; i++) {
    first = 0n;
    const t0 = process.hrtime.bigint();
    room.handleMessage(cs[i % conns], frames[i]);
    if (first === 0n) throw new Error(`update ${i} was not broadcast`);
    toFirst.push(Number(first - t0) / 1000);
    toLast.push(Number(last - t0) / 1000);
    // The commit's side: pending cleared as a landed commit would (outside the measured path).
    if (i % 50 === 49) {
      room.takeBatch();
      room.afterWrite(i);
    }
  }
  j?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { first: median(toFirst.slice(1000)), last: median(toLast.slice(1000)) };
}

/** @y/websocket-server's path: readSyncMessage applies with the connection as origin; the doc's 'update' sends. */
function yws(frames: Uint8Array[]) {
  const doc = new Y.Doc();
  const cs = Array.from({ length: conns }, (_, i) => new FakeConn(`c${i}`));
  doc.on('update', (update: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    const message = encoding.toUint8Array(e);
    for (const c of cs) c.send(message);
  });
  const toFirst: number[] = [];
  const toLast: number[] = [];
  for (let i = 0; i < frames.length; i++) {
    first = 0n;
    const t0 = process.hrtime.bigint();
    const d = decoding.createDecoder(frames[i]);
    decoding.readVarUint(d);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.readSyncMessage(d, e, doc, cs[i % conns]);
    if (first === 0n) throw new Error(`update ${i} was not broadcast`);
    toFirst.push(Number(first - t0) / 1000);
    toLast.push(Number(last - t0) / 1000);
  }
  return { first: median(toFirst.slice(1000)), last: median(toLast.slice(1000)) };
}

const frames = benchUpdates(total, conns).map(frame);
const variants: [string, () => { first: number; last: number }][] = [
  ['y-websocket (memory only)', () => yws(frames)],
  ['ours: journal, no rules', () => ours(frames, true, false)],
  ['ours: rules + journal (as served)', () => ours(frames, true, true)],
];
const results = new Map<string, { first: number[]; last: number[] }>();
for (let round = 0; round < 5; round++) {
  for (const [name, run] of variants) {
    const r = run();
    const acc = results.get(name) ?? { first: [], last: [] };
    acc.first.push(r.first);
    acc.last.push(r.last);
    results.set(name, acc);
  }
}
console.log('| path | to first send µs | to last send µs |\n|---|---:|---:|');
for (const [name, r] of results) console.log(`| ${name} | ${median(r.first).toFixed(2)} | ${median(r.last).toFixed(2)} |`);
process.exit(0);

/**
 * (d) The "saved" acknowledgement: the server's whole state vector as JSON (before) vs each sender's own client
 * clocks as a small binary message (after). Cost per acknowledgement and bytes on the wire, for documents that
 * have seen 30 and 300 client ids (every page load is a new Yjs client id, so long meetings collect hundreds).
 * `npx tsx test/bench/micro/saved.ts`. CPU time, median of 5 rounds of 20,000.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { median } from '../stats.js';

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function docWithClients(n: number): { doc: Y.Doc; sender: number } {
  const doc = new Y.Doc();
  let sender = 0;
  for (let i = 0; i < n; i++) {
    const peer = new Y.Doc();
    peer.getMap('m').set(String(i), i);
    for (let j = 0; j < 20; j++) peer.getText('t').insert(0, 'x');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    sender = peer.clientID;
  }
  return { doc, sender };
}

const before = (doc: Y.Doc) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 100);
  encoding.writeVarString(e, JSON.stringify({ type: 'saved', stateVector: Array.from(Y.encodeStateVector(doc)) }));
  return encoding.toUint8Array(e);
};
const after = (doc: Y.Doc, clients: number[]) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 101);
  encoding.writeVarUint(e, clients.length);
  for (const client of clients) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, Y.getState(doc.store, client));
  }
  return encoding.toUint8Array(e);
};

const n = 20_000;
for (const clients of [30, 300]) {
  const { doc, sender } = docWithClients(clients);
  const time = (f: () => Uint8Array) => {
    const rounds: number[] = [];
    for (let r = 0; r < 6; r++) {
      const t0 = cpuMicros();
      for (let i = 0; i < n; i++) f();
      if (r > 0) rounds.push((cpuMicros() - t0) / n);
    }
    return median(rounds);
  };
  const a = time(() => before(doc));
  const b = time(() => after(doc, [sender]));
  console.log(
    `${clients} client ids: whole state vector as JSON ${a.toFixed(2)} µs, ${before(doc).length} B; ` +
      `own clock, binary ${b.toFixed(2)} µs, ${after(doc, [sender]).length} B`,
  );
}

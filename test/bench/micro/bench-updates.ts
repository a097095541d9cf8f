import * as Y from 'yjs';

/**
 * The benchmark's updates, as its clients write them: `conns` clients, each setting its own key of the 'bench' map,
 * `total` updates in round-robin order. Every client hears everyone (as in a room), so each update builds on the last.
 */
export function benchUpdates(total: number, conns: number): Uint8Array[] {
  const docs = Array.from({ length: conns }, () => new Y.Doc());
  const out: Uint8Array[] = [];
  for (let i = 0; i < total; i++) {
    const doc = docs[i % conns];
    let update: Uint8Array | null = null;
    const grab = (u: Uint8Array) => (update = u);
    doc.on('update', grab);
    doc.getMap('bench').set(String(doc.clientID), { sender: doc.clientID, seq: i, t: 1234567.891 });
    doc.off('update', grab);
    out.push(update!);
    for (const other of docs) if (other !== doc) Y.applyUpdate(other, update!);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateCapture } from '../../server/realtime/room-update-capture.js';
import { checkUpdate } from '../../server/realtime/update-check.js';

/** A client's updates, one per edit. */
function clientUpdates(edits: ((doc: Y.Doc) => void)[]): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (const edit of edits) edit(doc);
  return out;
}

/** A document with a capture, its emitted log (replacements applied) and a way to apply a client's update. */
function room() {
  const doc = new Y.Doc();
  const log: { update: Uint8Array; origin: unknown }[] = [];
  const capture = new UpdateCapture(
    doc,
    (update, origin) => log.push({ update, origin }),
    (update, by) => {
      for (const entry of log) if (entry.update === update) entry.update = by;
    },
  );
  const conn = { id: 'c' };
  const apply = (update: Uint8Array, after?: () => void) =>
    capture.applying(conn, update, checkUpdate(update), () => {
      Y.applyUpdate(doc, update, conn);
      after?.();
    });
  const replayed = () => {
    const copy = new Y.Doc();
    for (const { update } of log) Y.applyUpdate(copy, update);
    return copy.getText('t').toString();
  };
  return { doc, log, capture, conn, apply, replayed };
}

describe('UpdateCapture', () => {
  it("tells a client's update that integrates as sent by its own bytes, and the rest by Yjs's encoding", () => {
    const [first, second] = clientUpdates([(d) => d.getText('t').insert(0, 'ab'), (d) => d.getText('t').insert(2, 'c')]);
    const r = room();
    r.apply(first);
    expect(r.log.map((e) => e.update)).toEqual([first]);
    expect(r.log[0].origin).toBe(r.conn);
    // Sent again: it overlaps what the document has (Yjs's encoding, which finds nothing new: nothing told).
    r.apply(first);
    expect(r.log).toHaveLength(1);
    // A change of the server's own: encoded by Yjs.
    r.doc.getText('t').insert(0, 'S');
    r.apply(second);
    expect(r.capture.counts).toEqual({ asSent: 2, encoded: 2 });
    expect(r.log).toHaveLength(3);
    expect(r.log[2].update).toEqual(second);
    expect(r.replayed()).toBe(r.doc.getText('t').toString());
  });

  it('lets Yjs encode an update that overlaps what the document has, and keeps the order of a revert made during it', () => {
    const [first, second] = clientUpdates([(d) => d.getText('t').insert(0, 'ab'), (d) => d.getText('t').insert(2, 'cd')]);
    const r = room();
    r.apply(first);
    // Both edits in one update: its first half is known already.
    r.apply(Y.mergeUpdates([first, second]));
    expect(r.capture.counts.encoded).toBe(1);
    // A rule-like revert in the client's transaction's afterTransaction: told after the client's bytes.
    const [third] = clientUpdates([(d) => d.getText('other').insert(0, 'x')]);
    const revert = (tr: Y.Transaction) => {
      if (tr.origin === r.conn) r.doc.getText('t').delete(0, 1);
    };
    r.doc.on('afterTransaction', revert);
    r.apply(third);
    r.doc.off('afterTransaction', revert);
    expect(r.log.at(-2)?.update).toEqual(third);
    expect(r.log.at(-1)?.origin).toBeNull();
    expect(r.replayed()).toBe(r.doc.getText('t').toString());
  });

  it('puts an encoding of what integrated in place of the bytes when Yjs throws after the cleanup', () => {
    const [first, cut, second] = clientUpdates([(d) => d.getText('t').insert(0, 'abx'), (d) => d.getText('t').delete(2, 1), (d) => d.getText('t').insert(2, 'c')]);
    const r = room();
    r.apply(first);
    r.apply(cut);
    const before = Y.encodeStateVector(r.doc);
    expect(() =>
      r.apply(second, () => {
        throw new Error('late');
      }),
    ).toThrow('late');
    expect(r.log).toHaveLength(3);
    // Yjs's encoding of everything since (the whole delete set with it), not the client's bytes.
    expect(r.log[2].update).toEqual(Y.encodeStateAsUpdate(r.doc, before));
    expect(r.log[2].update).not.toEqual(second);
    expect(r.replayed()).toBe('abc');
  });
});

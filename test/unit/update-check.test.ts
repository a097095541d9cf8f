/**
 * The check a client's update passes before the room applies it (server/realtime/update-check.ts), against Yjs
 * itself: every update Yjs writes passes, naming the clients Yjs decodes; nothing Yjs can decode is refused (but an
 * empty delete range, which Yjs never writes); and Yjs reads every byte of an update that passed, the delete set
 * included (the part it reads only after integrating the structs).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/realtime/update-check.js';

type Op =
  | { op: 'text'; at: number; text: string; bold: boolean }
  | { op: 'cut'; at: number; len: number }
  | { op: 'embed'; at: number; value: Record<string, unknown> }
  | { op: 'map'; key: string; value: unknown }
  | { op: 'bytes'; key: string; value: Uint8Array }
  | { op: 'list'; values: unknown[] }
  | { op: 'unlist'; at: number }
  | { op: 'xml'; name: string; attr: string; text: string }
  | { op: 'nested'; key: string; text: string }
  | { op: 'subdoc'; key: string };

const key = fc.string({ maxLength: 8 });
// Values a Y.Map or Y.Array holds (lib0's `writeAny`): JSON with integers, floats, nesting, and byte arrays.
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.uint8Array({ maxLength: 20 }), fc.double({ noNaN: true }), fc.constant(null));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('text' as const), at: fc.nat(200), text: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }), bold: fc.boolean() }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(200), len: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('embed' as const), at: fc.nat(200), value: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) }),
  fc.record({ op: fc.constant('map' as const), key, value: anyValue }),
  fc.record({ op: fc.constant('bytes' as const), key, value: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ op: fc.constant('list' as const), values: fc.array(anyValue, { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('unlist' as const), at: fc.nat(20) }),
  fc.record({ op: fc.constant('xml' as const), name: fc.constantFrom('paragraph', 'heading', 'listItem'), attr: fc.string({ maxLength: 6 }), text: fc.string({ maxLength: 10 }) }),
  fc.record({ op: fc.constant('nested' as const), key, text: fc.string({ maxLength: 10 }) }),
  fc.record({ op: fc.constant('subdoc' as const), key }),
);

function run(doc: Y.Doc, op: Op): void {
  const text = doc.getText('notes');
  const at = (n: number, len: number) => Math.min(n, len);
  switch (op.op) {
    case 'text':
      text.insert(at(op.at, text.length), op.text, op.bold ? { bold: true } : undefined);
      return;
    case 'cut':
      if (text.length > 0) text.delete(at(op.at, text.length - 1), Math.min(op.len, text.length - at(op.at, text.length - 1)));
      return;
    case 'embed':
      text.insertEmbed(at(op.at, text.length), op.value);
      return;
    case 'map':
      doc.getMap('fields').set(op.key, op.value);
      return;
    case 'bytes':
      doc.getMap('fields').set(op.key, op.value);
      return;
    case 'list':
      doc.getArray('list').push(op.values);
      return;
    case 'unlist': {
      const list = doc.getArray('list');
      if (list.length > 0) list.delete(at(op.at, list.length - 1));
      return;
    }
    case 'xml': {
      const el = new Y.XmlElement(op.name);
      el.setAttribute('data', op.attr);
      el.insert(0, [new Y.XmlText(op.text)]);
      doc.getXmlFragment('prosemirror').push([el]);
      return;
    }
    case 'nested': {
      const inner = new Y.Map<unknown>();
      inner.set('text', new Y.Text(op.text));
      doc.getMap('fields').set(op.key, inner);
      return;
    }
    case 'subdoc':
      doc.getMap('docs').set(op.key, new Y.Doc());
      return;
  }
}

/** A document edited by `ops` as client 7 (then one edit by client 9), with every update it emitted. */
function edited(ops: Op[]): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = 7;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const op of ops) run(doc, op);
  const other = new Y.Doc();
  other.clientID = 9;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  other.on('update', (u: Uint8Array) => updates.push(u));
  other.getText('notes').insert(0, 'x');
  if (doc.getText('notes').length > 2) other.getText('notes').delete(1, 1);
  return { doc, updates };
}

const decodedClients = (update: Uint8Array) => new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));

/** Each client's clock range as Yjs decodes the update: its first struct's clock, and the clock after its last. */
function decodedRanges(update: Uint8Array): Map<number, [number, number]> {
  const ranges = new Map<number, [number, number]>();
  for (const s of Y.decodeUpdate(update).structs) {
    const r = ranges.get(s.id.client);
    if (!r) ranges.set(s.id.client, [s.id.clock, s.id.clock + s.length]);
    else r[1] = Math.max(r[1], s.id.clock + s.length);
  }
  return ranges;
}

function checkedRanges(update: Uint8Array): Map<number, [number, number]> {
  const { clients, ranges } = checkUpdate(update);
  return new Map(clients.map((client, i) => [client, [ranges[2 * i], ranges[2 * i + 1]]]));
}

const hasSkip = (update: Uint8Array) => Y.decodeUpdate(update).structs.some((s) => s.constructor.name === 'Skip');

describe('checkUpdate', () => {
  it('passes every update Yjs writes and names the clients and clock ranges Yjs decodes from it', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const { doc, updates } = edited(ops);
        const all = [...updates, Y.encodeStateAsUpdate(doc), Y.mergeUpdates(updates)];
        for (const update of all) {
          const checked = checkUpdate(update);
          expect(new Set(checked.clients)).toEqual(decodedClients(update));
          // Strings count in UTF-16 units (the grapheme strings above include astral characters).
          expect(checkedRanges(update)).toEqual(decodedRanges(update));
          expect(checked.plain).toBe(!hasSkip(update));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses nothing Yjs can decode, and Yjs reads every byte of what it passes, delete set included', () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), fc.array(damage, { minLength: 1, maxLength: 3 }), fc.nat(), (ops, damages, pick) => {
        const { updates } = edited(ops);
        let bytes = updates[pick % updates.length];
        for (const d of damages) {
          const at = Math.floor(d.at * bytes.length);
          if (d.kind === 'cut') bytes = bytes.slice(0, at);
          else if (d.kind === 'flip') bytes = Uint8Array.from(bytes, (b, i) => (i === at ? d.byte : b));
          else bytes = Uint8Array.from([...bytes.subarray(0, at), ...d.bytes, ...bytes.subarray(at)]);
        }
        let passed = true;
        try {
          checkUpdate(bytes);
        } catch (err) {
          passed = false;
          expect((err as Error).message).toMatch(/^malformed update: /);
        }
        let decoded: ReturnType<typeof Y.decodeUpdate> | null = null;
        let decodeError: Error | null = null;
        try {
          decoded = Y.decodeUpdate(bytes);
        } catch (err) {
          decodeError = err as Error;
        }
        const emptyRange = decoded !== null && [...decoded.ds.clients.values()].some((ranges) => ranges.some((r) => r.len === 0));
        if (decoded && !emptyRange) expect(passed, 'Yjs decodes it, so the check must pass it').toBe(true);
        // Passed: Yjs reads every byte of it, structs and delete set, without running out or overflowing (what it may
        // still refuse is a struct's content: JSON that does not parse, a subdocument without options).
        if (passed && decodeError) expect(decodeError.message, 'Yjs could not read an update the check passed').not.toMatch(/Unexpected end of array|Integer out of Range/i);
      }),
      { numRuns: 1500 },
    );
  });

  it('passes deeply nested values a client can write', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    let value: unknown = 'leaf';
    for (let i = 0; i < 70; i++) value = i % 2 ? [value] : { inner: value };
    doc.getMap('fields').set('deep', value);
    expect(checkUpdate(updates[0]).clients).toEqual([doc.clientID]);
  });

  it('refuses a struct that covers no clock tick (an empty string, list or GC), which Yjs never writes', () => {
    // [1 group: 1 struct, client 5, clock 0, <struct>], empty delete set. Items carry a root parent, 'text'.
    const item = (content: number[]) => Uint8Array.from([1, 1, 5, 0, ...content, 0]);
    const root = [1, 4, ...new TextEncoder().encode('text')];
    expect(() => checkUpdate(item([4, ...root, 0]))).toThrow(/^malformed update: empty struct/); // string ""
    expect(() => checkUpdate(item([8, ...root, 0]))).toThrow(/^malformed update: empty struct/); // any: no values
    expect(() => checkUpdate(item([2, ...root, 0]))).toThrow(/^malformed update: empty struct/); // JSON: no values
    expect(() => checkUpdate(item([0, 0]))).toThrow(/^malformed update: empty struct/); // GC of length 0
    expect(checkUpdate(item([4, ...root, 1, 0x78]))).toMatchObject({ clients: [5], ranges: [0, 1], plain: true }); // "x"
  });

  it('says an update is not plain when it skips a range, repeats a client or has bytes after its delete set', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['one ', 'two ', 'three ']) doc.getText('notes').insert(0, word);
    expect(updates.map((u) => checkUpdate(u).plain)).toEqual([true, true, true]);
    // The first and third only: a gap where the second was, which Yjs writes as a skip.
    const skipping = Y.mergeUpdates([updates[0], updates[2]]);
    expect(hasSkip(skipping)).toBe(true);
    expect(checkUpdate(skipping).plain).toBe(false);
    expect(checkUpdate(Uint8Array.from([...updates[1], 0])).plain).toBe(false);
    // Two groups of structs for the same client: [groups 2, (1 struct, client, clock 0, GC of 1) twice, empty delete set].
    const client = doc.clientID;
    const varUint = (n: number): number[] => (n < 128 ? [n] : [(n & 0x7f) | 0x80, ...varUint(Math.floor(n / 128))]);
    const group = [1, ...varUint(client), 0, 0, 1];
    const repeated = Uint8Array.from([2, ...group, ...group, 0]);
    expect(checkUpdate(repeated)).toMatchObject({ clients: [client, client], plain: false });
  });

  it('refuses hostile shapes with a message and without exhausting the stack or reading past the end', () => {
    // Deeply nested arrays inside a map value (ContentAny), a length running past the end, an unknown content kind.
    const nested = new Uint8Array([1, 1, 7, 0, 0x08, 1, 1, 0x61, 1, ...new Array(5000).fill(117).flatMap(() => [117, 1]), 127, 0]);
    expect(() => checkUpdate(nested)).toThrow(/^malformed update: value nested too deep/);
    const pastEnd = new Uint8Array([1, 1, 7, 0, 0x04, 1, 1, 0x61, 200, 1, 0x62]);
    expect(() => checkUpdate(pastEnd)).toThrow(/^malformed update: length past the end/);
    const unknownContent = new Uint8Array([1, 1, 7, 0, 0x0b, 1, 1, 0x61, 0]);
    expect(() => checkUpdate(unknownContent)).toThrow(/^malformed update: unknown content 11/);
    expect(() => checkUpdate(new Uint8Array([]))).toThrow(/^malformed update: unexpected end/);
    // An empty delete range (Yjs integrates the 'a', then fails encoding the range it cannot apply yet).
    const emptyRange = new Uint8Array([1, 1, 7, 0, 0x04, 1, 1, 0x74, 1, 0x61, 1, 9, 1, 5, 0]);
    expect(() => checkUpdate(emptyRange)).toThrow(/^malformed update: empty delete range/);
    // A number cut at the end (lib0 reads the missing byte as 0, so Yjs integrates before the delete set fails).
    const cutNumber = new Uint8Array([1, 1, 7, 0, 0x08, 1, 1, 0x74, 1, 0x7d]);
    expect(() => checkUpdate(cutNumber)).toThrow(/^malformed update: unexpected end/);
    expect(() => checkUpdate(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(/^malformed update: integer out of range/);
  });
});

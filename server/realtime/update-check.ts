/**
 * Checks a client's Yjs update (v1 encoding) before it is applied, without decoding it into objects: the same grammar
 * Yjs reads (`readClientsStructRefs`, `readItemContent`, `readAndApplyDeleteSet` in yjs; `readAny` in lib0), walked
 * over the bytes. Why: Yjs reads every struct of an update before integrating any, but reads its delete set while
 * applying it, after the structs are in the document: a frame whose delete set is cut or damaged would be half
 * applied (and that half stored) before the connection is closed for it. An update that passes here has a whole
 * delete set where Yjs will look for it; a struct section Yjs cannot read still fails inside Yjs, before anything
 * is integrated. (A struct Yjs reads but cannot place, an origin that is not there, still fails part way, as it
 * did before: what went in is stored and broadcast as any update is, so memory never runs ahead of disk.)
 *
 * Stricter than Yjs where Yjs is lax: nothing may be read past the update's end (lib0 reads a missing byte as
 * `undefined`, so a cut number can read as 0 and Yjs integrates before it notices), a delete range must not be
 * empty (Yjs never writes one, and fails on it after integrating), and unknown content or type numbers are refused
 * here rather than in Yjs. A value nested deeper than `maxDepth` is refused too, far beyond what any client writes.
 * It allocates a cursor and the list of client ids it returns (and an error when it refuses), no struct: it
 * replaced a full `Y.decodeUpdate`, which built every struct a second time on the path to the broadcast.
 */

const maxSafe = Number.MAX_SAFE_INTEGER;
/** Nesting of arrays and objects in one value (lib0 recurses as deep as the stack lets it). */
const maxDepth = 2000;

class Cursor {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  uint8(): number {
    if (this.pos >= this.bytes.length) throw new Error('malformed update: unexpected end');
    return this.bytes[this.pos++];
  }

  /** lib0 `readVarUint`: 7 bits a byte, low first; refused past 2^53 as lib0 does. */
  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const r = this.uint8();
      num += (r & 0x7f) * mult;
      mult *= 128;
      if (r < 0x80) return num;
      if (num > maxSafe) throw new Error('malformed update: integer out of range');
    }
  }

  /** lib0 `readVarInt`: sign and 6 bits in the first byte, then 7 bits a byte. */
  skipVarInt(): void {
    let r = this.uint8();
    while (r & 0x80) r = this.uint8();
  }

  /** An id (client, clock): two varUints. */
  skipId(): void {
    this.varUint();
    this.varUint();
  }

  skip(n: number): void {
    if (n > this.bytes.length - this.pos) throw new Error('malformed update: length past the end');
    this.pos += n;
  }

  /** A varUint length, then that many bytes (lib0 `readVarString`, `readVarUint8Array`). */
  skipBytes(): void {
    this.skip(this.varUint());
  }

  /** lib0 `readAny`, depth-limited so a hostile nesting cannot exhaust the stack. */
  skipAny(depth = 0): void {
    if (depth > maxDepth) throw new Error('malformed update: value nested too deep');
    const type = this.uint8();
    switch (type) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // integer
        return this.skipVarInt();
      case 124: // float32
        return this.skip(4);
      case 123: // float64
      case 122: // bigint64
        return this.skip(8);
      case 119: // string
      case 116: // Uint8Array
        return this.skipBytes();
      case 118: {
        // object: key, value pairs
        const n = this.varUint();
        for (let i = 0; i < n; i++) {
          this.skipBytes();
          this.skipAny(depth + 1);
        }
        return;
      }
      case 117: {
        // array
        const n = this.varUint();
        for (let i = 0; i < n; i++) this.skipAny(depth + 1);
        return;
      }
      default:
        throw new Error(`malformed update: unknown value type ${type}`);
    }
  }
}

/** One item's content, by the low five bits of its info byte (yjs `contentRefs`). */
function skipContent(c: Cursor, kind: number): void {
  switch (kind) {
    case 1: // deleted: length
      c.varUint();
      return;
    case 2: {
      // JSON: count, then a string each
      const n = c.varUint();
      for (let i = 0; i < n; i++) c.skipBytes();
      return;
    }
    case 3: // binary
    case 4: // string
    case 5: // embed (JSON text)
      c.skipBytes();
      return;
    case 6: // format: key, JSON text
      c.skipBytes();
      c.skipBytes();
      return;
    case 7: {
      // type: its number; an XML element or hook also its name
      const ref = c.varUint();
      if (ref > 6) throw new Error(`malformed update: unknown type ${ref}`);
      if (ref === 3 || ref === 5) c.skipBytes();
      return;
    }
    case 8: {
      // any: count, then a value each
      const n = c.varUint();
      for (let i = 0; i < n; i++) c.skipAny();
      return;
    }
    case 9: // subdocument: guid, options
      c.skipBytes();
      c.skipAny();
      return;
    default:
      throw new Error(`malformed update: unknown content ${kind}`);
  }
}

/**
 * Walks `update` end to end (structs, then the whole delete set) and returns the Yjs client ids whose structs it
 * carries; throws `malformed update: …` when Yjs could not read all of it.
 */
export function checkUpdate(update: Uint8Array): number[] {
  const c = new Cursor(update);
  const clients: number[] = [];
  const groups = c.varUint();
  for (let g = 0; g < groups; g++) {
    const structs = c.varUint();
    const client = c.varUint();
    c.varUint(); // first clock
    if (structs > 0) clients.push(client);
    for (let s = 0; s < structs; s++) {
      const info = c.uint8();
      const kind = info & 0x1f;
      if (kind === 0 || kind === 10) {
        c.varUint(); // GC or skip: length
        continue;
      }
      if (info & 0x80) c.skipId(); // origin
      if (info & 0x40) c.skipId(); // right origin
      if ((info & 0xc0) === 0) {
        // parent: a root type's name, or an item's id; then the key within a map, if any
        if (c.varUint() === 1) c.skipBytes();
        else c.skipId();
        if (info & 0x20) c.skipBytes();
      }
      skipContent(c, kind);
    }
  }
  const dsClients = c.varUint();
  for (let i = 0; i < dsClients; i++) {
    c.varUint(); // client
    const ranges = c.varUint();
    for (let r = 0; r < ranges; r++) {
      c.varUint(); // clock
      if (c.varUint() === 0) throw new Error('malformed update: empty delete range');
    }
  }
  return clients;
}

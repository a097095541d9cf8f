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
 * empty (Yjs never writes one, and fails on it after integrating), nor may a struct (an empty string, list or GC:
 * Yjs throws part way through applying one, or its later transactions fail), and unknown content or type numbers are
 * refused here rather than in Yjs. A value nested deeper than `maxDepth` is refused too, far beyond what any client writes.
 * It allocates a cursor and the lists it returns (and an error when it refuses), no struct: it
 * replaced a full `Y.decodeUpdate`, which built every struct a second time on the path to the broadcast.
 */

const maxSafe = Number.MAX_SAFE_INTEGER;
/** Past this many clients an update is not taken as plain (checkUpdate). */
const plainMaxClients = 32;
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

  /**
   * A varUint length, then that many bytes of UTF-8, skipped; returns the string's length in UTF-16 units (what Yjs
   * counts), every byte but a continuation byte one, a four-byte sequence two. Yjs decodes strictly (lib0's
   * `TextDecoder` is fatal), so a string that is not UTF-8 never integrates, whatever is counted here.
   */
  utf16Length(): number {
    const n = this.varUint();
    const start = this.pos;
    this.skip(n);
    const bytes = this.bytes;
    let units = 0;
    for (let i = start; i < start + n; i++) {
      const b = bytes[i];
      if ((b & 0xc0) !== 0x80) units++;
      if (b >= 0xf0) units++;
    }
    return units;
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

/** One item's content, by the low five bits of its info byte (yjs `contentRefs`); returns its length in clock ticks. */
function skipContent(c: Cursor, kind: number): number {
  switch (kind) {
    case 1: // deleted: length
      return c.varUint();
    case 2: {
      // JSON: count, then a string each
      const n = c.varUint();
      for (let i = 0; i < n; i++) c.skipBytes();
      return n;
    }
    case 4: // string: one tick per UTF-16 unit
      return c.utf16Length();
    case 3: // binary
    case 5: // embed (JSON text)
      c.skipBytes();
      return 1;
    case 6: // format: key, JSON text
      c.skipBytes();
      c.skipBytes();
      return 1;
    case 7: {
      // type: its number; an XML element or hook also its name
      const ref = c.varUint();
      if (ref > 6) throw new Error(`malformed update: unknown type ${ref}`);
      if (ref === 3 || ref === 5) c.skipBytes();
      return 1;
    }
    case 8: {
      // any: count, then a value each
      const n = c.varUint();
      for (let i = 0; i < n; i++) c.skipAny();
      return n;
    }
    case 9: // subdocument: guid, options
      c.skipBytes();
      c.skipAny();
      return 1;
    default:
      throw new Error(`malformed update: unknown content ${kind}`);
  }
}

/**
 * A struct covers at least one clock tick: Yjs never writes an empty one (an empty string, list or GC), and one in
 * an update can make Yjs throw part way through applying it, after some of it is in, or wedge the document's later
 * transactions (its merge of neighbouring structs divides by the length).
 */
function nonEmpty(length: number): number {
  if (length === 0) throw new Error('malformed update: empty struct');
  return length;
}

/** What `checkUpdate` read: whose structs an update carries, and where they lie. */
export interface CheckedUpdate {
  /** The Yjs client ids whose structs it carries. */
  clients: number[];
  /** For each of `clients`, in order: the clock of its first struct and the clock after its last. */
  ranges: number[];
  /**
   * As a client's Yjs writes one: no skipped ranges, each client once, nothing after the delete set. Only then can
   * its bytes stand for what applying it changed (room-update-capture.ts).
   */
  plain: boolean;
}

/**
 * Walks `update` end to end (structs, then the whole delete set) and returns the Yjs client ids whose structs it
 * carries, with their clock ranges; throws `malformed update: …` when Yjs could not read all of it.
 */
export function checkUpdate(update: Uint8Array): CheckedUpdate {
  const c = new Cursor(update);
  const clients: number[] = [];
  const ranges: number[] = [];
  let plain = true;
  const groups = c.varUint();
  for (let g = 0; g < groups; g++) {
    const structs = c.varUint();
    const client = c.varUint();
    const start = c.varUint();
    let clock = start;
    for (let s = 0; s < structs; s++) {
      const info = c.uint8();
      const kind = info & 0x1f;
      if (kind === 0 || kind === 10) {
        clock += nonEmpty(c.varUint()); // GC or skip: length
        if (kind === 10) plain = false;
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
      clock += nonEmpty(skipContent(c, kind));
    }
    if (structs > 0) {
      // Each client once (Yjs keeps only a repeated client's last group): checked for the few clients a client's own
      // update carries; more (a reconnecting client's sync) are simply not plain, so a hostile count costs nothing.
      if (clients.length >= plainMaxClients || clients.includes(client)) plain = false;
      clients.push(client);
      ranges.push(start, clock);
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
  if (c.pos !== update.length) plain = false;
  return { clients, ranges, plain };
}

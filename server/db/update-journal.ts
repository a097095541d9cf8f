/**
 * The update journal: an append-only file in front of SQLite's update log, so a client's update is stored with ONE
 * write (a few microseconds) before anyone else sees it, and inserted into the log right after the broadcast, in the
 * tick's one transaction as before (write-batcher.ts). Without it every broadcast waited for that transaction's
 * commit (35–40 µs of B-tree inserts, WAL frames and locks: README, "Where the time went").
 *
 * It keeps the same promise as the log it stands in front of: a record is in the operating system's page cache before
 * the update is broadcast, as a SQLite commit with `synchronous=NORMAL` is, so it survives the process being killed;
 * neither is synced at once. "Saved" still means the log holds the update (room-write-path.ts). At start, before any
 * room loads, whatever the journal holds is appended to the log (`recoverJournal`), then its files are removed: an
 * update already in the log is appended again, which Yjs ignores when the document is read.
 *
 * Files: `<database>.journal-<n>`, written in order; one is retired once it passes `rotateBytes` and removed once
 * every update in it has reached the log (or was refused because its meeting had ended). A record is
 * `[u32 body length][u32 CRC-32 of body][body]`, the body `meetingId, doc, count, updates…` (lib0 encoding); a reader
 * stops at the first record that is torn or fails its check (a crash mid-write), and a failed or short write is cut
 * off again before anything else is appended, so nothing valid ever sits behind a broken record.
 *
 * Used on SQLite with a file and one process only: with PostgreSQL and Redis, the relay needs each update committed
 * before the other processes hear of it (docs/scale-out.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as decoding from 'lib0/decoding';
import { meetingDocKinds, type MeetingDocKind } from '../../shared/protocol.js';
import type { DocumentAppend, MeetingDocStore } from './stores/meeting-docs.js';
import { storageFaultOf } from '../errors.js';
import type { Logger } from '../logger.js';
import { varUintBytes, writeVarUint } from '../varuint.js';

/** One journal file; rooms hold it for the updates they published from it, and settle them once in the log. */
export interface JournalSegment {
  readonly file: string;
}

interface Segment extends JournalSegment {
  fd: number | null;
  size: number;
  /** Updates written here not yet in the log (nor refused). */
  outstanding: number;
  retired: boolean;
}

export const journalRotateBytes = 256 * 1024;
const headerBytes = 8;
const segmentPattern = /\.journal-(\d+)$/;

export interface UpdateJournalOptions {
  rotateBytes?: number;
  logger?: Logger;
}

export class UpdateJournal {
  private current: Segment | null = null;
  private next: number;
  private readonly rotateBytes: number;
  private closed = false;
  readonly counts = { appends: 0, failures: 0, removed: 0 };

  /** `base`: the database file; the journal's files sit next to it. Files left from before must be recovered first. */
  constructor(
    private readonly base: string,
    private readonly options: UpdateJournalOptions = {},
  ) {
    this.rotateBytes = options.rotateBytes ?? journalRotateBytes;
    this.next = Math.max(0, ...journalFiles(base).map((f) => f.n)) + 1;
  }

  /**
   * Writes one record holding `updates` (one document's, in order). Returns the segment they are in, to settle once
   * they reach the log, or null when the write failed: then they must not be broadcast before their commit.
   */
  append(meetingId: string, doc: MeetingDocKind, updates: readonly Uint8Array[]): JournalSegment | null {
    if (this.closed || updates.length === 0) return null;
    const record = encodeRecord(meetingId, doc, updates);
    let seg: Segment | null = null;
    try {
      seg = this.current ?? this.open();
      const written = fs.writeSync(seg.fd!, record);
      if (written !== record.length) throw Object.assign(new Error(`short write: ${written} of ${record.length} bytes`), { code: 'ESHORT' });
    } catch (err) {
      this.counts.failures++;
      if (seg) this.cutBack(seg);
      if (this.counts.failures === 1 || this.counts.failures % 1000 === 0) {
        this.options.logger?.warn({ err: (err as NodeJS.ErrnoException).code ?? (err as Error).message, failures: this.counts.failures }, 'update journal not written; updates wait for their commit');
      }
      return null;
    }
    this.counts.appends++;
    seg.size += record.length;
    seg.outstanding += updates.length;
    if (seg.size >= this.rotateBytes) this.retire(seg);
    return seg;
  }

  /** `count` updates published from `segment` are in the log now, or were refused: a retired file empty of them goes. */
  settle(segment: JournalSegment, count: number): void {
    const seg = segment as Segment;
    seg.outstanding -= count;
    if (seg.retired && seg.outstanding <= 0) this.remove(seg);
  }

  /** `settle` for each run of updates from one file (a room's landed or refused updates; unjournalled ones skipped). */
  settleAll(updates: readonly { journal?: JournalSegment }[]): void {
    let segment: JournalSegment | undefined;
    let count = 0;
    for (const { journal } of updates) {
      if (journal === segment) {
        count++;
        continue;
      }
      if (segment) this.settle(segment, count);
      segment = journal;
      count = 1;
    }
    if (segment) this.settle(segment, count);
  }

  /**
   * Stops appending. Files whose updates all reached the log are removed; any other stays for the next start to
   * recover (a shutdown that could not write everything).
   */
  close(): void {
    this.closed = true;
    // A retired file goes as soon as its last update settles, so only the one in use is left to decide.
    if (this.current) this.retire(this.current);
  }

  /** The journal's files now (tests and the health of a shutdown). */
  files(): string[] {
    return journalFiles(this.base).map((f) => f.file);
  }

  private open(): Segment {
    const file = `${this.base}.journal-${this.next++}`;
    // 'ax': never a file another process on the same database has made (that one would stay its own).
    const fd = fs.openSync(file, 'ax');
    this.current = { file, fd, size: 0, outstanding: 0, retired: false };
    return this.current;
  }

  /** After a failed or short write: the file is cut back to its last whole record, or, failing that, written no more. */
  private cutBack(seg: Segment): void {
    try {
      fs.ftruncateSync(seg.fd!, seg.size);
    } catch {
      this.retire(seg);
    }
  }

  private retire(seg: Segment): void {
    seg.retired = true;
    if (this.current === seg) this.current = null;
    if (seg.fd !== null) {
      try {
        fs.closeSync(seg.fd);
      } catch {
        // closing a descriptor cannot lose what was written to it
      }
      seg.fd = null;
    }
    // Otherwise the rooms holding its updates settle them, and the last settle removes it.
    if (seg.outstanding <= 0) this.remove(seg);
  }

  private remove(seg: Segment): void {
    try {
      fs.rmSync(seg.file, { force: true });
      this.counts.removed++;
    } catch (err) {
      this.options.logger?.warn({ err: (err as NodeJS.ErrnoException).code, file: path.basename(seg.file) }, 'update journal file not removed');
    }
  }
}

/** A record, written straight into one buffer (lib0's varint layout, so lib0's decoder reads it back). */
export function encodeRecord(meetingId: string, doc: MeetingDocKind, updates: readonly Uint8Array[]): Buffer {
  const idBytes = Buffer.byteLength(meetingId);
  const docBytes = Buffer.byteLength(doc);
  let size = varUintBytes(idBytes) + idBytes + varUintBytes(docBytes) + docBytes + varUintBytes(updates.length);
  for (const update of updates) size += varUintBytes(update.length) + update.length;
  const record = Buffer.allocUnsafe(headerBytes + size);
  let at = headerBytes;
  at = writeVarUint(record, at, idBytes);
  at += record.write(meetingId, at);
  at = writeVarUint(record, at, docBytes);
  at += record.write(doc, at);
  at = writeVarUint(record, at, updates.length);
  for (const update of updates) {
    at = writeVarUint(record, at, update.length);
    record.set(update, at);
    at += update.length;
  }
  record.writeUInt32LE(size, 0);
  record.writeUInt32LE(zlib.crc32(record.subarray(headerBytes)), 4);
  return record;
}

/** The whole records at the start of `bytes`, and where the valid part ends. */
export function decodeRecords(bytes: Uint8Array): { appends: DocumentAppend[]; validBytes: number } {
  const appends: DocumentAppend[] = [];
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + headerBytes <= view.length) {
    const length = view.readUInt32LE(at);
    const end = at + headerBytes + length;
    if (end > view.length) break;
    const body = view.subarray(at + headerBytes, end);
    if (zlib.crc32(body) !== view.readUInt32LE(at + 4)) break;
    try {
      const d = decoding.createDecoder(body);
      const meetingId = decoding.readVarString(d);
      const doc = decoding.readVarString(d);
      const count = decoding.readVarUint(d);
      const updates: Uint8Array[] = [];
      for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(d));
      if (!(meetingDocKinds as readonly string[]).includes(doc)) break;
      appends.push({ meetingId, doc: doc as MeetingDocKind, updates });
    } catch {
      break;
    }
    at = end;
  }
  return { appends, validBytes: at };
}

function journalFiles(base: string): { file: string; n: number }[] {
  const dir = path.dirname(base);
  const prefix = `${path.basename(base)}.journal-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(prefix) && segmentPattern.test(name))
    .map((name) => ({ file: path.join(dir, name), n: Number(segmentPattern.exec(name)![1]) }))
    .sort((a, b) => a.n - b.n);
}

/** The log refused a row because its meeting no longer exists (SQLite's foreign key), and nothing else. */
function meetingGone(err: unknown): boolean {
  if (storageFaultOf(err)) return false;
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  }
  return false;
}

export interface JournalRecovery {
  files: number;
  updates: number;
  /** Updates whose meeting had ended: not appended (they came after the end, or are in the log already). */
  refused: number;
  /** Updates of meetings that no longer exist: logged, and their files kept aside as `<file>.dropped`. */
  dropped: number;
}

/**
 * Appends whatever the journal's files hold to the log, in order, then removes the files. Run at start, before any
 * room loads. A storage fault (the database locked or full) throws: the files stay, and the server does not start
 * on a log that lacks them.
 */
export async function recoverJournal(base: string, store: Pick<MeetingDocStore, 'appendMany'>, logger: Logger, now: number): Promise<JournalRecovery> {
  const files = journalFiles(base);
  const result: JournalRecovery = { files: files.length, updates: 0, refused: 0, dropped: 0 };
  if (files.length === 0) return result;
  const batches: DocumentAppend[] = [];
  for (const { file } of files) {
    const bytes = fs.readFileSync(file);
    const { appends, validBytes } = decodeRecords(bytes);
    if (validBytes < bytes.length) logger.warn({ file: path.basename(file), ignoredBytes: bytes.length - validBytes }, 'update journal ends in a torn record (a crash mid-write): ignored');
    batches.push(...appends);
  }
  result.updates = batches.reduce((n, b) => n + b.updates.length, 0);
  const counted = (batch: DocumentAppend, seq: number | null) => {
    if (seq === null) result.refused += batch.updates.length;
  };
  try {
    const seqs = await store.appendMany(batches, now);
    batches.forEach((b, i) => counted(b, seqs[i]));
  } catch (err) {
    // A meeting deleted since may refuse its rows (the foreign key): the rest still go in, one batch at a time.
    // Anything else (a read-only or damaged database, a fault) stops the start with the files kept.
    if (!meetingGone(err)) throw err;
    for (const batch of batches) {
      try {
        counted(batch, (await store.appendMany([batch], now))[0]);
      } catch (one) {
        if (!meetingGone(one)) throw one;
        result.dropped += batch.updates.length;
        logger.error({ meetingId: batch.meetingId, doc: batch.doc, updates: batch.updates.length }, 'journalled updates of a meeting that no longer exists: kept aside');
      }
    }
  }
  // Files whose updates all went in are removed; with any kept aside, they are renamed for an administrator.
  for (const { file } of files) {
    if (result.dropped > 0) fs.renameSync(file, `${file}.dropped`);
    else fs.rmSync(file, { force: true });
  }
  logger.warn({ ...result }, 'update journal recovered into the log');
  return result;
}

/**
 * The update journal's file format and file lifecycle (server/db/update-journal.ts), on real files: what a reader
 * takes from a file cut or damaged anywhere (a crash mid-write, a bad disk block), when files rotate and go, and what
 * a shutdown leaves for the next start. Recovery into a real database: test/integration/update-journal.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRecords, encodeRecord, UpdateJournal } from '../../server/db/update-journal.js';
import type { DocumentAppend } from '../../server/db/stores/meeting-docs.js';

const dirs: string[] = [];
const dbFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-unit-'));
  dirs.push(dir);
  return path.join(dir, 'triage.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const appendArb: fc.Arbitrary<DocumentAppend> = fc.record({
  meetingId: fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }),
  doc: fc.constantFrom('shared' as const, 'restricted' as const),
  updates: fc.array(fc.uint8Array({ minLength: 0, maxLength: 300 }), { minLength: 1, maxLength: 5 }),
});
const plain = (appends: DocumentAppend[]) => appends.map((a) => ({ ...a, updates: a.updates.map((u) => Array.from(u)) }));

describe('journal records', () => {
  it('read back whole and in order', () => {
    fc.assert(
      fc.property(fc.array(appendArb, { maxLength: 8 }), (appends) => {
        const bytes = Buffer.concat(appends.map((a) => encodeRecord(a.meetingId, a.doc, a.updates)));
        const read = decodeRecords(bytes);
        expect(read.validBytes).toBe(bytes.length);
        expect(plain(read.appends)).toEqual(plain(appends));
      }),
    );
  });

  it('keeps long updates and any meeting id whole (lengths past one and two varint bytes)', () => {
    const big = new Uint8Array(70_000).map((_, i) => i % 251);
    const appends: DocumentAppend[] = [{ meetingId: 'cyfarfod-ŵ-😀', doc: 'restricted', updates: [big, new Uint8Array(200), new Uint8Array(0)] }];
    const read = decodeRecords(encodeRecord(appends[0].meetingId, appends[0].doc, appends[0].updates));
    expect(plain(read.appends)).toEqual(plain(appends));
  });

  it('a file cut anywhere gives exactly the records before the cut, and never throws', () => {
    fc.assert(
      fc.property(fc.array(appendArb, { minLength: 1, maxLength: 6 }), fc.nat(), (appends, cutAt) => {
        const records = appends.map((a) => encodeRecord(a.meetingId, a.doc, a.updates));
        const bytes = Buffer.concat(records);
        const cut = cutAt % (bytes.length + 1);
        let whole = 0;
        for (let end = 0; whole < records.length && end + records[whole].length <= cut; whole++) end += records[whole].length;
        const read = decodeRecords(bytes.subarray(0, cut));
        expect(plain(read.appends)).toEqual(plain(appends.slice(0, whole)));
      }),
    );
  });

  it('stops at a damaged record: nothing after it is trusted', () => {
    fc.assert(
      fc.property(fc.array(appendArb, { minLength: 2, maxLength: 6 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (appends, at, flip) => {
        const records = appends.map((a) => encodeRecord(a.meetingId, a.doc, a.updates));
        const bytes = Buffer.concat(records);
        const pos = at % bytes.length;
        bytes[pos] ^= flip;
        let damaged = 0;
        for (let end = records[0].length; end <= pos; end += records[++damaged].length);
        const read = decodeRecords(bytes);
        // Every record before the damaged one is read as written; the damaged one and those after it are not.
        expect(plain(read.appends.slice(0, damaged))).toEqual(plain(appends.slice(0, damaged)));
        expect(read.appends.length).toBeLessThanOrEqual(damaged);
      }),
    );
  });

  it('hostile bytes never throw and are never taken for a record of an unknown document', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const read = decodeRecords(bytes);
        expect(read.validBytes).toBeLessThanOrEqual(bytes.length);
        for (const a of read.appends) expect(['shared', 'restricted']).toContain(a.doc);
      }),
    );
  });
});

describe('journal files', () => {
  const update = new Uint8Array(100).fill(7);

  it('appends to one file, rotates past its size, and removes a rotated file once its updates are settled', () => {
    const base = dbFile();
    const journal = new UpdateJournal(base, { rotateBytes: 1000 });
    const first = journal.append('m1', 'shared', [update])!;
    expect(journal.files()).toEqual([`${base}.journal-1`]);
    const segments = [first];
    for (let i = 0; i < 12; i++) segments.push(journal.append('m1', 'shared', [update])!);
    // ~115 bytes a record: the first file retired at 1,000 bytes, the second in use.
    expect(journal.files()).toEqual([`${base}.journal-1`, `${base}.journal-2`]);
    const inFirst = segments.filter((s) => s === first).length;
    expect(inFirst).toBe(9);
    journal.settle(first, inFirst - 1);
    expect(fs.existsSync(`${base}.journal-1`)).toBe(true);
    journal.settle(first, 1);
    expect(fs.existsSync(`${base}.journal-1`)).toBe(false);
    // Its records are whole and readable.
    expect(decodeRecords(fs.readFileSync(`${base}.journal-2`)).appends).toHaveLength(4);
  });

  it('settleAll counts each run of updates against its own file and skips those never journalled', () => {
    const base = dbFile();
    const journal = new UpdateJournal(base, { rotateBytes: 200 });
    const a = journal.append('m1', 'shared', [update, update])!; // ~220 bytes: its file is retired after it
    const b = journal.append('m1', 'shared', [update])!;
    expect(a).not.toBe(b);
    journal.settleAll([{ journal: a }, {}, { journal: a }, { journal: b }]);
    expect(journal.files()).toEqual([`${base}.journal-2`]);
  });

  it('a shutdown removes files whose updates all reached the log and keeps the others for the next start', () => {
    const base = dbFile();
    const journal = new UpdateJournal(base);
    const seg = journal.append('m1', 'shared', [update, update])!;
    journal.settle(seg, 1);
    journal.close();
    expect(journal.files()).toEqual([`${base}.journal-1`]);
    expect(journal.append('m1', 'shared', [update])).toBeNull();
    // A journal opened next numbers its files after the ones left.
    const next = new UpdateJournal(base);
    next.append('m2', 'shared', [update]);
    expect(next.files()).toEqual([`${base}.journal-1`, `${base}.journal-2`]);

    const clean = new UpdateJournal(dbFile());
    const s = clean.append('m1', 'restricted', [update])!;
    clean.settle(s, 1);
    clean.close();
    expect(clean.files()).toEqual([]);
  });

  it('a write that fails returns null (the update then waits for its commit) and appends go on when it works again', () => {
    const base = dbFile();
    const journal = new UpdateJournal(base);
    // The journal's directory disappears: the file cannot be made.
    fs.rmSync(path.dirname(base), { recursive: true });
    expect(journal.append('m1', 'shared', [update])).toBeNull();
    expect(journal.counts.failures).toBe(1);
    fs.mkdirSync(path.dirname(base));
    expect(journal.append('m1', 'shared', [update])).not.toBeNull();
    expect(decodeRecords(fs.readFileSync(`${base}.journal-2`)).appends).toHaveLength(1);
  });
});

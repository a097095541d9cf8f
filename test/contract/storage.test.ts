/**
 * A command's transaction, on SQLite and on PostgreSQL: all or nothing, one command at a time (so "read, check,
 * write" never loses an update), a nested command joins the open transaction, and a call from outside waits for it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractEngines, openForBlock, seedMeetings } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe.each(contractEngines)('command transactions on $name', (engine) => {
  const db = openForBlock(engine);

  it('commits what the work wrote when it resolves, and nothing of it when it throws', async () => {
    const [kept, dropped] = (await seedMeetings(db, 2)).meetingIds;
    const result = await db.storage.transaction(async (s) => {
      await s.roomState.save(kept, { v: 1 }, t0);
      await s.audit.record({ actorId: null, action: 'test.kept', targetType: 'meeting', targetId: kept }, t0);
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      db.storage.transaction(async (s) => {
        await s.roomState.save(dropped, { v: 1 }, t0);
        await s.audit.record({ actorId: null, action: 'test.dropped', targetType: 'meeting', targetId: dropped }, t0);
        throw new Error('refused halfway');
      }),
    ).rejects.toThrow('refused halfway');
    expect(await db.storage.stores.roomState.load(kept)).toEqual({ v: 1 });
    expect(await db.storage.stores.roomState.load(dropped)).toBeNull();
    expect(await db.count('audit_log', 'target_id', kept)).toBe(1);
    expect(await db.count('audit_log', 'target_id', dropped)).toBe(0);
  });

  it('runs concurrent read-check-write commands one at a time: no update is lost, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 12 }), async (yields) => {
        const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
        await db.storage.stores.roomState.save(meetingId, { n: 0 }, t0);
        await Promise.all(
          yields.map((extra) =>
            db.storage.transaction(async (s) => {
              const { n } = (await s.roomState.load(meetingId)) as { n: number };
              for (let i = 0; i < extra; i++) await s.roomState.load(meetingId);
              await s.roomState.save(meetingId, { n: n + 1 }, t0);
            }),
          ),
        );
        expect(await db.storage.stores.roomState.load(meetingId)).toEqual({ n: yields.length });
      }),
      { numRuns: 15 },
    );
  });

  it('lets a command called from inside another join its transaction, and rolls both back together', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    await expect(
      db.storage.transaction(async (s) => {
        await s.roomState.save(meetingId, { outer: true }, t0);
        await db.storage.transaction(async (inner) => inner.roomState.save(meetingId, { inner: true }, t0));
        // The outside stores, called from inside the transaction, see its own writes rather than waiting for it.
        expect(await db.storage.stores.roomState.load(meetingId)).toEqual({ inner: true });
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    expect(await db.storage.stores.roomState.load(meetingId)).toBeNull();
  });

  it('keeps a call from outside out of an open transaction: it sees the state before or after, never halfway', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    await db.storage.stores.roomState.save(meetingId, { step: 0 }, t0);
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let halfway = () => undefined as void;
    const reachedHalfway = new Promise<void>((resolve) => {
      halfway = resolve;
    });
    const command = db.storage.transaction(async (s) => {
      await s.roomState.save(meetingId, { step: 1 }, t0);
      halfway();
      await held;
      await s.roomState.save(meetingId, { step: 2 }, t0);
    });
    await reachedHalfway;
    const outside = db.storage.stores.roomState.load(meetingId);
    release();
    await command;
    expect([{ step: 0 }, { step: 2 }]).toContainEqual(await outside);
  });
});

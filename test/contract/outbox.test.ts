/**
 * The email outbox: the same cases on SQLite and on PostgreSQL, above all that senders claiming at the same moment
 * never take the same email, and every due email is taken by exactly one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOutboxRow } from '../../server/db/stores/outbox.js';
import { contractEngines, fixtureId, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

describe.each(contractEngines)('email outbox on $name', (engine) => {
  let db: EngineUnderTest;
  let personId: string;
  let meetingId: string;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [{ id: 'ag', name: 'Police', shortName: 'P', createdAt: t0 }]);
    personId = fixtureId('person');
    await db.insert('people', [{ id: personId, agencyId: 'ag', name: 'Jo Brenner', email: 'jo@example.test', role: 'member', createdAt: t0 }]);
    await db.insert('series', [{ id: 's', name: 'Series', createdAt: t0 }]);
    meetingId = fixtureId('meeting');
    await db.insert('meetings', [{ id: meetingId, seriesId: 's', title: 'M', scheduledAt: t0, createdAt: t0 }]);
  });
  afterAll(() => db?.close());

  const email = (over: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
    id: fixtureId('email'),
    kind: 'circulation',
    toPersonId: personId,
    toAddress: 'jo@example.test',
    subject: 'Minutes extract',
    text: 'Plain text',
    html: '<p>Html</p>',
    attachmentName: 'extract.pdf',
    attachmentType: 'application/pdf',
    attachment: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 255]),
    meetingId,
    seriesId: 's',
    nextAttemptAt: t0,
    createdAt: t0,
    ...over,
  });

  it('senders claiming at the same moment each take different emails, and all due ones are taken once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }), async (count, senders, limit) => {
        const now = t0 + 1_000_000 + count * 1000 + senders * 10 + limit;
        // Fall due in the past relative to `now`, but after every earlier run's rows (which are claimed anyway).
        const rows = Array.from({ length: count }, (_, i) => email({ nextAttemptAt: now - 1 - (i % 3), createdAt: t0 + i }));
        for (const row of rows) await db.outbox.enqueue(row);
        await db.outbox.enqueue(email({ nextAttemptAt: t0 + 1e11 })); // not due in any of these tests
        const claimed: string[] = [];
        while (claimed.length < count) {
          const batch = await Promise.all(Array.from({ length: senders }, () => db.outbox.claimDue(now, limit)));
          const taken = batch.flat().map((r) => r.id);
          expect(taken.length).toBeGreaterThan(0);
          claimed.push(...taken);
        }
        expect(claimed.length).toBe(new Set(claimed).size);
        expect(new Set(claimed)).toEqual(new Set(rows.map((r) => r.id)));
        expect(await db.outbox.claimDue(now, 100)).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it('hands out the row as stored, oldest due first, and drops the attachment once sent', async () => {
    const later = t0 + 5_000_000;
    const [a, b] = [email({ nextAttemptAt: later - 2, createdAt: t0 + 2 }), email({ nextAttemptAt: later - 2, createdAt: t0 + 1 })];
    await db.outbox.enqueue(a);
    await db.outbox.enqueue(b);
    const claimed = await db.outbox.claimDue(later, 10);
    expect(claimed.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(claimed[0]).toEqual({ ...b, state: 'queued', attempts: 0, lastError: null, sentAt: null, attachment: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 255]) });
    await db.outbox.markSent(a.id, 1, later + 1);
    await db.outbox.markAttemptFailed(b.id, 1, 'Greylisted', later + 60_000);
    expect(await db.outbox.byIds([a.id, b.id, 'nope'])).toEqual(
      expect.arrayContaining([
        { id: a.id, state: 'sent', attempts: 1, lastError: null, sentAt: later + 1, nextAttemptAt: later - 2 },
        { id: b.id, state: 'queued', attempts: 1, lastError: 'Greylisted', sentAt: null, nextAttemptAt: later + 60_000 },
      ]),
    );
    expect((await db.rows('email_outbox', 'id', a.id))[0].attachment).toBeNull();
    await db.outbox.markAttemptFailed(b.id, 5, 'Mailbox unavailable', null);
    expect((await db.outbox.problems({ meetingId })).map((p) => [p.id, p.state, p.lastError])).toContainEqual([b.id, 'failed', 'Mailbox unavailable']);
    expect(await db.outbox.retryNow([a.id, b.id], later + 2)).toBe(1);
    expect(await db.outbox.byIds([b.id])).toEqual([{ id: b.id, state: 'queued', attempts: 5, lastError: 'Mailbox unavailable', sentAt: null, nextAttemptAt: later + 2 }]);
  });

  it('queues again, at start, what a stopped sender was sending', async () => {
    const at = t0 + 9_000_000;
    const row = email({ nextAttemptAt: at - 1 });
    await db.outbox.enqueue(row);
    expect((await db.outbox.claimDue(at, 100)).map((r) => r.id)).toContain(row.id);
    expect(await db.outbox.requeueInterrupted(at + 1)).toBeGreaterThanOrEqual(1);
    expect(await db.outbox.byIds([row.id])).toEqual([expect.objectContaining({ state: 'queued', nextAttemptAt: at + 1 })]);
  });
});

/**
 * Room state, attendance and the audit log: the same cases on SQLite and on PostgreSQL.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/db/stores/room-records.js';
import { contractEngines, fixtureId, openForBlock, seedMeetings, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

async function seedPeople(db: EngineUnderTest, names: string[]): Promise<string[]> {
  const agencyId = fixtureId('agency');
  await db.insert('agencies', [{ id: agencyId, name: `Agency ${agencyId}`, shortName: 'A', createdAt: t0 }]);
  const ids = names.map((name) => `${fixtureId('person')}-${name}`);
  await db.insert(
    'people',
    ids.map((id, i) => ({ id, agencyId, name: names[i], email: `${id}@example.test`, role: 'member', createdAt: t0 })),
  );
  return ids;
}

describe.each(contractEngines)('room records on $name', (engine) => {
  const db = openForBlock(engine);

  it('saves and replaces the room state, reading back the JSON exactly as saved', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    expect(await db.roomState.load(meetingId)).toBeNull();
    const state = { v: 3, nowDiscussing: 'item-2', timer: { startedAt: t0, ms: 300_000 }, hands: ['p2', 'p1'], zeta: null, alpha: true };
    await db.roomState.save(meetingId, state, t0);
    expect(JSON.stringify(await db.roomState.load(meetingId))).toBe(JSON.stringify(state));
    await db.roomState.save(meetingId, { v: 4, nowDiscussing: null }, t0 + 1);
    expect(await db.roomState.load(meetingId)).toEqual({ v: 4, nowDiscussing: null });
    expect(await db.count('meeting_room_state', 'meeting_id', meetingId)).toBe(1);
  });

  it('records when a meeting was opened and when it ended', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    await db.roomState.setStatus(meetingId, 'live', t0 + 5);
    await db.roomState.setStatus(meetingId, 'ended', t0 + 9);
    const [row] = await db.rows('meetings', 'id', meetingId);
    expect([row.status, row.opened_at, row.ended_at]).toEqual(['ended', t0 + 5, t0 + 9]);
  });

  it('keeps the first join through reconnects, marks leaving, closes everyone at the end and acknowledges once', async () => {
    const [meetingId] = (await seedMeetings(db, 1)).meetingIds;
    const [zoe, adam, emile] = await seedPeople(db, ['Zoe', 'adam', 'Émile']);
    await db.attendance.joined(meetingId, emile, 'member', t0 + 10);
    await db.attendance.joined(meetingId, zoe, 'member', t0 + 10);
    await db.attendance.joined(meetingId, adam, 'observer', t0);
    await db.attendance.left(meetingId, zoe, t0 + 20);
    await db.attendance.joined(meetingId, zoe, 'chair', t0 + 30);
    await db.attendance.left(meetingId, adam, t0 + 40);
    expect(await db.attendance.acknowledge(meetingId, emile, t0 + 50)).toBe(t0 + 50);
    expect(await db.attendance.acknowledge(meetingId, emile, t0 + 60)).toBe(t0 + 50);
    expect(await db.attendance.acknowledge(meetingId, 'not-here', t0 + 60)).toBeNull();
    await db.attendance.closeAll(meetingId, t0 + 99);
    const byPerson = [zoe, emile].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0 ? -1 : 1));
    expect(await db.attendance.list(meetingId)).toEqual([
      { personId: adam, role: 'observer', firstJoinedAt: t0, lastLeftAt: t0 + 40, confidentialityAckAt: null },
      ...byPerson.map((personId) =>
        personId === zoe
          ? { personId: zoe, role: 'chair', firstJoinedAt: t0 + 10, lastLeftAt: t0 + 99, confidentialityAckAt: null }
          : { personId: emile, role: 'member', firstJoinedAt: t0 + 10, lastLeftAt: t0 + 99, confidentialityAckAt: t0 + 50 },
      ),
    ]);
    expect(await db.attendance.find(meetingId, 'not-here')).toBeUndefined();
  });

  it('writes a large audit batch in one transaction: all rows, or none when one is refused', async () => {
    const [actor] = await seedPeople(db, ['Auditor']);
    const target = fixtureId('target');
    const entries = Array.from({ length: 1203 }, (_, i) => ({
      entry: { actorId: actor, action: 'meeting.join', targetType: 'meeting', targetId: target, detail: { n: i, ok: i % 2 === 0, note: null }, ip: '127.0.0.1' } satisfies AuditEntry,
      at: t0 + i,
    }));
    await db.audit.recordMany(entries);
    expect(await db.count('audit_log', 'target_id', target)).toBe(1203);
    const refusedTarget = fixtureId('target');
    const refused = entries.map(({ entry, at }, i) => ({ entry: { ...entry, targetId: refusedTarget, actorId: i === 1100 ? 'no-such-person' : actor }, at }));
    await expect(db.audit.recordMany(refused)).rejects.toThrow();
    expect(await db.count('audit_log', 'target_id', refusedTarget)).toBe(0);
  });

  it('lists the audit log newest first, filtered, with the actor’s name and the detail as recorded', async () => {
    const [alice, bob] = await seedPeople(db, ['Alice', 'Bob']);
    const target = fixtureId('target');
    for (let i = 0; i < 10; i++) await db.audit.record({ actorId: i % 2 ? bob : alice, action: i < 5 ? 'minutes.export' : 'meeting.end', targetType: 'meeting', targetId: target, detail: { format: 'docx', i } }, t0 + i);
    await db.audit.record({ actorId: null, action: 'sign-in.failed', targetId: target, ip: '10.0.0.9' }, t0 + 10);
    const all = await db.audit.list({ targetId: target, limit: 100 });
    expect(all.map((r) => r.at - t0)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(all[0]).toMatchObject({ actorId: null, actorName: null, action: 'sign-in.failed', targetType: null, detail: null, ip: '10.0.0.9' });
    expect(all[1]).toMatchObject({ actorId: bob, actorName: 'Bob', action: 'meeting.end', detail: { format: 'docx', i: 9 } });
    expect((await db.audit.list({ targetId: target, actorId: alice, action: 'minutes.export', limit: 100 })).map((r) => r.at - t0)).toEqual([4, 2, 0]);
    expect((await db.audit.list({ targetId: target, from: t0 + 3, to: t0 + 5, limit: 2 })).map((r) => r.at - t0)).toEqual([5, 4]);
    // Any window and limit: the rows in it, newest first, cut at the limit.
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 12 }), async (fromI, span, limit) => {
        const rows = await db.audit.list({ targetId: target, from: t0 + fromI, to: t0 + fromI + span, limit });
        const expected = Array.from({ length: 11 }, (_, i) => i)
          .filter((i) => i >= fromI && i <= fromI + span)
          .reverse()
          .slice(0, limit);
        expect(rows.map((r) => r.at - t0)).toEqual(expected);
      }),
      { numRuns: 20, examples: [[0, 9, 12]] },
    );
  });
});

/**
 * Rows written outside a request keep PostgreSQL's promise too: attendance (someone joined or left) and audit rows
 * from a join storm, written while PostgreSQL cannot be reached, are kept in order and written once it is back,
 * each with the time it happened; nothing is dropped or doubled. (SQLite's busy and full faults:
 * test/integration/retry-queues.test.ts and storage-faults.test.ts.) The fault is real: the server's connections go
 * through a TCP proxy that drops them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { createAttendanceService } from '../../server/services/attendance-service.js';
import { createAudit } from '../../server/services/audit-service.js';
import { createWriteQueue } from '../../server/services/write-queue.js';
import { fixtureId, openCuttablePostgres, seedMeetings, type CuttablePostgres } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe('retrying queues when PostgreSQL goes away', () => {
  let pg: CuttablePostgres;
  beforeAll(async () => {
    pg = await openCuttablePostgres({ connectionTimeoutMs: 2000 });
  });
  afterAll(() => pg?.close());

  it('keeps attendance written while PostgreSQL is away, in order, and writes it with the times it happened', async () => {
    const [meetingId] = (await seedMeetings(pg.direct, 1)).meetingIds;
    const agencyId = fixtureId('agency');
    const people = [fixtureId('person'), fixtureId('person')];
    await pg.direct.insert('agencies', [{ id: agencyId, name: 'Housing Options', shortName: 'HO', createdAt: t0 }]);
    await pg.direct.insert('people', people.map((id) => ({ id, agencyId, name: `Person ${id}`, email: `${id}@example.test`, role: 'member', createdAt: t0 })));
    // The retry timer is not waited for: the test drives the retries itself.
    const writes = createWriteQueue(createLogger('silent'), 3_600_000);
    let clock = t0;
    // Whether the meeting is live is read past the proxy: only the writes meet the fault.
    const attendance = createAttendanceService({ storage: pg.storage, statusOf: async () => 'live', now: () => clock, writes });

    pg.proxy.cut();
    await attendance.arrived(meetingId, { personId: people[0], role: 'member' });
    clock += 1000;
    await attendance.arrived(meetingId, { personId: people[1], role: 'member' });
    clock += 1000;
    await attendance.departed(meetingId, people[0]);
    expect(writes.waitingCount).toBe(3);
    expect(await writes.flush()).toBe(false);
    await expect(writes.writeAllOrThrow()).rejects.toMatchObject({ code: 'PG_UNAVAILABLE' });
    expect(await pg.direct.count('meeting_attendance', 'meeting_id', meetingId)).toBe(0);

    pg.proxy.open();
    expect(await writes.flush()).toBe(true);
    expect(writes.waitingCount).toBe(0);
    const rows = await pg.direct.rows('meeting_attendance', 'meeting_id', meetingId);
    expect(rows.map((r) => [r.person_id, Number(r.first_joined_at), r.last_left_at === null ? null : Number(r.last_left_at)]).sort()).toEqual(
      [
        [people[0], t0, t0 + 2000],
        [people[1], t0 + 1000, null],
      ].sort(),
    );
  });

  it('keeps a join storm’s audit rows while PostgreSQL is away and writes each once, in order, when it is back', async () => {
    const [meetingId] = (await seedMeetings(pg.direct, 1)).meetingIds;
    let clock = t0;
    const audit = createAudit(pg.storage.stores.audit, () => clock, createLogger('silent'));
    pg.proxy.cut();
    for (let n = 1; n <= 5; n++) {
      clock += 10;
      audit.recordSoon({ actorId: null, action: 'meeting.join', targetType: 'meeting', targetId: meetingId, detail: { n } });
    }
    expect(await audit.flush()).toBe(false);
    expect(audit.queuedCount).toBe(5);
    clock += 10;
    audit.recordSoon({ actorId: null, action: 'meeting.join', targetType: 'meeting', targetId: meetingId, detail: { n: 6 } });
    pg.proxy.open();
    expect(await audit.flush()).toBe(true);
    expect(await audit.flush()).toBe(true); // nothing left: written once
    const rows = (await pg.direct.rows('audit_log', 'target_id', meetingId)).sort((a, b) => Number(a.id) - Number(b.id));
    expect(rows.map((r) => [(r.detail as { n: number }).n, Number(r.at)])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, t0 + 10 * n]));
  });
});

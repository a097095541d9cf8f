/**
 * A command transaction whose PostgreSQL connection is cut (at BEGIN, mid-work or at COMMIT) gives its pool client
 * back and never reuses the dead connection: with a pool of two, many cut transactions in a row still leave the next
 * command able to run once PostgreSQL answers again. (Drizzle's own pool transaction kept a client cut at BEGIN for
 * ever: two outages and every later command would wait for a client that never came.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCuttablePostgres, seedMeetings, type CuttablePostgres } from './engines.js';

const t0 = Date.UTC(2026, 10, 30, 10);

describe('PostgreSQL command transactions when the connection is cut', () => {
  let pg: CuttablePostgres;
  beforeAll(async () => {
    // Two clients, and a short wait for one: a leaked client shows as a timeout, not a hang.
    pg = await openCuttablePostgres({ max: 2, connectionTimeoutMs: 2000 });
  });
  afterAll(() => pg?.close());

  it.each(['begin', 'pg_advisory_xact_lock', 'insert into "audit_log"', 'commit'])('cut at %s, five times over: nothing stored, and the next command runs', async (where) => {
    const [meetingId] = (await seedMeetings(pg.direct, 1)).meetingIds;
    const command = (n: number) =>
      pg.storage.transaction(async (s) => {
        await s.roomState.save(meetingId, { n }, t0);
        await s.audit.record({ actorId: null, action: 'test.cut', targetType: 'meeting', targetId: meetingId, detail: { n } }, t0);
      });
    for (let n = 1; n <= 5; n++) {
      pg.proxy.cutOn(where); // each cut drops one connection
      await expect(command(n)).rejects.toMatchObject({ code: 'PG_UNAVAILABLE' });
    }
    expect(await pg.direct.roomState.load(meetingId)).toBeNull();
    expect(await pg.direct.count('audit_log', 'target_id', meetingId)).toBe(0);
    pg.proxy.cutOn(null);
    await command(6);
    expect(await pg.direct.roomState.load(meetingId)).toEqual({ n: 6 });
    expect(await pg.direct.count('audit_log', 'target_id', meetingId)).toBe(1);
  });
});

/**
 * Every PostgreSQL store, asked anything while PostgreSQL cannot be reached, answers with the same storage fault
 * (PG_UNAVAILABLE, in words), which the write batcher, the retry queues and the REST 503 already understand. A store
 * that forgot to classify its errors would leak a raw driver error (a 500) instead.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../server/db/pg/schema.js';
import { pgStores } from '../../server/db/stores/pg-storage.js';
import { toAppError } from '../../server/errors.js';
import { freePort } from '../support/engines.js';

describe('PostgreSQL stores when the database cannot be reached', async () => {
  const port = await freePort();
  const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/nothing`, connectionTimeoutMillis: 2000 });
  pool.on('error', () => undefined);
  const stores = pgStores({ db: drizzle(pool, { schema: pgSchema }), pool });
  afterAll(() => pool.end());

  const calls: [string, () => Promise<unknown>][] = [
    ['meetingDocs.load', () => stores.meetingDocs.load('m', 'shared')],
    ['meetingDocs.appendMany', () => stores.meetingDocs.appendMany([{ meetingId: 'm', doc: 'shared', updates: [Uint8Array.of(1)] }], 0)],
    ['meetingDocs.compact', () => stores.meetingDocs.compact('m', 'shared', Uint8Array.of(1), 1, 0)],
    ['minutes.versions', () => stores.minutes.versions('m')],
    ['minutes.nextDecisionSeq', () => stores.minutes.nextDecisionSeq('s', 2026)],
    ['roomState.save', () => stores.roomState.save('m', {}, 0)],
    ['attendance.joined', () => stores.attendance.joined('m', 'p', 'member', 0)],
    ['audit.recordMany', () => stores.audit.recordMany([{ entry: { actorId: null, action: 'x' }, at: 0 }])],
    ['auth.sessionWithPerson', () => stores.auth.sessionWithPerson('hash', 0)],
    ['auth.countAttempt', () => stores.auth.countAttempt('a@example.test', 0)],
    ['records.listMeetings', () => stores.records.listMeetings()],
    ['outbox.claimDue', () => stores.outbox.claimDue(0, 10)],
    ['actions.list', () => stores.actions.list('s', {})],
    ['actions.setStatuses', () => stores.actions.setStatuses(['a'], { status: 'done', note: null, byPersonId: 'p' }, 0)],
    ['outcomes.actions', () => stores.outcomes.actions({ seriesId: 's', start: 0, end: 1 })],
    ['outcomes.seriesName', () => stores.outcomes.seriesName('s')],
    ['reminders.claimDay', () => stores.reminders.claimDay('reminders', '2026-11-24', 0)],
    ['reminders.setSettings', () => stores.reminders.setSettings('s', 7, [], 0)],
    ['circulation.listForMeeting', () => stores.circulation.listForMeeting('m')],
    ['circulation.recordOpen', () => stores.circulation.recordOpen('r', 0)],
  ];

  it.each(calls)('%s fails with PG_UNAVAILABLE and a message a person can act on', async (_name, call) => {
    const err = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ name: 'PgStorageFault', code: 'PG_UNAVAILABLE' });
    expect(toAppError(err)).toMatchObject({ code: 'unavailable', message: 'The database cannot be reached; nothing was saved. Try again in a moment' });
  });
});

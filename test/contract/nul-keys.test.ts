/**
 * Lookups by a key holding the NUL character (U+0000): nothing stored can hold it, so no row matches. SQLite simply
 * finds nothing; PostgreSQL refuses even to compare text with it, so its stores answer without asking
 * (server/db/pg/nul-keys.ts). Both engines must give the answer they give for a key nobody has. A write holding NUL
 * is refused on PostgreSQL with a validation error (a 422 / `validation_failed`), never a driver error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { AppError, toAppError } from '../../server/errors.js';
import { pgCall } from '../../server/db/pg/faults.js';
import { contractEngines, fixtureId, seedMeetings, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
/** Text with NUL somewhere in it: alone, around a real-looking id, or among any characters. */
const nulKey = (real: string) =>
  fc.oneof(
    fc.constant('\u0000'),
    fc.constantFrom(`${real}\u0000`, `\u0000${real}`, `${real.slice(0, 3)}\u0000${real.slice(3)}`),
    fc.tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 })).map(([a, b]) => `${a}\u0000${b}`),
  );

describe.each(contractEngines)('lookups by keys holding NUL on $name', (engine) => {
  let db: EngineUnderTest;
  let seriesId: string;
  let meetingId: string;
  let personId: string;
  beforeAll(async () => {
    db = await engine.open();
    ({ seriesId, meetingIds: [meetingId] } = await seedMeetings(db, 1, t0));
    const agencyId = fixtureId('agency');
    await db.insert('agencies', [{ id: agencyId, name: `Agency ${agencyId}`, shortName: 'AG', createdAt: t0 }]);
    personId = fixtureId('person');
    await db.insert('people', [{ id: personId, agencyId, name: 'Nia Pugh', email: `${personId}@example.test`, role: 'member', passwordHash: '$argon2id$synthetic', createdAt: t0 }]);
  });
  afterAll(() => db?.close());

  /** Every lookup, with what it answers for a key nobody has (the SQLite answer). */
  const lookups = () => [
    { name: 'auth.personByEmail', run: (k: string) => db.auth.personByEmail(k), none: undefined },
    { name: 'auth.personById', run: (k: string) => db.auth.personById(k), none: undefined },
    { name: 'auth.sessionWithPerson', run: (k: string) => db.auth.sessionWithPerson(k, t0), none: undefined },
    { name: 'auth.liveSession', run: (k: string) => db.auth.liveSession(k, t0), none: undefined },
    { name: 'records.findMeeting', run: (k: string) => db.records.findMeeting(k), none: undefined },
    { name: 'records.meetingExists', run: (k: string) => db.records.meetingExists(k), none: false },
    { name: 'records.meetingParticipants', run: (k: string) => db.records.meetingParticipants(k, k, k), none: [] },
    { name: 'series.find', run: (k: string) => db.series.find(k), none: undefined },
    { name: 'series.findMeeting', run: (k: string) => db.series.findMeeting(k), none: undefined },
    { name: 'series.meetingsOf', run: (k: string) => db.series.meetingsOf(k), none: [] },
    { name: 'series.personName', run: (k: string) => db.series.personName(k), none: null },
    { name: 'series.agencyExists', run: (k: string) => db.series.agencyExists(k), none: false },
    { name: 'series.contactsOf', run: (k: string) => db.series.contactsOf([personId, k]), none: 'same as for an unknown key' },
    { name: 'invites.unused', run: (k: string) => db.invites.unused(k, t0), none: undefined },
    { name: 'cases.caseByRef', run: (k: string) => db.cases.caseByRef(k), none: undefined },
    { name: 'cases.caseById', run: (k: string) => db.cases.caseById(k), none: undefined },
    { name: 'cases.casesById', run: (k: string) => db.cases.casesById([k]), none: [] },
    { name: 'cases.listCases', run: (k: string) => db.cases.listCases(k), none: [] },
    { name: 'meetingDocs.load', run: (k: string) => db.meetingDocs.load(k, 'shared'), none: 'same as for an unknown key' },
  ];

  it('answers every lookup by a NUL-holding key as for a key nobody has, without an error', async () => {
    for (const lookup of lookups()) {
      const unknown = await lookup.run(fixtureId('nobody'));
      if (typeof lookup.none !== 'string') expect(unknown, lookup.name).toEqual(lookup.none);
      await fc.assert(
        fc.asyncProperty(fc.oneof(nulKey(meetingId), nulKey(personId), nulKey(seriesId), nulKey(`${personId}@example.test`)), async (key) => {
          expect(await lookup.run(key), lookup.name).toEqual(unknown);
        }),
        { numRuns: 15 },
      );
    }
    // The rows the keys were made from are still found by their own keys (the guard looks at NUL only).
    expect((await db.records.findMeeting(meetingId))?.id).toBe(meetingId);
    expect((await db.auth.personById(personId))?.id).toBe(personId);
    expect((await db.series.contactsOf([personId, '\u0000'])).map((c) => c.id)).toEqual([personId]);
  });

  it('refuses a write keyed or filled with NUL on PostgreSQL with a validation error, storing nothing; SQLite stores nothing either', async () => {
    await fc.assert(
      fc.asyncProperty(nulKey(meetingId), async (key) => {
        const attempts = [
          () => db.series.updateMeeting(key, { title: 'Renamed' }),
          () => db.auth.deleteSession(key),
          // SQLite would store this one: a PostgreSQL-only case (the REST and Socket.IO doors refuse it for both).
          ...(engine.name === 'PostgreSQL' ? [() => db.series.updateMeeting(meetingId, { venue: key })] : []),
        ];
        for (const attempt of attempts) {
          const outcome = await attempt().then(
            () => 'done',
            (err: unknown) => err,
          );
          if (engine.name === 'PostgreSQL') {
            expect(outcome).toBeInstanceOf(AppError);
            expect(toAppError(outcome).code).toBe('validation_failed');
            expect((outcome as Error).message).toMatch(/NUL character/);
          } else if (outcome !== 'done') throw outcome;
        }
      }),
      { numRuns: 10 },
    );
    // Inside a command's transaction too: the refusal rolls the whole transaction back.
    if (engine.name === 'PostgreSQL') {
      const refused = await db.storage
        .transaction(async (s) => {
          await s.series.updateMeeting(meetingId, { title: 'Half done' });
          await s.series.updateMeeting(meetingId, { venue: 'Room\u00001' });
        })
        .catch((err: unknown) => toAppError(err).code);
      expect(refused).toBe('validation_failed');
    }
    expect(await db.series.findMeeting(meetingId)).toMatchObject({ title: 'Meeting 1', venue: 'Online' });
  });
});

describe('PostgreSQL’s own refusal of NUL', () => {
  it('is given the same validation error as the guard’s (a \\u0000 escape in jsonb, refused by PostgreSQL itself)', async () => {
    const postgres = contractEngines.find((e) => e.name === 'PostgreSQL');
    const db = await postgres!.open();
    try {
      const pool = (db.database as unknown as { db: { $client: pg.Pool } }).db.$client;
      const refused = await pgCall(() => pool.query(`select '{"a":"\\u0000"}'::jsonb as j`)).catch((err: unknown) => err);
      expect(toAppError(refused).code).toBe('validation_failed');
      expect((await pgCall(() => pool.query(`select '{"a":"b"}'::jsonb as j`))).rows).toEqual([{ j: { a: 'b' } }]);
    } finally {
      await db.close();
    }
  });
});

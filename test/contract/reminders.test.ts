/**
 * The reminders store, the same cases on SQLite and on PostgreSQL: a day claimed once, however many runs race for
 * it; the open actions due by a day (bytewise, as action due days are text), with owner, preference, escalation and
 * threshold; leads and candidates in name order; settings replaced whole; preferences and language.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mailLimits } from '../../shared/limits.js';
import { actionRow, contractEngines, fixtureId, openForBlock, personRow, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

interface Fixture {
  seriesId: string;
  meetingId: string;
  agencies: { police: string; health: string };
  people: { jo: string; emile: string; zoe: string; obs: string };
}

async function seed(db: EngineUnderTest, seriesName = 'Triage North'): Promise<Fixture> {
  const agencies = { police: fixtureId('agency'), health: fixtureId('agency') };
  await db.insert('agencies', [
    { id: agencies.police, name: `Police ${agencies.police}`, shortName: 'P', createdAt: t0 },
    { id: agencies.health, name: `Éire Health ${agencies.health}`, shortName: 'H', createdAt: t0 },
  ]);
  const people = { jo: fixtureId('jo'), emile: fixtureId('emile'), zoe: fixtureId('zoe'), obs: fixtureId('obs') };
  await db.insert('people', [
    personRow(people.jo, 'jo Brenner', agencies.police, t0),
    personRow(people.zoe, 'Zoe Adams', agencies.police, t0, { language: 'cy' }),
    personRow(people.emile, 'Émile Oduya', agencies.health, t0),
    personRow(people.obs, 'Ann Observer', agencies.health, t0, { role: 'observer' }),
  ]);
  const seriesId = fixtureId('series');
  await db.insert('series', [{ id: seriesId, name: seriesName, createdAt: t0 }]);
  await db.insert('series_members', [
    { seriesId, personId: people.jo, role: 'member', createdAt: t0 },
    { seriesId, personId: people.zoe, role: 'coordinator', createdAt: t0 },
    { seriesId, personId: people.emile, role: 'chair', createdAt: t0 },
    { seriesId, personId: people.obs, role: 'observer', createdAt: t0 },
  ]);
  const meetingId = fixtureId('meeting');
  await db.insert('meetings', [{ id: meetingId, seriesId, title: 'M', scheduledAt: t0, status: 'ended', createdAt: t0 }]);
  return { seriesId, meetingId, agencies, people };
}

// An owned, dated action by default: the reminders are about those.
const action = (f: Fixture, over: Record<string, unknown>) =>
  actionRow(t0, { seriesId: f.seriesId, meetingId: f.meetingId, caseRef: 'RR-2026-001', what: 'Visit', ownerPersonId: f.people.jo, ownerAgencyId: f.agencies.police, due: '2026-11-20', ...over });

describe.each(contractEngines)('reminders on $name', (engine) => {
  const db = openForBlock(engine);

  it('lets one run claim a day, however many race for it, and remembers the latest day claimed', async () => {
    const job = fixtureId('job');
    expect(await db.reminders.lastRun(job)).toBeNull();
    const claims = await Promise.all(Array.from({ length: 6 }, () => db.storage.transaction((s) => s.reminders.claimDay(job, '2026-11-24', t0))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await db.reminders.claimDay(job, '2026-11-24', t0 + 1)).toBe(false);
    expect(await db.reminders.claimDay(job, '2026-11-25', t0 + 2)).toBe(true);
    expect(await db.reminders.claimDay(job, '2026-11-09', t0 + 3)).toBe(true);
    expect(await db.reminders.claimDay(`${job}-other`, '2026-11-24', t0 + 4)).toBe(true);
    expect(await db.reminders.lastRun(job)).toEqual({ job, day: '2026-11-25', claimedAt: t0 + 2 });
  });

  it('lists open actions due by a day with owner, preference, escalation and threshold, by series then due day', async () => {
    const f = await seed(db, 'Triage “South”');
    const g = await seed(db, 'Triage North');
    await db.insert('person_preferences', [{ personId: f.people.emile, digests: false, updatedAt: t0 }]);
    await db.insert('series_reminder_settings', [{ seriesId: f.seriesId, escalateAfterDays: 2, updatedAt: t0 }]);
    const rows = [
      action(f, { id: `${f.seriesId}-late`, due: '2026-11-28' }), // after `until`: left out
      action(f, { id: `${f.seriesId}-b`, due: '2026-11-20', position: 2, ownerPersonId: f.people.emile, ownerAgencyId: f.agencies.health }),
      action(f, { id: `${f.seriesId}-a`, due: '2026-11-20', position: 1, ownerAgencyId: null }),
      action(f, { id: `${f.seriesId}-c`, due: '2026-11-01', createdAt: t0 + 5 }),
      action(f, { id: `${f.seriesId}-done`, due: '2026-11-01', status: 'done' }),
      action(f, { id: `${f.seriesId}-nodue`, due: null }),
      action(f, { id: `${f.seriesId}-noowner`, due: '2026-11-01', ownerPersonId: null }),
      action(g, { id: `${g.seriesId}-x`, due: '2026-11-27' }),
    ];
    await db.insert('actions', rows);
    const outboxId = fixtureId('email');
    await db.insert('email_outbox', [{ id: outboxId, kind: 'escalation', toPersonId: f.people.zoe, toAddress: 'z@example.test', subject: 'S', text: 'T', html: 'H', nextAttemptAt: t0, createdAt: t0 }]);
    await db.reminders.recordEscalation(`${f.seriesId}-c`, f.people.zoe, outboxId, t0 + 9);
    // A second escalation of the same action keeps the first.
    await db.reminders.recordEscalation(`${f.seriesId}-c`, f.people.emile, outboxId, t0 + 10);
    expect(await db.count('action_escalations', 'action_id', `${f.seriesId}-c`)).toBe(1);

    const due = (await db.reminders.openActionsDueBy('2026-11-27')).filter((r) => r.seriesId === f.seriesId || r.seriesId === g.seriesId);
    const expectedSeriesOrder = [f.seriesId, g.seriesId].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const ids = due.map((r) => r.id);
    const fIds = [`${f.seriesId}-c`, `${f.seriesId}-a`, `${f.seriesId}-b`];
    expect(ids).toEqual(expectedSeriesOrder[0] === f.seriesId ? [...fIds, `${g.seriesId}-x`] : [`${g.seriesId}-x`, ...fIds]);
    expect(due.find((r) => r.id === `${f.seriesId}-b`)).toEqual({
      id: `${f.seriesId}-b`,
      seriesId: f.seriesId,
      seriesName: 'Triage “South”',
      caseRef: 'RR-2026-001',
      due: '2026-11-20',
      ownerPersonId: f.people.emile,
      ownerName: 'Émile Oduya',
      ownerEmail: `${f.people.emile}@example.test`,
      ownerLanguage: null,
      ownerAgencyId: f.agencies.health,
      ownerAgencyName: `Éire Health ${f.agencies.health}`,
      digests: false,
      escalatedAt: null,
      escalateAfterDays: 2,
    });
    expect(due.find((r) => r.id === `${f.seriesId}-c`)).toMatchObject({ escalatedAt: t0 + 9, digests: null, ownerLanguage: null });
    expect(due.find((r) => r.id === `${f.seriesId}-a`)).toMatchObject({ ownerAgencyId: null, ownerAgencyName: null });
    expect(due.find((r) => r.id === `${g.seriesId}-x`)).toMatchObject({ escalateAfterDays: null });
    expect((await db.reminders.openActionsDueBy('2026-11-01')).map((r) => r.id)).toContain(`${f.seriesId}-c`);
    expect((await db.reminders.openActionsDueBy('2026-11-01')).map((r) => r.id)).not.toContain(`${f.seriesId}-a`);
  });

  it('compares due days with the day bytewise, whatever text they hold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('2026-11-30', '2026-11-3', 'Ä', 'z', '2026-11-30 ')), { minLength: 1, maxLength: 6 }), fc.constantFrom('2026-11-30', 'Z', 'a'), async (dues, until) => {
        const f = await seed(db);
        const rows = dues.map((d, i) => action(f, { id: `${f.seriesId}-${i}`, due: d.replaceAll('\u0000', ''), position: i }));
        await db.insert('actions', rows);
        const got = (await db.reminders.openActionsDueBy(until)).filter((r) => r.seriesId === f.seriesId).map((r) => r.id);
        const expected = rows
          .filter((r) => Buffer.compare(Buffer.from(r.due as string), Buffer.from(until)) <= 0)
          .sort((a, b) => Buffer.compare(Buffer.from(a.due as string), Buffer.from(b.due as string)) || (a.position as number) - (b.position as number))
          .map((r) => r.id);
        expect(got).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps a series’ threshold and leads, replaced whole, and lists who may lead in agency then name order', async () => {
    const f = await seed(db);
    expect(await db.reminders.escalateAfterDays(f.seriesId)).toBe(mailLimits.escalateAfterDaysDefault);
    expect(await db.reminders.leadsOf(f.seriesId)).toEqual([]);
    await db.reminders.setSettings(f.seriesId, 3, [{ agencyId: f.agencies.police, personId: f.people.zoe }, { agencyId: f.agencies.health, personId: f.people.emile }], t0);
    await db.reminders.setSettings(f.seriesId, 4, [{ agencyId: f.agencies.police, personId: f.people.jo }, { agencyId: f.agencies.health, personId: f.people.emile }], t0 + 1);
    expect(await db.reminders.escalateAfterDays(f.seriesId)).toBe(4);
    // "Police …" before "Éire …": bytewise, É is above every ASCII letter.
    expect(await db.reminders.leadsOf(f.seriesId)).toEqual([
      { agencyId: f.agencies.police, agencyName: `Police ${f.agencies.police}`, personId: f.people.jo, name: 'jo Brenner', email: `${f.people.jo}@example.test`, language: null },
      { agencyId: f.agencies.health, agencyName: `Éire Health ${f.agencies.health}`, personId: f.people.emile, name: 'Émile Oduya', email: `${f.people.emile}@example.test`, language: null },
    ]);
    await db.reminders.setSettings(f.seriesId, 0, [], t0 + 2);
    expect(await db.reminders.leadsOf(f.seriesId)).toEqual([]);
    expect(await db.reminders.escalateAfterDays(f.seriesId)).toBe(0);
    expect(await db.reminders.leadCandidates(f.seriesId)).toEqual([
      { personId: f.people.zoe, name: 'Zoe Adams', agencyId: f.agencies.police, agencyName: `Police ${f.agencies.police}`, role: 'coordinator' },
      { personId: f.people.jo, name: 'jo Brenner', agencyId: f.agencies.police, agencyName: `Police ${f.agencies.police}`, role: 'member' },
      { personId: f.people.emile, name: 'Émile Oduya', agencyId: f.agencies.health, agencyName: `Éire Health ${f.agencies.health}`, role: 'chair' },
    ]);
    expect(await db.reminders.memberOfAgency(f.seriesId, f.people.jo, f.agencies.police)).toEqual({ id: f.people.jo, role: 'member' });
    expect(await db.reminders.memberOfAgency(f.seriesId, f.people.obs, f.agencies.health)).toEqual({ id: f.people.obs, role: 'observer' });
    expect(await db.reminders.memberOfAgency(f.seriesId, f.people.jo, f.agencies.health)).toBeUndefined();
    expect(await db.reminders.memberOfAgency('nope', f.people.jo, f.agencies.police)).toBeUndefined();
  });

  it('keeps each person’s digest preference (on until turned off) and language', async () => {
    const f = await seed(db);
    expect(await db.reminders.digestsOn(f.people.jo)).toBe(true);
    await db.reminders.setDigests(f.people.jo, false, t0);
    expect(await db.reminders.digestsOn(f.people.jo)).toBe(false);
    await db.reminders.setDigests(f.people.jo, true, t0 + 1);
    expect(await db.reminders.digestsOn(f.people.jo)).toBe(true);
    expect(await db.count('person_preferences', 'person_id', f.people.jo)).toBe(1);
    expect(await db.reminders.languageOf(f.people.jo)).toBeNull();
    expect(await db.reminders.languageOf(f.people.zoe)).toBe('cy');
    await db.reminders.setLanguage(f.people.jo, 'cy');
    expect(await db.reminders.languageOf(f.people.jo)).toBe('cy');
    expect(await db.reminders.languageOf('nope')).toBeNull();
  });
});

/**
 * The outcome figures' rows, the same on SQLite and on PostgreSQL: referrals with their repeat flag as 0/1, decisions
 * of held meetings by outcome, actions with the latest change to their status, cases, meetings by status, attendance
 * and research per agency (agency names bytewise; actions with no agency first), all within the window only.
 */
import { describe, expect, it } from 'vitest';
import type { OutcomeWindow } from '../../server/db/stores/outcomes.js';
import { contractEngines, fixtureId, openForBlock, type EngineUnderTest } from './engines.js';

const day = 86_400_000;
const start = Date.UTC(2026, 2, 1);
const end = Date.UTC(2026, 3, 1);
/** Grouped rows come in no particular order: compared sorted by their key. */
const byOutcome = <T extends { outcome?: string; status?: string }>(rows: T[]) => [...rows].sort((a, b) => String(a.outcome ?? a.status).localeCompare(String(b.outcome ?? b.status)));

async function seed(db: EngineUnderTest): Promise<{ w: OutcomeWindow; other: OutcomeWindow; agencies: { police: string; health: string }; seriesName: string }> {
  const agencies = { police: fixtureId('agency'), health: fixtureId('agency') };
  const police = `Police ${agencies.police}`;
  const health = `Éire Health ${agencies.health}`;
  await db.insert('agencies', [
    { id: agencies.police, name: police, shortName: 'P', createdAt: start },
    { id: agencies.health, name: health, shortName: 'H', createdAt: start },
  ]);
  const jo = fixtureId('jo');
  await db.insert('people', [{ id: jo, agencyId: agencies.police, name: 'Jo', email: `${jo}@example.test`, role: 'member', createdAt: start }]);
  const seriesId = fixtureId('series');
  const otherSeries = fixtureId('series');
  const seriesName = 'Outcomes “test” — ümlaut';
  await db.insert('series', [
    { id: seriesId, name: seriesName, createdAt: start },
    { id: otherSeries, name: 'Other', createdAt: start },
  ]);
  const m = { held: fixtureId('m'), held2: fixtureId('m'), before: fixtureId('m'), scheduled: fixtureId('m'), cancelled: fixtureId('m'), elsewhere: fixtureId('m') };
  await db.insert('meetings', [
    { id: m.held, seriesId, title: 'Held', scheduledAt: start + 2 * day, status: 'ended', createdAt: start },
    { id: m.held2, seriesId, title: 'Held 2', scheduledAt: start + 9 * day, status: 'ended', createdAt: start },
    { id: m.before, seriesId, title: 'Before', scheduledAt: start - 5 * day, status: 'ended', createdAt: start },
    { id: m.scheduled, seriesId, title: 'Later', scheduledAt: end - 1, status: 'scheduled', createdAt: start },
    { id: m.cancelled, seriesId, title: 'Off', scheduledAt: start + 16 * day, status: 'cancelled', createdAt: start },
    { id: m.elsewhere, seriesId: otherSeries, title: 'Other', scheduledAt: start + 2 * day, status: 'ended', createdAt: start },
  ]);
  const kase = (id: string, status: string, createdAt: number, closedAt: number | null = null, sid = seriesId) => ({
    id,
    seriesId: sid,
    ref: `REF-${id}`,
    prefix: `P${id}`,
    year: 2026,
    seq: 1,
    status,
    referringAgencyId: agencies.police,
    riskLevel: 'high',
    childrenInvolved: true,
    consent: 'given',
    vulnerabilities: [],
    summary: 'Synthetic',
    closedAt,
    createdAt,
    updatedAt: createdAt,
  });
  const c = { a: fixtureId('case'), b: fixtureId('case'), c: fixtureId('case'), merged: fixtureId('case'), late: fixtureId('case'), other: fixtureId('case') };
  await db.insert('cases', [
    kase(c.a, 'open', start - 40 * day),
    kase(c.b, 'closed', start + day, start + 20 * day),
    kase(c.c, 'closed', start + 3 * day, end + day),
    kase(c.merged, 'merged', start + 3 * day),
    kase(c.late, 'open', end),
    kase(c.other, 'open', start + day, null, otherSeries),
  ]);
  const referral = (caseId: string, agencyId: string, createdAt: number, repeat: boolean, sid = seriesId) => ({
    id: fixtureId('referral'),
    seriesId: sid,
    caseId,
    issuedCaseId: caseId,
    referrerId: jo,
    agencyId,
    reason: 'Synthetic',
    urgent: false,
    fields: { riskLevel: 'high', childrenInvolved: true, consent: 'given', lawfulBasis: '', vulnerabilities: [], summary: 'S' },
    state: 'accepted',
    infoExchanges: [],
    repeat,
    earlierReferredAt: [],
    createdAt,
    updatedAt: createdAt,
  });
  await db.insert('referrals', [
    referral(c.b, agencies.health, start + day, false),
    referral(c.c, agencies.police, start + 3 * day, true),
    referral(c.a, agencies.police, start - day, false), // before the window
    referral(c.late, agencies.police, end, false), // the first instant after it
    referral(c.other, agencies.police, start + day, true, otherSeries),
  ]);
  const decision = (meetingId: string, outcome: string, seq: number, sid = seriesId) => ({ meetingId, itemId: `item-${seq}`, seriesId: sid, year: 2026, seq, number: `${seq}/2026`, outcome, text: 'T', reasons: 'R' });
  await db.insert('minutes_decisions', [
    decision(m.held, 'allocate', 1),
    decision(m.held, 'allocate', 2),
    decision(m.held2, '', 3),
    decision(m.before, 'allocate', 4),
    decision(m.elsewhere, 'close', 1, otherSeries),
  ]);
  const action = (id: string, meetingId: string, ownerAgencyId: string | null, status: string, due: string | null) => ({ id, seriesId, meetingId, itemId: 'i', position: 0, what: 'W', ownerPersonId: null, ownerAgencyId, due, status, createdAt: start, updatedAt: start });
  const a = { done: fixtureId('a'), notPossible: fixtureId('a'), open: fixtureId('a'), noAgency: fixtureId('a'), before: fixtureId('a') };
  await db.insert('actions', [
    action(a.done, m.held2, agencies.police, 'done', '2026-03-12'),
    action(a.notPossible, m.held, agencies.health, 'not-possible', null),
    action(a.open, m.held, agencies.police, 'open', '2026-03-05'),
    action(a.noAgency, m.held2, null, 'open', null),
    action(a.before, m.before, agencies.police, 'done', null),
  ]);
  await db.insert('action_updates', [
    { actionId: a.done, status: 'done', note: 'first', byPersonId: jo, at: start + 10 * day },
    { actionId: a.done, status: 'open', note: 'reopened', byPersonId: jo, at: start + 11 * day },
    { actionId: a.done, status: 'done', note: 'again', byPersonId: jo, at: start + 12 * day },
    { actionId: a.done, status: 'done', note: 'same instant, later row', byPersonId: jo, at: start + 12 * day },
    { actionId: a.notPossible, status: 'not-possible', note: 'Family moved — “away”', byPersonId: jo, at: start + 4 * day },
  ]);
  await db.insert('minutes_attendance', [
    { meetingId: m.held, personId: jo, name: 'Jo', agency: police, role: 'member', status: 'present' },
    { meetingId: m.held, personId: null, name: 'Rhys', agency: police, role: 'member', status: 'present' },
    { meetingId: m.held2, personId: null, name: 'Ann', agency: police, role: 'member', status: 'apologies' },
    { meetingId: m.held2, personId: null, name: 'Emma', agency: health, role: 'member', status: 'apologies' },
    { meetingId: m.before, personId: null, name: 'Old', agency: police, role: 'member', status: 'present' },
  ]);
  const research = (caseId: string, meetingId: string, agencyId: string) => ({ id: fixtureId('r'), caseId, meetingId, agencyId, knows: 'k', risks: 'r', view: 'v', authorIds: [], createdAt: start, updatedAt: start });
  await db.insert('case_research', [research(c.a, m.held, agencies.police), research(c.a, m.held2, agencies.police), research(c.b, m.held, agencies.police), research(c.b, m.held2, agencies.health), research(c.c, m.before, agencies.health)]);
  return { w: { seriesId, start, end }, other: { seriesId: otherSeries, start, end }, agencies, seriesName };
}

describe.each(contractEngines)('outcome figures on $name', (engine) => {
  const db = openForBlock(engine);

  it('gives the same rows for every figure, within the window only', async () => {
    const { w, agencies, seriesName } = await seed(db);
    const police = `Police ${agencies.police}`;
    const health = `Éire Health ${agencies.health}`;
    expect(await db.outcomes.seriesName(w.seriesId)).toBe(seriesName);
    expect(await db.outcomes.seriesName('nope')).toBeNull();
    expect(await db.outcomes.referrals(w)).toEqual([
      { at: start + day, agency: health, repeat: 0 },
      { at: start + 3 * day, agency: police, repeat: 1 },
    ]);
    expect(byOutcome(await db.outcomes.decisionsByOutcome(w))).toEqual([
      { outcome: '', count: 1 },
      { outcome: 'allocate', count: 2 },
    ]);
    expect(await db.outcomes.actions(w)).toEqual([
      { agency: null, meetingAt: start + 9 * day, due: null, status: 'open', changedAt: null, note: null },
      { agency: police, meetingAt: start + 2 * day, due: '2026-03-05', status: 'open', changedAt: null, note: null },
      { agency: police, meetingAt: start + 9 * day, due: '2026-03-12', status: 'done', changedAt: start + 12 * day, note: 'same instant, later row' },
      { agency: health, meetingAt: start + 2 * day, due: null, status: 'not-possible', changedAt: start + 4 * day, note: 'Family moved — “away”' },
    ]);
    // Cases come in no particular order (the figures count them): compared by when they were opened.
    expect((await db.outcomes.cases(w)).sort((a, b) => a.createdAt - b.createdAt)).toEqual([
      { createdAt: start - 40 * day, closedAt: null, status: 'open' },
      { createdAt: start + day, closedAt: start + 20 * day, status: 'closed' },
      { createdAt: start + 3 * day, closedAt: end + day, status: 'closed' },
    ]);
    expect(byOutcome(await db.outcomes.meetingsByStatus(w))).toEqual([
      { status: 'cancelled', count: 1 },
      { status: 'ended', count: 2 },
      { status: 'scheduled', count: 1 },
    ]);
    expect(await db.outcomes.attendance(w)).toEqual([
      { agency: police, present: 2, apologies: 1, meetings: 1 },
      { agency: health, present: 0, apologies: 1, meetings: 0 },
    ]);
    expect(await db.outcomes.research(w)).toEqual([
      { agency: police, cases: 2 },
      { agency: health, cases: 1 },
    ]);
  });

  it('gives empty figures for a window with nothing in it, or a series that does not exist', async () => {
    const { w } = await seed(db);
    for (const window of [{ ...w, start: end + 100 * day, end: end + 200 * day }, { seriesId: 'nope', start, end }, { ...w, start: end, end: start }]) {
      expect(await db.outcomes.referrals(window)).toEqual([]);
      expect(await db.outcomes.decisionsByOutcome(window)).toEqual([]);
      expect(await db.outcomes.actions(window)).toEqual([]);
      expect(await db.outcomes.meetingsByStatus(window)).toEqual([]);
      expect(await db.outcomes.attendance(window)).toEqual([]);
      expect(await db.outcomes.research(window)).toEqual([]);
    }
    expect(await db.outcomes.cases({ seriesId: 'nope', start, end })).toEqual([]);
  });
});

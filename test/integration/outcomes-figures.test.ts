/**
 * The outcomes dashboard's figures against a series built by hand on a temp database through the real commands
 * (referrals, matching, closing, minutes at the end of a meeting, action status changes) and stores, every
 * number computed by hand below, the same on SQLite and on PostgreSQL. The range is March 2026 on the London calendar: from 2026-03-01 (00:00 GMT) to
 * 2026-03-31 (ends 23:00 UTC, clocks went forward on the 29th), so an item on each boundary day counts and one a
 * moment outside does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.js';
import { createContext } from '../../server/context.js';
import { createLogger } from '../../server/logger.js';
import { seedDemoIfEmpty } from '../../server/seed/demo.js';
import { contractEngines } from '../contract/engines.js';
import type { Actor } from '../../server/policies/index.js';
import { addAgendaItem } from '../../shared/meeting-doc.js';
import { addAction, addApology, decisionText, setDecisionOutcome, updateAction } from '../../shared/item-work.js';
import type { OutcomesView } from '../../shared/outcomes.js';
import { AppError } from '../../server/errors.js';
import { seriesBody } from '../../shared/api-schemas.js';
import { tempDir } from '../support/server.js';

const utc = (iso: string) => Date.parse(iso);

describe.each(contractEngines)('outcome figures of a hand-built series on $name', async (engine) => {
  const db = await engine.open();
  // The commands read and write the engine under test (the context's storage); its SQLite file stays empty.
  const dir = tempDir();
  const unused = openDatabase(path.join(dir, 'triage.db'));
  let clock = utc('2026-02-01T09:00:00Z');
  const ctx = createContext(unused.db, createLogger('silent'), () => clock, undefined, undefined, db.storage);
  await seedDemoIfEmpty(db.database, createLogger('silent'), new Date(utc('2026-01-06T09:00:00Z')));
  const [everyone, agencyList] = [await db.records.listPeople(), await db.records.listAgencies()];
  const actorByEmail = (who: string): Actor => {
    const person = everyone.find((p) => p.email === `${who}@demo.triage.test`)!;
    const agency = agencyList.find((a) => a.id === person.agencyId)!;
    return { id: person.id, name: person.name, email: person.email, agencyId: agency.id, agencyName: agency.name, globalRole: person.role, language: null };
  };
  const [coordinator, chair, mh, police, housing, governance, member] = ['coordinator', 'chair', 'mh', 'police', 'housing', 'governance', 'sms'].map(actorByEmail);
  let seriesId = '';
  let view: OutcomesView;
  const actionIds: Record<string, string> = {};

  /** Refers a case at `at` as `who` (their own agency refers it); returns the referral id and the case reference. */
  const refer = async (who: Actor, at: string) => {
    clock = utc(at);
    const r = await ctx.cases.referCase(who, seriesId, { agencyId: who.agencyId, riskLevel: 'medium', childrenInvolved: true, consent: 'given', lawfulBasis: '', vulnerabilities: [], summary: 'Synthetic fixture case', reason: 'Fixture referral', urgent: false }, null);
    return { id: r.referral.id, ref: r.ref };
  };

  /** A meeting of the series at `at`; ended ones get minutes from `build` through the real minutes service. */
  const meeting = async (id: string, at: string, status: 'scheduled' | 'ended' | 'cancelled', build?: (doc: Y.Doc) => void, present: Actor[] = []) => {
    await db.insert('meetings', [{ id, seriesId, title: 'Fixture Triage', scheduledAt: utc(at), chairId: chair.id, status: status === 'ended' ? 'live' : status, openedAt: utc(at), createdAt: clock }]);
    if (status !== 'ended') return;
    for (const p of present) await db.insert('meeting_attendance', [{ meetingId: id, personId: p.id, role: p === chair ? 'chair' : 'member', firstJoinedAt: utc(at), lastLeftAt: utc(at) + 3_600_000, confidentialityAckAt: utc(at) }]);
    const doc = new Y.Doc();
    build?.(doc);
    clock = utc(at) + 3_600_000;
    await ctx.minutes.recordAtEnd(id, doc, chair, async (s) => s.roomState.setStatus(id, 'ended', clock));
  };
  const decide = (doc: Y.Doc, ref: string, outcome: 'accept' | 'allocate' | 'signpost') => {
    const item = addAgendaItem(doc, { kind: 'case-review', title: `Review ${ref}`, caseRef: ref });
    setDecisionOutcome(doc, item, outcome);
    decisionText(doc, item, 'text').insert(0, `Fixture decision ${outcome}.`);
    decisionText(doc, item, 'reasons').insert(0, 'Fixture reasons.');
    return item;
  };
  const owner = (a: Actor) => ({ id: a.id, name: a.name, agencyId: a.agencyId, agencyName: a.agencyName });
  const setStatus = async (key: string, status: 'done' | 'not-possible' | 'not-done', at: string, note?: string) => {
    clock = utc(at);
    await ctx.actions.updateStatus(coordinator, actionIds[key], { status, note }, null);
  };

  beforeAll(async () => {
    clock = utc('2026-02-01T09:00:00Z');
    seriesId = (
      await ctx.series.createSeries(
      coordinator,
      seriesBody.parse({
        name: 'Outcome Fixture',
        body: 'Outcome Fixture Panel',
        ownerAgencyId: coordinator.agencyId,
        members: [
          { personId: coordinator.id, role: 'coordinator' },
          { personId: chair.id, role: 'chair' },
          { personId: mh.id, role: 'member' },
          { personId: police.id, role: 'member' },
          { personId: housing.id, role: 'member' },
          { personId: member.id, role: 'member' },
          { personId: governance.id, role: 'governance' },
        ],
        chairId: chair.id,
        venue: 'Online',
        cadence: { kind: 'weekly', weekday: 2, time: '10:00' },
        template: [{ kind: 'apologies', title: 'Apologies' }],
      }),
      null,
    )
    ).series.id;

    // Referrals: four inside March (one exactly at its first instant, one late on the 31st, one a repeat), two outside.
    const r1 = await refer(mh, '2026-03-01T00:00:00Z');
    const r2 = await refer(police, '2026-02-28T23:59:59Z');
    const r3 = await refer(police, '2026-03-15T10:00:00Z');
    await refer(housing, '2026-03-31T22:30:00Z'); // 23:30 on 31 March in London (BST)
    await refer(housing, '2026-03-31T23:30:00Z'); // 00:30 on 1 April in London: outside
    const r6 = await refer(mh, '2026-03-20T10:00:00Z');
    clock = utc('2026-03-20T11:00:00Z');
    await ctx.cases.matchReferral(coordinator, r6.id, r1.ref, null); // referred 19 days earlier: a repeat
    clock = utc('2026-03-25T12:00:00Z');
    await ctx.cases.closeCase(coordinator, r3.ref, 'Fixture closure', null);
    clock = utc('2026-04-02T12:00:00Z');
    await ctx.cases.closeCase(coordinator, r2.ref, 'Fixture closure after the range', null);

    // M1 on the first day: two decisions, five actions; CSC ×2, AMH, Police present; Housing sends apologies.
    await meeting('fx-m1', '2026-03-01T10:00:00Z', 'ended', (doc) => {
      addApology(doc, { personId: housing.id, name: housing.name, agencyName: housing.agencyName });
      const a = decide(doc, r1.ref, 'accept');
      const b = decide(doc, r3.ref, 'allocate');
      actionIds.a1 = addAction(doc, a, { what: 'Fixture action 1', owner: owner(mh), due: '2026-03-10' });
      actionIds.a2 = addAction(doc, a, { what: 'Fixture action 2', owner: owner(police), due: '2026-03-05' });
      actionIds.a3 = addAction(doc, b, { what: 'Fixture action 3', owner: owner(police), due: '2026-03-20' });
      actionIds.a4 = addAction(doc, b, { what: 'Fixture action 4', owner: owner(housing), due: '2026-03-20' });
      actionIds.a5 = addAction(doc, b, { what: 'Fixture action 5', owner: owner(housing), due: '2026-03-20' });
    }, [chair, coordinator, mh, police]);
    // M2 late on the last day (23:00 London): one decision, one action with no due date; CSC and AMH present.
    await meeting('fx-m2', '2026-03-31T22:00:00Z', 'ended', (doc) => {
      const a = decide(doc, r1.ref, 'accept');
      actionIds.a6 = addAction(doc, a, { what: 'Fixture action 6', owner: owner(mh), due: null });
    }, [chair, mh]);
    // M3 one hour later is 1 April in London: outside, with a decision, an action and attendance that must not count.
    await meeting('fx-m3', '2026-03-31T23:00:00Z', 'ended', (doc) => {
      const a = decide(doc, r3.ref, 'signpost');
      actionIds.a7 = addAction(doc, a, { what: 'Fixture action 7', owner: owner(police), due: '2026-04-02' });
      updateAction(doc, a, actionIds.a7, { status: 'done' });
    }, [chair, police, housing]);
    await meeting('fx-m4', '2026-03-20T10:00:00Z', 'cancelled');
    await meeting('fx-m5', '2026-03-28T10:00:00Z', 'scheduled');
    await meeting('fx-m0', '2026-02-28T10:00:00Z', 'cancelled'); // the day before: outside

    await setStatus('a1', 'done', '2026-03-08T12:00:00Z'); // 7 days, on time
    await setStatus('a2', 'done', '2026-03-12T09:00:00Z'); // 11 days, late (due the 5th)
    await setStatus('a3', 'not-possible', '2026-03-21T09:00:00Z', 'Family moved out of area');
    await setStatus('a4', 'not-done', '2026-03-22T09:00:00Z', 'Capacity in the team');
    await setStatus('a6', 'done', '2026-04-03T10:00:00Z'); // 3 London days after 31 March, no due date: on time

    // Research (the repository the research command writes through): AMH on one case, Police on two (one of them
    // at two meetings: still one case), Housing only at the meeting outside the range.
    const caseId = async (ref: string) => (await db.cases.caseByRef(ref))!.id;
    const research = async (who: Actor, ref: string, meetingId: string) =>
      db.insert('case_research', [{ id: `${who.id}-${ref}-${meetingId}`, caseId: await caseId(ref), meetingId, agencyId: who.agencyId, knows: 'x', risks: 'x', view: 'x', authorIds: [who.id], createdAt: clock, updatedAt: clock }]);
    await research(mh, r1.ref, 'fx-m1');
    await research(police, r1.ref, 'fx-m1');
    await research(police, r3.ref, 'fx-m1');
    await research(police, r1.ref, 'fx-m2');
    await research(housing, r3.ref, 'fx-m3');

    clock = utc('2026-04-10T09:00:00Z');
    view = await ctx.outcomes.view(governance, seriesId, { from: '2026-03-01', to: '2026-03-31' }, null);
  });
  afterAll(async () => {
    unused.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  const csc = "Children's Services";
  const amh = 'Adult Mental Health (NHS)';
  const pol = 'Police Public Protection Unit';
  const hou = 'Housing Options';

  it('counts referrals per month and agency, with the repeat rate, boundaries included', () => {
    expect(view.tables.referrals).toEqual({
      columns: ['Month', 'Referring agency', 'Referrals', 'Repeat referrals'],
      rows: [
        ['2026-03', amh, 2, 1],
        ['2026-03', hou, 1, 0],
        ['2026-03', pol, 1, 0],
      ],
    });
    expect(view.summary).toMatchObject({ referrals: 4, repeatReferrals: 1, repeatRatePercent: 25 });
  });

  it('counts decisions by outcome at meetings held in the range', () => {
    expect(view.tables.decisions.rows).toEqual([
      ['Accept', 2],
      ['Allocate', 1],
      ['Signpost', 0],
      ['No further action', 0],
      ['Escalate', 0],
      ['Defer', 0],
    ]);
    expect(view.summary.decisions).toBe(3);
  });

  it('counts actions per agency on time, late, not possible, not done, open, with median days and reasons', () => {
    expect(view.tables.actions).toEqual({
      columns: ['Agency', 'Agreed', 'Done on time', 'Done late', 'Not possible', 'Not done', 'Still open', 'Median days to complete'],
      rows: [
        [amh, 2, 2, 0, 0, 0, 0, 5],
        [hou, 2, 0, 0, 0, 1, 1, ''],
        [pol, 2, 0, 1, 1, 0, 0, 11],
      ],
    });
    expect(view.tables['action-reasons'].rows).toEqual([
      [hou, 'Not done', 'Capacity in the team', 1],
      [pol, 'Not possible', 'Family moved out of area', 1],
    ]);
    expect(view.summary).toMatchObject({ actionsAgreed: 6, medianDaysToComplete: 7 });
  });

  it('counts cases opened, closed and open at the end, meetings by status, attendance and research', () => {
    expect(view.tables.cases.rows).toEqual([
      ['Opened in the range', 3],
      ['Closed in the range', 1],
      ['Open at the end of the range', 3],
    ]);
    expect(view.tables.meetings.rows).toEqual([
      ['Scheduled', 1],
      ['Live', 0],
      ['Held', 2],
      ['Cancelled', 1],
    ]);
    expect(view.summary).toMatchObject({ casesOpened: 3, casesClosed: 1, casesOpenAtEnd: 3, meetingsHeld: 2 });
    expect(view.tables.attendance.rows).toEqual([
      [amh, 2, 2, 0],
      [csc, 2, 3, 0],
      [hou, 0, 0, 1],
      [pol, 1, 1, 0],
    ]);
    expect(view.tables.research.rows).toEqual([
      [amh, 1],
      [pol, 2],
    ]);
  });

  it('moves with the range: one day later drops the first day and takes in 1 April', async () => {
    const later = await ctx.outcomes.view(coordinator, seriesId, { from: '2026-03-02', to: '2026-04-01' }, null);
    // r1 (1 March 00:00) leaves; the 1 April referral (31 March 23:30 UTC) comes in.
    expect(later.summary).toMatchObject({ referrals: 4, repeatReferrals: 1, meetingsHeld: 2, decisions: 2 });
    expect(later.tables.decisions.rows.slice(0, 3)).toEqual([
      ['Accept', 1],
      ['Allocate', 0],
      ['Signpost', 1],
    ]);
  });

  it('refuses bad ranges with a message per field, and a member who is not coordinator, chair or governance', async () => {
    const fields = async (query: { from?: string; to?: string }) => {
      try {
        await ctx.outcomes.view(coordinator, seriesId, query, null);
        return null;
      } catch (err) {
        return (err as AppError).fields;
      }
    };
    expect(await fields({ from: '2026-02-30', to: 'soon' })).toEqual({ from: 'The start date must be a real date, written YYYY-MM-DD', to: 'The end date must be a real date, written YYYY-MM-DD' });
    expect(await fields({ from: '2026-04-01', to: '2026-03-31' })).toEqual({ from: 'The start date must be on or before the end date' });
    expect(await fields({ from: '2026-03-31', to: '2026-03-31' })).toBeNull();
    await expect(ctx.outcomes.view(member, seriesId, {}, null)).rejects.toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('leaves the governance board out of meeting work: no extracts, no agency lead, no meetings in their calendar', async () => {
    const readers = (await db.circulation.readersOf(seriesId)).map((r) => r.id);
    expect(readers).toContain(mh.id);
    expect(readers).not.toContain(governance.id);
    const leads = (await db.reminders.leadCandidates(seriesId)).map((r) => r.personId);
    expect(leads).toContain(police.id);
    expect(leads).not.toContain(governance.id);
    expect(await db.calendar.meetingsOfMember(governance.id)).toEqual([]);
    expect((await db.calendar.meetingsOfMember(mh.id)).length).toBeGreaterThan(0);
  });
});

/**
 * The case register, referrals, research and agenda publication: the same calls give the same results on SQLite and
 * on PostgreSQL, orderings (text bytewise, ties broken by id) and odd input included, and case references issued by
 * concurrent commands never collide.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCaseRef } from '../../shared/domain.js';
import type { CaseRow } from '../../server/db/stores/cases.js';
import { bytewiseAgencies, bytewisePeople, contractEngines, fixtureId, personRow, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const day = 86_400_000;

type CaseInsert = Omit<CaseRow, 'lawfulBasis' | 'closedAt' | 'closedReason' | 'closedBy' | 'mergedIntoId'> & Partial<CaseRow>;
const caseFields = { riskLevel: 'high', childrenInvolved: true, consent: 'given', lawfulBasis: '', vulnerabilities: ['Housing', 'Débt'], summary: 'Synthetic case' } as const;

function caseRow(seriesId: string, prefix: string, year: number, seq: number, extra: Partial<CaseRow> = {}): CaseInsert {
  return {
    id: fixtureId('case'),
    seriesId,
    ref: formatCaseRef(prefix, year, seq),
    prefix,
    year,
    seq,
    status: 'referred',
    referringAgencyId: 'ag-police',
    ...caseFields,
    vulnerabilities: [...caseFields.vulnerabilities],
    createdAt: t0,
    updatedAt: t0,
    ...extra,
  };
}

function referralRow(seriesId: string, caseId: string, extra: Record<string, unknown> = {}) {
  return {
    id: fixtureId('referral'),
    seriesId,
    caseId,
    issuedCaseId: caseId,
    referrerId: 'p-zoe',
    agencyId: 'ag-police',
    reason: 'Synthetic reason',
    urgent: false,
    fields: { ...caseFields, vulnerabilities: [...caseFields.vulnerabilities] },
    state: 'pending' as const,
    infoExchanges: [],
    earlierReferredAt: [],
    createdAt: t0,
    updatedAt: t0,
    ...extra,
  };
}

describe.each(contractEngines)('cases, referrals and research on $name', (engine) => {
  let db: EngineUnderTest;
  beforeAll(async () => {
    db = await engine.open();
    await db.insert('agencies', [...bytewiseAgencies(t0), { id: 'ag-gov', name: 'Governance Board', shortName: 'G', createdAt: t0 }]);
    await db.insert('people', [...bytewisePeople(t0), personRow('p-ann', 'Ann Police', 'ag-police', t0), personRow('p-gov', 'Gil Governance', 'ag-gov', t0)]);
    await db.insert('series', [
      { id: 's-1', name: 'Repeat Removals Triage', caseRefPrefix: 'RRT', minutesLanguage: 'bilingual', createdAt: t0 },
      { id: 's-2', name: 'Old series', archivedAt: t0, createdAt: t0 },
    ]);
    await db.insert('series_members', [
      { seriesId: 's-1', personId: 'p-zoe', role: 'coordinator', createdAt: t0 },
      { seriesId: 's-1', personId: 'p-ann', role: 'member', createdAt: t0 },
      { seriesId: 's-1', personId: 'p-adam', role: 'chair', createdAt: t0 },
      { seriesId: 's-1', personId: 'p-emile', role: 'member', createdAt: t0 },
      { seriesId: 's-1', personId: 'p-gov', role: 'governance', createdAt: t0 },
      { seriesId: 's-2', personId: 'p-zoe', role: 'observer', createdAt: t0 },
    ]);
    await db.insert('meetings', [
      { id: 'm-past', seriesId: 's-1', title: 'Past', scheduledAt: t0 - 14 * day, status: 'ended', createdAt: t0 },
      { id: 'm-past-b', seriesId: 's-1', title: 'Past too', scheduledAt: t0 - 14 * day, status: 'ended', createdAt: t0 },
      { id: 'm-next', seriesId: 's-1', title: 'Next', scheduledAt: t0 + 7 * day, createdAt: t0 },
      { id: 'm-soon', seriesId: 's-1', title: 'Soon', scheduledAt: t0 + 1 * day, createdAt: t0 },
      { id: 'm-cancelled', seriesId: 's-1', title: 'Cancelled', scheduledAt: t0 + 2 * day, status: 'cancelled', createdAt: t0 },
      { id: 'm-other', seriesId: 's-2', title: 'Other series', scheduledAt: t0 + 3 * day, createdAt: t0 },
    ]);
  });
  afterAll(() => db?.close());

  it('reads a series (archived or not), an agency and people by id, in id order, unknown ids left out', async () => {
    expect(await db.cases.series('s-1')).toEqual({ id: 's-1', name: 'Repeat Removals Triage', caseRefPrefix: 'RRT', archived: false, minutesLanguage: 'bilingual' });
    expect(await db.cases.series('s-2')).toEqual({ id: 's-2', name: 'Old series', caseRefPrefix: null, archived: true, minutesLanguage: 'en' });
    expect(await db.cases.series('nope')).toBeUndefined();
    expect(await db.cases.agency('ag-eh')).toEqual({ id: 'ag-eh', name: 'Éarly Help' });
    expect(await db.cases.agency("x' or '1'='1")).toBeUndefined();
    expect(await db.cases.people([])).toEqual([]);
    expect(await db.cases.people(['p-zoe', 'nope', 'p-adam', 'p-zoe'])).toEqual([
      { id: 'p-adam', name: 'adam Dale', agencyId: 'ag-advocacy', agencyName: 'advocacy service' },
      { id: 'p-zoe', name: 'Zoe Brenner', agencyId: 'ag-police', agencyName: 'Police' },
    ]);
  });

  it('names the agencies expected to research a series once each, bytewise by name, participants only', async () => {
    expect(await db.cases.seriesAgencies('s-1')).toEqual([
      { id: 'ag-police', name: 'Police' },
      { id: 'ag-advocacy', name: 'advocacy service' },
      { id: 'ag-eh', name: 'Éarly Help' },
    ]);
    expect(await db.cases.seriesAgencies('s-2')).toEqual([]);
    expect(await db.cases.seriesOf('p-zoe')).toEqual(['s-1', 's-2']);
    expect(await db.cases.seriesOf('nobody')).toEqual([]);
  });

  it('numbers references per prefix and year, stores a case as given, and refuses a number taken twice', async () => {
    const prefix = `N${fixtureId('p').replace(/\W/g, '')}`;
    expect(await db.cases.nextSeq(prefix, 2026)).toBe(1);
    const first = caseRow('s-1', prefix, 2026, 1, { vulnerabilities: ['Ünïcode ✓', 'quote \' "', ''], lawfulBasis: 'Legal obligation' });
    await db.cases.insertCase(first);
    await db.cases.insertCase(caseRow('s-1', prefix, 2026, 7));
    await db.cases.insertCase(caseRow('s-1', prefix, 2025, 40));
    expect(await db.cases.nextSeq(prefix, 2026)).toBe(8);
    expect(await db.cases.nextSeq(prefix, 2025)).toBe(41);
    expect(await db.cases.nextSeq(prefix, 2027)).toBe(1);
    const stored = { ...first, closedAt: null, closedReason: null, closedBy: null, mergedIntoId: null };
    expect(await db.cases.caseById(first.id)).toEqual(stored);
    expect(await db.cases.caseByRef(first.ref)).toEqual(stored);
    expect(await db.cases.caseByRef(first.ref.toLowerCase())).toBeUndefined();
    await expect(db.cases.insertCase(caseRow('s-1', prefix, 2026, 7))).rejects.toThrow();
    expect(await db.cases.nextSeq(prefix, 2026)).toBe(8);
  });

  it('issues distinct, consecutive references to concurrent commands, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 10 }), async (yields) => {
        const prefix = `C${fixtureId('p').replace(/\W/g, '')}`;
        const refs = await Promise.all(
          yields.map((extra) =>
            db.storage.transaction(async (s) => {
              const seq = await s.cases.nextSeq(prefix, 2026);
              for (let i = 0; i < extra; i++) await s.cases.series('s-1');
              const row = caseRow('s-1', prefix, 2026, seq);
              await s.cases.insertCase(row);
              return row.ref;
            }),
          ),
        );
        expect([...refs].sort()).toEqual(yields.map((_, i) => formatCaseRef(prefix, 2026, i + 1)).sort());
        expect(await db.storage.stores.cases.nextSeq(prefix, 2026)).toBe(yields.length + 1);
      }),
      { numRuns: 12 },
    );
  });

  it('updates a case, lists a series register newest first and finds cases by ids and references', async () => {
    await db.insert('series', [{ id: 's-reg', name: 'Register', createdAt: t0 }]);
    const a = caseRow('s-reg', 'REG', 2025, 3);
    const b = caseRow('s-reg', 'REG', 2026, 1);
    const c = caseRow('s-reg', 'REG', 2026, 2);
    const elsewhere = caseRow('s-1', 'ELS', 2026, 1);
    for (const row of [a, b, c, elsewhere]) await db.cases.insertCase(row);
    await db.cases.updateCase(a.id, { status: 'closed', closedAt: t0 + 5, closedReason: 'Closed: "no further action"', closedBy: 'p-zoe', updatedAt: t0 + 5 });
    await db.cases.updateCase(c.id, { status: 'merged', mergedIntoId: a.id, updatedAt: t0 + 6 });
    await db.cases.updateCase('nope', { status: 'closed' });
    const register = await db.cases.listCases('s-reg');
    expect(register.map((r) => r.ref)).toEqual([c.ref, b.ref, a.ref]);
    expect(register[2]).toMatchObject({ status: 'closed', closedAt: t0 + 5, closedReason: 'Closed: "no further action"', closedBy: 'p-zoe', updatedAt: t0 + 5 });
    expect(register[0]).toMatchObject({ status: 'merged', mergedIntoId: a.id });
    expect(await db.cases.listCases('nope')).toEqual([]);
    const ids = [c.id, a.id, 'nope', b.id];
    expect((await db.cases.casesById(ids)).map((r) => r.id)).toEqual([a.id, b.id, c.id].sort());
    expect(await db.cases.casesById([])).toEqual([]);
    expect((await db.cases.casesByRefs('s-reg', [c.ref, elsewhere.ref, a.ref, "REG-2026-0001' --"])).map((r) => r.ref)).toEqual([a.ref, c.ref]);
    expect(await db.cases.casesByRefs('s-reg', [])).toEqual([]);
  });

  it('stores referrals and lists them urgent first, then oldest, ties by id; by referrer, state and case', async () => {
    await db.insert('series', [{ id: 's-ref', name: 'Referrals', createdAt: t0 }]);
    const theCase = caseRow('s-ref', 'REF', 2026, 1);
    const other = caseRow('s-ref', 'REF', 2026, 2);
    await db.cases.insertCase(theCase);
    await db.cases.insertCase(other);
    const old = referralRow('s-ref', theCase.id, { id: 'r-b', createdAt: t0 - 2 });
    const urgent = referralRow('s-ref', theCase.id, { id: 'r-c', urgent: true, createdAt: t0 });
    const tieA = referralRow('s-ref', other.id, { id: 'r-a', referrerId: 'p-adam', agencyId: 'ag-advocacy', createdAt: t0 });
    const tieZ = referralRow('s-ref', other.id, { id: 'r-Z', createdAt: t0 });
    for (const r of [tieZ, old, urgent, tieA]) await db.cases.insertReferral(r);
    const exchanges = [{ request: 'Who else knows? ü', response: null, requestedAt: t0 + 1, respondedAt: null }];
    await db.cases.updateReferral('r-b', { state: 'more-info-requested', stateMessage: 'Who else knows? ü', infoExchanges: exchanges, updatedAt: t0 + 1 });
    await db.cases.updateReferral('r-a', { state: 'accepted', meetingId: 'm-next', itemId: 'item-1', decidedBy: 'p-zoe', decidedAt: t0 + 2, repeat: true, earlierReferredAt: [t0 - day], earlierClosedAt: t0 - 2 * day });
    expect(await db.cases.referral('r-b')).toEqual({
      ...old,
      state: 'more-info-requested',
      stateMessage: 'Who else knows? ü',
      infoExchanges: exchanges,
      meetingId: null,
      itemId: null,
      repeat: false,
      earlierClosedAt: null,
      decidedBy: null,
      decidedAt: null,
      updatedAt: t0 + 1,
    });
    expect(await db.cases.referral('nope')).toBeUndefined();
    // Bytewise: 'r-Z' sorts before 'r-a' on both engines.
    expect((await db.cases.listReferrals('s-ref')).map((r) => r.id)).toEqual(['r-c', 'r-b', 'r-Z', 'r-a']);
    expect((await db.cases.listReferrals('s-ref', { referrerId: 'p-adam' })).map((r) => r.id)).toEqual(['r-a']);
    expect((await db.cases.listReferrals('s-ref', { states: ['pending', 'more-info-requested'] })).map((r) => r.id)).toEqual(['r-c', 'r-b', 'r-Z']);
    expect(await db.cases.listReferrals('s-ref', { states: [] })).toEqual([]);
    expect((await db.cases.referralsOfCases([theCase.id, other.id])).map((r) => r.id)).toEqual(['r-Z', 'r-a', 'r-c', 'r-b']);
    expect(await db.cases.referralsOfCases([])).toEqual([]);
    expect((await db.cases.acceptedOnto('m-next')).map((r) => [r.id, r.repeat, r.earlierReferredAt, r.earlierClosedAt])).toEqual([['r-a', true, [t0 - day], t0 - 2 * day]]);
    expect(await db.cases.acceptedOnto('m-soon')).toEqual([]);
  });

  it('keeps one research row per case, meeting and agency, and lists it per meeting and per case', async () => {
    await db.insert('series', [{ id: 's-res', name: 'Research', createdAt: t0 }]);
    const theCase = caseRow('s-res', 'RES', 2026, 1);
    await db.cases.insertCase(theCase);
    const row = (id: string, meetingId: string, agencyId: string, createdAt: number) => ({
      id,
      caseId: theCase.id,
      meetingId,
      agencyId,
      knows: 'Known: ✓',
      risks: '',
      view: 'View\nwith a line',
      authorIds: ['p-zoe'],
      createdAt,
      updatedAt: createdAt,
    });
    await db.cases.insertResearch(row('res-2', 'm-next', 'ag-police', t0));
    await db.cases.insertResearch(row('res-1', 'm-next', 'ag-eh', t0));
    await db.cases.insertResearch(row('res-3', 'm-past', 'ag-advocacy', t0 - day));
    await db.cases.insertResearch(row('res-4', 'm-past', 'ag-police', t0 - day));
    await expect(db.cases.insertResearch(row('res-dup', 'm-next', 'ag-police', t0))).rejects.toThrow();
    await db.cases.updateResearch('res-2', { risks: 'Risk "quoted"', authorIds: ['p-zoe', 'p-ann'], updatedAt: t0 + 9 });
    expect(await db.cases.research(theCase.id, 'm-next', 'ag-police')).toEqual({ ...row('res-2', 'm-next', 'ag-police', t0), risks: 'Risk "quoted"', authorIds: ['p-zoe', 'p-ann'], updatedAt: t0 + 9 });
    expect(await db.cases.research(theCase.id, 'm-soon', 'ag-police')).toBeUndefined();
    expect((await db.cases.researchForMeeting('m-next')).map((r) => r.id)).toEqual(['res-1', 'res-2']);
    expect((await db.cases.researchForCase(theCase.id)).map((r) => [r.row.id, r.agencyName, r.meetingAt])).toEqual([
      ['res-2', 'Police', t0 + 7 * day],
      ['res-1', 'Éarly Help', t0 + 7 * day],
      ['res-4', 'Police', t0 - 14 * day],
      ['res-3', 'advocacy service', t0 - 14 * day],
    ]);
    expect(await db.cases.researchForCase('nope')).toEqual([]);
  });

  it('publishes an agenda once per meeting (again: the latest time) and lists upcoming published meetings by date', async () => {
    expect(await db.cases.publication('m-next')).toBeUndefined();
    await db.cases.publish('m-next', 'p-zoe', t0);
    await db.cases.publish('m-next', 'p-adam', t0 + 5);
    await db.cases.publish('m-soon', 'p-zoe', t0 + 1);
    await db.cases.publish('m-cancelled', 'p-zoe', t0 + 1);
    await db.cases.publish('m-other', 'p-zoe', t0 + 2);
    expect(await db.cases.publication('m-next')).toEqual({ meetingId: 'm-next', publishedAt: t0 + 5, publishedBy: 'p-adam' });
    expect(await db.cases.publishedUpcoming(['s-1', 'nope'])).toEqual([
      { meetingId: 'm-soon', seriesId: 's-1', title: 'Soon', scheduledAt: t0 + day, publishedAt: t0 + 1 },
      { meetingId: 'm-next', seriesId: 's-1', title: 'Next', scheduledAt: t0 + 7 * day, publishedAt: t0 + 5 },
    ]);
    expect((await db.cases.publishedUpcoming(['s-2', 's-1'])).map((m) => m.meetingId)).toEqual(['m-soon', 'm-other', 'm-next']);
    expect(await db.cases.publishedUpcoming([])).toEqual([]);
  });

  it("reads a case's history from the minutes: items, decisions, actions with their notes, and how often discussed", async () => {
    const ref = 'HIS-2026-0001';
    const item = (meetingId: string, itemId: string, position: number, caseRef: string | null) => ({
      meetingId,
      itemId,
      position,
      kind: 'case-review',
      title: `Item ${itemId}`,
      caseRef,
      discussion: 'Discussed',
      contributions: [{ agency: 'Police', author: 'Zoe Brenner, Ann Police', text: 'Said ✓' }],
    });
    await db.insert('minutes_items', [item('m-past-b', 'i-2', 2, ref), item('m-past', 'i-1', 1, ref), item('m-past-b', 'i-1', 1, ref), item('m-past', 'i-3', 3, 'HIS-2026-0002')]);
    const decision = (meetingId: string, itemId: string, seq: number) => ({ meetingId, itemId, seriesId: 's-1', year: 2026, seq, number: `${seq}/2026`, outcome: 'signpost', text: 'Decided', reasons: 'Because' });
    await db.insert('minutes_decisions', [decision('m-past', 'i-1', 901), decision('m-past', 'i-3', 902), decision('m-past-b', 'i-2', 903)]);
    const action = (id: string, meetingId: string, position: number, extra: Record<string, unknown> = {}) => ({
      id,
      seriesId: 's-1',
      meetingId,
      itemId: 'i-1',
      position,
      caseRef: ref,
      what: `Do ${id}`,
      ownerPersonId: 'p-zoe',
      ownerAgencyId: 'ag-police',
      due: '2026-12-01',
      status: 'open',
      createdAt: t0,
      updatedAt: t0,
      ...extra,
    });
    await db.insert('actions', [action('a-2', 'm-past', 2, { ownerPersonId: null, ownerAgencyId: null, due: null, status: 'done' }), action('a-1', 'm-past', 1), action('a-3', 'm-past-b', 0)]);
    await db.insert('action_updates', [
      { actionId: 'a-2', meetingId: null, status: 'done', note: 'Second', byPersonId: 'p-zoe', at: t0 + 2 },
      { actionId: 'a-2', meetingId: 'm-past', status: 'not-done', note: null, byPersonId: 'p-zoe', at: t0 + 1 },
      { actionId: 'a-2', meetingId: null, status: 'done', note: 'Same time, later row', byPersonId: 'p-zoe', at: t0 + 2 },
    ]);

    const items = await db.cases.minutesItemsOfCase('s-1', ref);
    expect(items.map((i) => [i.meetingId, i.itemId])).toEqual([
      ['m-past', 'i-1'],
      ['m-past-b', 'i-1'],
      ['m-past-b', 'i-2'],
    ]);
    expect(items[0]).toEqual({
      meetingId: 'm-past',
      itemId: 'i-1',
      title: 'Item i-1',
      discussion: 'Discussed',
      contributions: [{ agency: 'Police', author: 'Zoe Brenner, Ann Police', text: 'Said ✓' }],
      heldAt: t0 - 14 * day,
      meetingTitle: 'Past',
    });
    expect(await db.cases.minutesItemsOfCase('s-2', ref)).toEqual([]);
    expect((await db.cases.decisionsOf(items)).map((d) => d.number)).toEqual(['901/2026', '903/2026']);
    expect(await db.cases.decisionsOf([])).toEqual([]);

    const acts = await db.cases.actionsOfCase('s-1', ref);
    expect(acts.map((a) => a.id)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(acts[1]).toEqual({ id: 'a-2', meetingId: 'm-past', what: 'Do a-2', due: null, status: 'done', ownerName: null, ownerAgency: null, heldAt: t0 - 14 * day });
    expect(acts[0]).toMatchObject({ ownerName: 'Zoe Brenner', ownerAgency: 'Police', due: '2026-12-01' });
    expect(await db.cases.actionNotes(['a-2', 'a-1', 'nope'])).toEqual([
      { actionId: 'a-2', status: 'not-done', note: null, at: t0 + 1 },
      { actionId: 'a-2', status: 'done', note: 'Second', at: t0 + 2 },
      { actionId: 'a-2', status: 'done', note: 'Same time, later row', at: t0 + 2 },
    ]);
    expect(await db.cases.actionNotes([])).toEqual([]);

    const times = await db.cases.timesDiscussed('s-1', ['HIS-2026-0002', ref, 'NOPE']);
    expect([...times.entries()]).toEqual([
      [ref, 2],
      ['HIS-2026-0002', 1],
    ]);
    expect((await db.cases.timesDiscussed('s-1', [])).size).toBe(0);
  });

  it('stores any text a person can type and gives it back unchanged; odd references find nothing', async () => {
    // Text without NUL: PostgreSQL's text cannot hold U+0000 (see the report on issue 17).
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, fc.array(text, { maxLength: 4 }), text, async (summary, vulnerabilities, odd) => {
        n += 1;
        const row = caseRow('s-1', 'ODD', 2030, n, { summary, vulnerabilities, closedReason: odd });
        await db.cases.insertCase(row);
        const back = await db.cases.caseById(row.id);
        expect(back).toMatchObject({ summary, vulnerabilities, closedReason: odd });
        expect(await db.cases.caseByRef(odd)).toBeUndefined();
        expect(await db.cases.casesByRefs('s-1', [odd])).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

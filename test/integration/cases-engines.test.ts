/**
 * The case commands on both storage engines (issue 17): a referral from the referrer's form to research on a
 * published agenda, each command with its audit row, run by the real cases service over SQLite and over PostgreSQL
 * with the same results; and the races a coordinator's screen can cause: decisions on one referral at the same
 * moment (exactly one wins), references issued to concurrent referrals, research saved at once by two people of one
 * agency. Who may do what is still decided over SQLite (the policies move last), and the meeting document is still
 * written through the synchronous document log (the realtime write path moves it), so the access rows and the
 * documents live in a SQLite file beside the engine under test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { meetingDocsRepo } from '../../server/db/meeting-docs-repo.js';
import { sqliteMeetingDocStore } from '../../server/db/sqlite/meeting-docs-store.js';
import * as schema from '../../server/db/schema.js';
import { createPolicies, type Actor } from '../../server/policies/index.js';
import { createCasesService } from '../../server/services/cases/index.js';
import { createMeetingDocWriter } from '../../server/services/cases/meeting-doc-writer.js';
import { formatCaseRef } from '../../shared/domain.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { contractEngines, fixtureId, type EngineUnderTest } from '../contract/engines.js';
import { referralBody } from '../support/fixtures.js';

const day = 86_400_000;
const today = Date.UTC(2026, 10, 24, 10);

describe.each(contractEngines)('cases, referrals and research, on $name', (engine) => {
  let db: EngineUnderTest;
  let access: Database_;
  let dir: string;
  let cases: ReturnType<typeof createCasesService>;
  let docs: ReturnType<typeof createMeetingDocWriter>;
  const clock = { now: today };
  const now = () => clock.now;
  const ids = {
    police: fixtureId('police'),
    housing: fixtureId('housing'),
    series: fixtureId('series'),
    raceSeries: fixtureId('race-series'),
    next: fixtureId('next'),
    raceMeeting: fixtureId('race-meeting'),
    coordinator: fixtureId('coordinator'),
    officer: fixtureId('officer'),
    officer2: fixtureId('officer2'),
    housingOfficer: fixtureId('housing-officer'),
  };
  const actor = (id: string, name: string, agencyId: string, agencyName: string): Actor => ({ id, name, email: `${id}@example.test`, agencyId, agencyName, globalRole: 'member', language: null });
  const coordinator = actor(ids.coordinator, 'Casey Coordinator', ids.police, 'Police');
  const officer = actor(ids.officer, 'Olu Officer', ids.police, 'Police');
  const officer2 = actor(ids.officer2, 'Pat Officer', ids.police, 'Police');
  const housingOfficer = actor(ids.housingOfficer, 'Hana Housing', ids.housing, 'Housing Options');
  const body = (over: Record<string, unknown> = {}) => referralBody({ agencyId: ids.police, ...over }) as Parameters<typeof cases.referCase>[2];

  /** Rows the commands read from the engine, and the access rows the policies read, in both. */
  async function both(name: string, table: SQLiteTable, rows: Record<string, unknown>[]) {
    await db.insert(name, rows);
    access.db.insert(table).values(rows as never).run();
  }
  const agendaRefs = (meetingId: string) => docs.read(meetingId, (doc) => readAgenda(doc).flatMap((i) => (i.caseRef ? [i.caseRef] : [])));
  const auditCount = (action: string, targetId: string) => db.rows('audit_log', 'target_id', targetId).then((rows) => rows.filter((r) => r.action === action).length);

  beforeAll(async () => {
    db = await engine.open();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-access-'));
    access = openDatabase(path.join(dir, 'access.db'));
    const t0 = today - 30 * day;
    await both('agencies', schema.agencies, [
      { id: ids.police, name: 'Police', shortName: 'P', createdAt: t0 },
      { id: ids.housing, name: 'Housing Options', shortName: 'H', createdAt: t0 },
    ]);
    const person = (p: Actor, role: string) => ({ id: p.id, agencyId: p.agencyId, name: p.name, email: p.email, role, createdAt: t0 });
    await both('people', schema.people, [person(coordinator, 'coordinator'), person(officer, 'member'), person(officer2, 'member'), person(housingOfficer, 'member')]);
    await both('series', schema.series, [
      { id: ids.series, name: 'Repeat Removals Triage', caseRefPrefix: 'RRT', createdAt: t0 },
      { id: ids.raceSeries, name: 'Concurrent Triage', caseRefPrefix: 'CON', createdAt: t0 },
    ]);
    const members = (seriesId: string) => [
      { seriesId, personId: ids.coordinator, role: 'coordinator', createdAt: t0 },
      { seriesId, personId: ids.officer, role: 'member', createdAt: t0 },
      { seriesId, personId: ids.officer2, role: 'member', createdAt: t0 },
      { seriesId, personId: ids.housingOfficer, role: 'member', createdAt: t0 },
    ];
    await both('series_members', schema.seriesMembers, [...members(ids.series), ...members(ids.raceSeries)]);
    await both('meetings', schema.meetings, [
      { id: ids.next, seriesId: ids.series, title: 'Next', scheduledAt: today + 7 * day, status: 'scheduled', createdAt: t0 },
      { id: ids.raceMeeting, seriesId: ids.raceSeries, title: 'Race', scheduledAt: today + 7 * day, status: 'scheduled', createdAt: t0 },
    ]);
    const policies = createPolicies(db.storage.stores.membership);
    docs = createMeetingDocWriter({ docs: sqliteMeetingDocStore(meetingDocsRepo(access.db)), yjs: () => null, now });
    cases = createCasesService({ storage: db.storage, policies, docs, now });
  });
  afterAll(async () => {
    access?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await db?.close();
  });

  it('runs a referral from the form to research on a published agenda, one audit row per command', async () => {
    const ref = formatCaseRef('RRT', 2026, 1);
    const referred = await cases.referCase(officer, ids.series, body(), '203.0.113.9');
    expect(referred).toMatchObject({ ref, referral: { caseRef: ref, issuedRef: ref, state: 'pending', referrer: { name: 'Olu Officer' }, agency: { name: 'Police' }, urgent: true } });
    const referralId = referred.referral.id;
    expect(await db.rows('audit_log', 'target_id', referralId)).toEqual([expect.objectContaining({ action: 'referral.create', actor_id: ids.officer, at: today, ip: '203.0.113.9' })]);

    clock.now = today + 1000;
    expect(await cases.requestMoreInfo(coordinator, referralId, 'Who holds parental responsibility?', null)).toMatchObject({ state: 'more-info-requested' });
    // Only the referrer answers; then the corrected consent reaches the case known only from this referral.
    await expect(cases.provideMoreInfo(officer2, referralId, { message: 'Not me' }, null)).rejects.toMatchObject({ code: 'forbidden' });
    clock.now = today + 2000;
    expect(await cases.provideMoreInfo(officer, referralId, { message: 'The mother alone', consent: 'given', lawfulBasis: '' }, null)).toMatchObject({ state: 'pending' });
    expect(await db.cases.caseByRef(ref)).toMatchObject({ status: 'referred', consent: 'given', updatedAt: today + 2000 });

    clock.now = today + 3000;
    const accepted = await cases.acceptReferral(coordinator, referralId, ids.next, null);
    expect(accepted).toMatchObject({ state: 'accepted', meeting: { id: ids.next, title: 'Next' } });
    expect(await agendaRefs(ids.next)).toEqual([ref]);
    expect(await db.cases.caseByRef(ref)).toMatchObject({ status: 'open', updatedAt: today + 3000 });
    // Decided already: a second decision is refused and writes nothing.
    await expect(cases.declineReferral(coordinator, referralId, 'Too late', null)).rejects.toMatchObject({ code: 'conflict' });

    expect(await cases.publishAgenda(coordinator, ids.next, null)).toEqual({ publishedAt: new Date(today + 3000).toISOString(), caseRefs: [ref] });
    clock.now = today + 4000;
    // Two people of one agency save at once: one row, both its authors; another agency writes its own.
    await Promise.all([
      cases.addResearch(officer, ref, ids.next, { knows: 'Two call-outs', risks: '', view: '' }, null),
      cases.addResearch(officer2, ref, ids.next, { knows: 'Two call-outs this year', risks: 'Escalating', view: 'Accept' }, null),
    ]);
    await cases.addResearch(housingOfficer, ref, ids.next, { knows: 'Rent arrears', risks: '', view: '' }, null);
    const caseId = (await db.cases.caseByRef(ref))!.id;
    expect(await db.count('case_research', 'case_id', caseId)).toBe(2);
    const police = (await cases.myResearch(officer2, ref, ids.next))!;
    expect([...police.authors].sort()).toEqual(['Olu Officer', 'Pat Officer']);

    const onAgenda = await cases.meetingCases(coordinator, ids.next);
    expect(onAgenda.published).toEqual({ at: new Date(today + 3000).toISOString() });
    expect(onAgenda.cases).toEqual([expect.objectContaining({ ref, status: 'open', timesDiscussed: 0, openActions: [], research: expect.objectContaining({ missing: [] }) })]);
    // Saved in the same millisecond: listed in id order, so compare them by agency.
    expect(onAgenda.cases[0].research.sent.map((r) => [r.agencyName, [...r.authors].sort()]).sort()).toEqual([
      ['Housing Options', ['Hana Housing']],
      ['Police', ['Olu Officer', 'Pat Officer']],
    ]);
    expect(await cases.researchNotices(housingOfficer)).toEqual([
      { meetingId: ids.next, seriesId: ids.series, title: 'Next', scheduledAt: new Date(today + 7 * day).toISOString(), publishedAt: new Date(today + 3000).toISOString(), cases: [{ ref, researched: true }] },
    ]);
    const history = await cases.history(coordinator, ref);
    expect(history.referrals.map((r) => r.state)).toEqual(['accepted']);
    expect(history.research.map((r) => r.agency.name).sort()).toEqual(['Housing Options', 'Police']);
    expect((await cases.register(coordinator, ids.series)).cases).toEqual([expect.objectContaining({ ref, status: 'open' })]);

    clock.now = today + 5000;
    expect(await cases.closeCase(coordinator, ref, 'No further action', null)).toEqual({ ref, status: 'closed', closed: { at: new Date(today + 5000).toISOString(), reason: 'No further action' } });
    await expect(cases.closeCase(coordinator, ref, 'Again', null)).rejects.toMatchObject({ code: 'conflict' });

    for (const [action, target, n] of [
      ['referral.request-info', referralId, 1],
      ['referral.provide-info', referralId, 1],
      ['referral.accept', referralId, 1],
      ['referral.decline', referralId, 0],
      ['agenda.publish', ids.next, 1],
      ['research.save', ref, 3],
      ['case.close', ref, 1],
    ] as const) {
      expect(await auditCount(action, target), action).toBe(n);
    }
  });

  it('decides a referral once when coordinators decide it at the same moment: one wins, the others hear 409', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('accept', 'decline', 'match'), { minLength: 2, maxLength: 5 }), async (decisions) => {
        const earlier = await cases.referCase(officer, ids.raceSeries, body({ urgent: false }), null);
        const { ref, referral } = await cases.referCase(officer, ids.raceSeries, body(), null);
        const issuedCaseId = (await db.cases.referral(referral.id))!.issuedCaseId;
        const settled = await Promise.allSettled(
          decisions.map((d) =>
            d === 'accept'
              ? cases.acceptReferral(coordinator, referral.id, ids.raceMeeting, null)
              : d === 'decline'
                ? cases.declineReferral(coordinator, referral.id, 'Not for this panel', null)
                : cases.matchReferral(coordinator, referral.id, earlier.ref, null),
          ),
        );
        const wins = (kind: string) => settled.filter((r, i) => decisions[i] === kind && r.status === 'fulfilled').length;
        for (const r of settled) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toMatch(/^(conflict|validation_failed)$/);
        // One decision at most; a match (which leaves the referral open) once at most.
        expect(wins('accept') + wins('decline')).toBeLessThanOrEqual(1);
        expect(wins('match')).toBeLessThanOrEqual(1);
        const final = (await db.cases.referral(referral.id))!;
        const finalRef = final.caseId === issuedCaseId ? ref : earlier.ref;
        const onAgenda = (await agendaRefs(ids.raceMeeting)).filter((r) => r === ref || r === earlier.ref);
        if (final.state === 'accepted') {
          expect(wins('accept')).toBe(1);
          expect(onAgenda).toEqual([finalRef]);
        } else {
          expect(onAgenda).toEqual([]);
          // A decline fails only when another decision came first.
          expect(final.state).toBe(decisions.includes('decline') ? 'declined' : 'pending');
        }
        const audited = (action: string) => db.rows('audit_log', 'target_id', referral.id).then((rows) => rows.filter((r) => r.action === action).length);
        expect([await audited('referral.accept'), await audited('referral.decline'), await audited('referral.match')]).toEqual([wins('accept'), wins('decline'), wins('match')]);
      }),
      { numRuns: 10 },
    );
  });

  it('undoes an acceptance whose agenda item cannot be stored: the referral waits again and says nothing half-done', async () => {
    const { ref, referral } = await cases.referCase(officer, ids.raceSeries, body(), null);
    const before = (await db.cases.referral(referral.id))!;
    // The document log refuses every write (a real refusal from the database, as a full disk would give).
    access.sqlite.exec("create trigger refuse_updates before insert on meeting_updates begin select raise(abort, 'storage refused'); end");
    try {
      await expect(cases.acceptReferral(coordinator, referral.id, ids.raceMeeting, '198.51.100.7')).rejects.toThrow('storage refused');
    } finally {
      access.sqlite.exec('drop trigger refuse_updates');
    }
    expect(await db.cases.referral(referral.id)).toEqual(before);
    expect(await db.cases.caseByRef(ref)).toMatchObject({ status: 'referred' });
    expect(await agendaRefs(ids.raceMeeting)).not.toContain(ref);
    const audit = (await db.rows('audit_log', 'target_id', referral.id)).sort((a, b) => Number(a.id) - Number(b.id));
    expect(audit.map((r) => r.action)).toEqual(['referral.create', 'referral.accept', 'referral.accept-undone']);
    // Once the document can be written again, the same decision goes through.
    expect(await cases.acceptReferral(coordinator, referral.id, ids.raceMeeting, null)).toMatchObject({ state: 'accepted' });
    expect((await agendaRefs(ids.raceMeeting)).filter((r) => r === ref)).toEqual([ref]);
  });

  it('undoes an acceptance when the meeting ended before its item was stored: 409, the referral waits again', async () => {
    const meetingId = fixtureId('ending-meeting');
    await both('meetings', schema.meetings, [{ id: meetingId, seriesId: ids.raceSeries, title: 'Ending', scheduledAt: today + 7 * day, status: 'live', createdAt: today }]);
    const { ref, referral } = await cases.referCase(officer, ids.raceSeries, body(), null);
    const before = (await db.cases.referral(referral.id))!;
    // Ended as the document store sees it (its database here): the end committed after the command's own check and
    // transaction, before the item was stored, so the store refuses it.
    access.sqlite.prepare("update meetings set status = 'ended' where id = ?").run(meetingId);
    await expect(cases.acceptReferral(coordinator, referral.id, meetingId, null)).rejects.toMatchObject({ code: 'conflict', message: 'The meeting has ended' });
    expect(await db.cases.referral(referral.id)).toEqual(before);
    expect(await db.cases.caseByRef(ref)).toMatchObject({ status: 'referred' });
    expect(await agendaRefs(meetingId)).not.toContain(ref);
    const audit = (await db.rows('audit_log', 'target_id', referral.id)).sort((a, b) => Number(a.id) - Number(b.id));
    expect(audit.map((r) => r.action)).toEqual(['referral.create', 'referral.accept', 'referral.accept-undone']);
  });

  it('issues distinct, consecutive references to referrals made at the same moment', async () => {
    const before = (await db.cases.listCases(ids.raceSeries)).length;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => cases.referCase(i % 2 ? officer : housingOfficer, ids.raceSeries, body({ agencyId: i % 2 ? ids.police : ids.housing }), null)));
    const seqs = results.map((r) => Number(r.ref.split('-')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => before + 1 + i));
    expect(await db.count('cases', 'series_id', ids.raceSeries)).toBe(before + 12);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoMeetingId } from '../../server/seed/demo.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { readContributions } from '../../shared/item-work.js';
import { roomEvents } from '../../shared/room-protocol.js';
import { caseRefPattern } from '../../shared/domain.js';
import type { CaseHistoryView, CaseRefView, CaseView, MeetingCasesView, QueueEntryView, ReferralView } from '../../shared/api-types.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { waitForDoc } from '../support/yjs-client.js';
import { referralBody as referral } from '../support/fixtures.js';
import { pdfPages, unzipDocx, wordParagraphs } from '../support/read-exports.js';

const seriesId = 'series-repeat-removals';

describe.each(serverEngines)('referrals, the case register and research over REST, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api, post, cookie } = live;
  /** How many rows the server stored, on its engine. */
  const counts = async () =>
    (await live.row(
      'select (select count(*) from cases) cases, (select count(*) from referrals) referrals, (select count(*) from case_research) research, (select count(*) from audit_log) audit, (select count(*) from meeting_updates) updates',
    )) as { cases: number; referrals: number; research: number; audit: number; updates: number };
  beforeAll(async () => {
    // Sign everyone in once up front: concurrent first calls would each sign in and trip the rate limit.
    for (const who of ['member', 'member2', 'coordinator', 'chair', 'observer'] as const) await cookie(who);
  });

  it('issues unique, consecutive references under concurrent referrals, and never reuses a retired one', async () => {
    const before = await counts();
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => post<{ ref: string }>(i % 2 ? 'member' : 'member2', `/series/${seriesId}/referrals`, referral({ agencyId: i % 2 ? 'agency-amh' : 'agency-pol' }))));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const refs = results.map((r) => r.body.ref);
    for (const ref of refs) expect(ref).toMatch(caseRefPattern);
    expect(new Set(refs).size).toBe(refs.length);
    const seqs = refs.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect((await counts()).cases).toBe(before.cases + 24);

    // Match the newest one to an earlier case: its reference is retired, and the next referral does not take it.
    const queue = (await api<{ referrals: QueueEntryView[] }>('coordinator', `/series/${seriesId}/referrals?view=queue`)).body.referrals;
    const newest = queue.find((r) => r.issuedRef === refs.find((ref) => Number(ref.split('-')[2]) === seqs.at(-1)))!;
    expect((await post('coordinator', `/referrals/${newest.id}/match`, { caseRef: 'RR-2026-009' })).status).toBe(200);
    const register = (await api<{ cases: CaseView[] }>('coordinator', `/series/${seriesId}/cases`)).body.cases;
    expect(register.find((c) => c.ref === newest.issuedRef)).toMatchObject({ status: 'merged', mergedInto: 'RR-2026-009' });
    const next = await post<{ ref: string }>('member2', `/series/${seriesId}/referrals`, referral());
    expect(Number(next.body.ref.split('-')[2])).toBe(seqs.at(-1)! + 1);
  });

  it('refuses bad input with a 422 naming each field, and stores nothing', async () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['consent refused without a lawful basis', referral({ consent: 'refused', lawfulBasis: '' }), ['lawfulBasis']],
      ['consent not sought without a lawful basis', referral({ consent: 'not-sought', lawfulBasis: ' ' }), ['lawfulBasis']],
      ['an unknown agency', referral({ agencyId: 'agency-nope' }), ['agencyId']],
      ['missing risk, children and summary', referral({ riskLevel: undefined, childrenInvolved: 'yes', summary: '' }), ['riskLevel', 'childrenInvolved', 'summary']],
      ['an unknown field', referral({ name: 'A Person' }), ['_']],
    ];
    for (const [what, body, fields] of cases) {
      const before = await counts();
      const res = await post<{ error: { code: string; fields: Record<string, string> } }>('member2', `/series/${seriesId}/referrals`, body);
      expect(res.status, what).toBe(422);
      expect(Object.keys(res.body.error.fields).sort(), what).toEqual([...fields].sort());
      expect(await counts(), what).toEqual(before);
    }
    // A reference that does not exist: 422 on the field when matching, 404 as a path.
    const pending = (await api<{ referrals: QueueEntryView[] }>('coordinator', `/series/${seriesId}/referrals?view=queue`)).body.referrals.find((r) => r.state === 'pending')!;
    const before = await counts();
    const unknown = await post<{ error: { fields: Record<string, string> } }>('coordinator', `/referrals/${pending.id}/match`, { caseRef: 'RR-2099-999' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.caseRef).toMatch(/No case has the reference RR-2099-999/);
    expect((await api('coordinator', '/cases/RR-2099-999')).status).toBe(404);
    expect((await post('coordinator', '/cases/RR-2099-999/close', { reason: 'Never existed' })).status).toBe(404);
    expect((await post('coordinator', `/referrals/${pending.id}/accept`, { meetingId: 'demo-previous' })).status).toBe(422);
    expect((await post('coordinator', `/referrals/${pending.id}/decline`, { reason: '' })).status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('refuses a referral to an archived series with a 422 and stores nothing', async () => {
    // Archived as the series screens do it (archived_at set); set directly so the rest of this file keeps the series.
    await live.write('update series set archived_at = ? where id = ?', Date.now(), seriesId);
    try {
      const before = await counts();
      const res = await post<{ error: { fields: Record<string, string> } }>('member2', `/series/${seriesId}/referrals`, referral());
      expect(res.status).toBe(422);
      expect(res.body.error.fields.seriesId).toMatch(/archived/);
      expect(await counts()).toEqual(before);
    } finally {
      await live.write('update series set archived_at = null where id = ?', seriesId);
    }
  });

  it('runs a referral through the queue onto a live agenda, then research becomes contributions when the meeting opens', async () => {
    const created = await post<{ ref: string; referral: ReferralView }>('member2', `/series/${seriesId}/referrals`, referral({ consent: 'given', lawfulBasis: '' }));
    const id = created.body.referral.id;
    const ref = created.body.ref;
    const audited = async (action: string) => ((await live.row('select count(*) n from audit_log where action = ? ', action)) as { n: number }).n;

    // The member sees their own referral; the observer cannot see the queue; members see references only.
    const mine = (await api<{ referrals: ReferralView[] }>('member2', `/series/${seriesId}/referrals?view=mine`)).body.referrals;
    expect(mine.find((r) => r.id === id)?.state).toBe('pending');
    expect((await api('member2', `/series/${seriesId}/referrals?view=queue`)).status).toBe(403);
    const refsOnly = (await api<{ cases: CaseRefView[] }>('observer', `/series/${seriesId}/cases`)).body.cases;
    expect(Object.keys(refsOnly[0]).sort()).toEqual(['ref', 'status']);

    expect((await post('coordinator', `/referrals/${id}/request-info`, { message: 'Has the midwife been told?' })).status).toBe(200);
    expect((await post('member', `/referrals/${id}/provide-info`, { message: 'Not mine to answer' })).status).toBe(403);
    const answered = await post<{ referral: ReferralView }>('member2', `/referrals/${id}/provide-info`, { message: 'Yes, on Monday.' });
    expect(answered.body.referral).toMatchObject({ state: 'pending', infoExchanges: [{ request: 'Has the midwife been told?', response: 'Yes, on Monday.' }] });

    // A live client of this week's meeting sees the case item appear, with the case's details, written by the server.
    const member = await live.yclient('member');
    const accepted = await post<{ referral: ReferralView }>('coordinator', `/referrals/${id}/accept`, { meetingId: demoMeetingId });
    expect(accepted.status).toBe(200);
    expect(accepted.body.referral).toMatchObject({ state: 'accepted', meeting: { id: demoMeetingId }, repeat: false });
    await waitForDoc(member.doc, (d) => readAgenda(d).some((i) => i.caseRef === ref));
    const item = readAgenda(member.doc).find((i) => i.caseRef === ref)!;
    expect(item).toMatchObject({ kind: 'new-referral', details: { referringAgency: 'Police Public Protection Unit', riskLevel: 'high', childrenInvolved: true, consent: 'given', repeatReferral: false } });
    expect(readAgenda(member.doc).at(-1)!.kind).toBe('any-other-business');
    member.destroy();

    // Two agencies research it; a third agency's absence shows.
    for (const [who, knows] of [['member2', 'Two call-outs this year.'], ['member', 'Known to the perinatal team.']] as const) {
      expect((await api(who, `/cases/${ref}/research?meetingId=${demoMeetingId}`, { method: 'PUT', body: JSON.stringify({ knows, risks: 'Escalating', view: 'Accept' }) })).status).toBe(200);
    }
    const briefing = (await api<MeetingCasesView>('chair', `/meetings/${demoMeetingId}/cases`)).body;
    const onAgenda = briefing.cases.find((c) => c.ref === ref)!;
    expect(onAgenda.research.sent.map((s) => s.agencyName).sort()).toEqual(['Adult Mental Health (NHS)', 'Police Public Protection Unit']);
    expect(onAgenda.research.missing.map((m) => m.agencyName)).toContain('Housing Options');
    expect(briefing.cases.find((c) => c.ref === 'RR-2026-009')!.timesDiscussed).toBe(1);
    expect(briefing.cases.find((c) => c.ref === 'RR-2026-009')!.openActions.length).toBeGreaterThan(0);

    const agendaDocx = await api('member', `/meetings/${demoMeetingId}/agenda.docx`);
    expect(agendaDocx.status).toBe(200);
    const docx = unzipDocx(Buffer.from(await agendaDocx.res.arrayBuffer()));
    const paragraphs = wordParagraphs(docx.document).join('\n');
    expect(paragraphs).toContain('OFFICIAL-SENSITIVE');
    expect(docx.headers.join('')).toContain('OFFICIAL-SENSITIVE');
    expect(paragraphs).toContain(ref);
    // Case references only: the summary never leaves in the agenda.
    expect(paragraphs).not.toContain('partner arrested');
    const agendaPdf = await api('member', `/meetings/${demoMeetingId}/agenda.pdf`);
    const pages = await pdfPages(Buffer.from(await agendaPdf.res.arrayBuffer()));
    expect(pages.every((p) => p.includes('OFFICIAL-SENSITIVE'))).toBe(true);
    expect(pages.join('\n')).toContain(ref);
    expect(pages.join('\n')).not.toContain('partner arrested');

    const chair = await live.openMeeting();
    const after = await live.yclient('chair');
    const contributions = readContributions(after.doc, item.id);
    expect(contributions.map((c) => [c.agencyName, c.authors, c.parts.knows])).toEqual([
      ['Adult Mental Health (NHS)', ['Riley Mental-Health'], 'Known to the perinatal team.'],
      ['Police Public Protection Unit', ['Sam Constable'], 'Two call-outs this year.'],
    ]);
    // Research is closed once the meeting is live.
    expect((await api('member2', `/cases/${ref}/research?meetingId=${demoMeetingId}`, { method: 'PUT', body: JSON.stringify({ knows: 'Late' }) })).status).toBe(409);

    expect((await chair.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    chair.close();
    after.destroy();
    const history = (await api<CaseHistoryView>('coordinator', `/cases/${ref}`)).body;
    expect(history.meetings[0]).toMatchObject({ id: demoMeetingId, status: 'ended', minutesPath: `/meetings/${demoMeetingId}/minutes` });
    expect(history.contributions.map((c) => c.agency).sort()).toEqual(['Adult Mental Health (NHS)', 'Police Public Protection Unit']);
    expect(history.referrals.map((r) => r.id)).toEqual([id]);
    expect(history.research).toHaveLength(2);
    expect((await api('observer', `/cases/${ref}`)).status).toBe(403);

    const closed = await post<{ case: { status: string } }>('coordinator', `/cases/${ref}/close`, { reason: 'Support in place' });
    expect(closed.body.case.status).toBe('closed');
    for (const action of ['referral.create', 'referral.request-info', 'referral.provide-info', 'referral.accept', 'research.save', 'agenda.export', 'case.view', 'case.close']) {
      expect(await audited(action), action).toBeGreaterThan(0);
    }
  });

  it('declines with a reason, and publishing an agenda is audited', async () => {
    const created = await post<{ ref: string; referral: ReferralView }>('member2', `/series/${seriesId}/referrals`, referral());
    const before = (await counts()).audit;
    const declined = await post<{ referral: ReferralView }>('coordinator', `/referrals/${created.body.referral.id}/decline`, { reason: 'Below the threshold' });
    expect(declined.body.referral).toMatchObject({ state: 'declined', stateMessage: 'Below the threshold' });
    expect((await post('coordinator', `/referrals/${created.body.referral.id}/accept`, { meetingId: 'demo-following' })).status).toBe(409);
    const register = (await api<{ cases: CaseView[] }>('coordinator', `/series/${seriesId}/cases`)).body.cases;
    expect(register.find((c) => c.ref === created.body.ref)).toMatchObject({ status: 'closed', closed: { reason: 'Referral declined: Below the threshold' } });
    // The reason is kept as a catalogue message: in Welsh for a Welsh reader, the coordinator's own words as written.
    const inWelsh = (await api<{ cases: CaseView[] }>('coordinator', `/series/${seriesId}/cases`, { headers: { 'accept-language': 'cy' } })).body.cases;
    expect(inWelsh.find((c) => c.ref === created.body.ref)?.closed?.reason).toBe('Gwrthodwyd yr atgyfeiriad: Below the threshold');
    expect((await post('coordinator', '/meetings/demo-following/agenda/publish', {})).status).toBe(200);
    expect((await post('member', '/meetings/demo-following/agenda/publish', {})).status).toBe(403);
    const rows = (await live.rows('select action from audit_log where id > (select max(id) - 10 from audit_log) order by id')) as { action: string }[];
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['referral.create', 'referral.decline', 'agenda.publish']));
    expect((await counts()).audit).toBe(before + 2);
  });

  it('answers any hostile referral body with 201 or a 422 per field, never a fault, and stores nothing on a 422 (property)', async () => {
    const junk = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 70 }), { maxLength: 25 }), fc.object({ maxDepth: 1 }));
    const body = fc.record(
      {
        agencyId: fc.oneof(fc.constantFrom('agency-pol', 'agency-amh', 'agency-nope'), junk),
        reason: fc.oneof(fc.string({ maxLength: 2_100 }), junk),
        riskLevel: fc.oneof(fc.constantFrom('high', 'medium', 'standard', 'extreme'), junk),
        childrenInvolved: fc.oneof(fc.boolean(), junk),
        consent: fc.oneof(fc.constantFrom('given', 'not-sought', 'refused'), junk),
        lawfulBasis: fc.oneof(fc.constant(''), fc.string({ maxLength: 600 }), junk),
        vulnerabilities: fc.oneof(fc.array(fc.string({ maxLength: 70 }), { maxLength: 25 }), junk),
        summary: fc.oneof(fc.string({ maxLength: 600 }), junk),
        urgent: fc.oneof(fc.boolean(), junk),
        repeat: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await counts();
        const res = await post<{ ref?: string; error?: { code: string; fields: Record<string, string> } }>('member2', `/series/${seriesId}/referrals`, b);
        expect([201, 422]).toContain(res.status);
        if (res.status === 422) {
          expect(Object.keys(res.body.error!.fields).length).toBeGreaterThan(0);
          expect(await counts()).toEqual(before);
        } else {
          expect(res.body.ref).toMatch(caseRefPattern);
          expect((await counts()).cases).toBe(before.cases + 1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes exactly one audit row per command', async () => {
    const auditCount = async () => (await counts()).audit;
    const step = async (run: () => Promise<{ status: number }>, action: string) => {
      const before = await auditCount();
      expect((await run()).status, action).toBeLessThan(300);
      const rows = (await live.rows('select action from audit_log where id > (select max(id) from audit_log) - ?', (await auditCount()) - before)) as { action: string }[];
      expect(rows.map((r) => r.action), action).toEqual([action]);
    };
    let id = '';
    let ref = '';
    await step(async () => {
      const res = await post<{ ref: string; referral: ReferralView }>('member2', `/series/${seriesId}/referrals`, referral());
      id = res.body.referral.id;
      ref = res.body.ref;
      return res;
    }, 'referral.create');
    await step(() => post('coordinator', `/referrals/${id}/request-info`, { message: 'Is the midwife aware?' }), 'referral.request-info');
    await step(() => post('member2', `/referrals/${id}/provide-info`, { message: 'Yes.' }), 'referral.provide-info');
    await step(() => post('coordinator', `/referrals/${id}/match`, { caseRef: 'RR-2026-011' }), 'referral.match');
    await step(() => post('coordinator', `/referrals/${id}/accept`, { meetingId: 'demo-following' }), 'referral.accept');
    await step(() => api('coordinator', '/cases/RR-2026-011'), 'case.view');
    await step(() => post('coordinator', '/cases/RR-2026-011/close', { reason: 'Support in place' }), 'case.close');
    await step(() => post('coordinator', '/meetings/demo-following/agenda/publish', {}), 'agenda.publish');
    await step(() => api('member', '/cases/RR-2026-011/research?meetingId=demo-following', { method: 'PUT', body: JSON.stringify({ knows: 'Known to us.' }) }), 'research.save');
    await step(() => api('member', '/meetings/demo-following/agenda.pdf'), 'agenda.export');
    const declined = await post<{ referral: ReferralView }>('member2', `/series/${seriesId}/referrals`, referral());
    await step(() => post('coordinator', `/referrals/${declined.body.referral.id}/decline`, { reason: 'Below the threshold' }), 'referral.decline');
    expect(ref).toMatch(caseRefPattern);
  });
});

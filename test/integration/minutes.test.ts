import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import * as Y from 'yjs';
import { addAgendaItem, appendNotesParagraph, readAgenda, restrictedNotesFragmentName } from '../../shared/meeting-doc.js';
import { addAction, addApology, decisionText, joinContribution, contributionText, setDecisionOutcome, type PersonRef } from '../../shared/item-work.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { MeetingDetailView, MinutesVersionView } from '../../shared/api-types.js';
import type { MinutesView } from '../../shared/minutes.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';
import { parseCsv, pdfPages, unzipDocx, wordParagraphs } from '../support/read-exports.js';

const year = (ms: number) => new Date(ms).getUTCFullYear();

describe.each(serverEngines)('ending a meeting writes the minutes; amendments make versions, on $name', ({ engine }) => {
  const live = liveServer({ engine });
  const { api, room, yclient } = live;

  /** Writes a decision and two actions on the first two case items, as people in the room would. */
  async function runMeeting() {
    const { body } = await api<{ meeting: MeetingDetailView }>('chair', `/meetings/${demoMeetingId}`);
    expect(body.meeting.decisionNumbers).toEqual({});
    const people = body.meeting.participants;
    const police = people.find((p) => p.name === 'Sam Constable')!;
    const housing = people.find((p) => p.name === 'Taylor Housing')!;
    const member = await yclient('member2');
    const cases = readAgenda(member.doc).filter((i) => i.caseRef);
    const [first, second] = cases;
    member.doc.transact(() => {
      appendNotesParagraph(member.doc, first.id, 'Discussed the pre-birth assessment timeline.');
      joinContribution(member.doc, first.id, police as PersonRef);
      contributionText(member.doc, first.id, police.agencyId, 'risks').insert(0, 'Two call-outs this year.');
      addAction(member.doc, first.id, { what: 'Complete the joint visit', owner: police as PersonRef, due: '2026-12-09' });
      addAction(member.doc, first.id, { what: 'Check the tenancy', owner: housing as PersonRef, due: null });
      addApology(member.doc, { personId: housing.id, name: housing.name, agencyName: housing.agencyName });
    });
    // Decisions are the chair's once the meeting is live (the server reverts anyone else's).
    const chair = await yclient('chair');
    chair.doc.transact(() => {
      setDecisionOutcome(chair.doc, first.id, 'allocate');
      decisionText(chair.doc, first.id, 'text').insert(0, 'Allocate to the specialist midwife.');
      decisionText(chair.doc, first.id, 'reasons').insert(0, 'High risk with children involved.');
      setDecisionOutcome(chair.doc, second.id, 'signpost');
      decisionText(chair.doc, second.id, 'text').insert(0, 'Signpost to the recovery service.');
    });
    await Promise.all([member.saved(), chair.saved()]);
    return { member, first, second, police, housing };
  }

  it('writes exactly the expected rows in one go, rejects later edits, and exports every format', async () => {
    const chair = await room('chair');
    const policeRoom = await room('member2');
    expect((await chair.emit(roomEvents.open, { meetingId: demoMeetingId })).ok).toBe(true);
    // One of the two present acknowledges confidentiality: the minutes must say who did, when, and who did not.
    expect((await policeRoom.emit(roomEvents.acknowledge, { meetingId: demoMeetingId })).ok).toBe(true);
    const { member, first, second, police } = await runMeeting();
    // The chair's restricted notes on the same item: a separate document the minutes never read.
    const restricted = await yclient('chair', demoMeetingId, 'restricted');
    const secret = 'Chair only: informant details withheld';
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(secret)]);
    restricted.doc.getXmlFragment(restrictedNotesFragmentName(first.id)).insert(0, [paragraph]);
    await restricted.saved();
    expect((await api('chair', `/meetings/${demoMeetingId}/minute-taker`, { method: 'PUT', body: JSON.stringify({ personId: 'nobody' }) })).status).toBe(422);
    expect((await api('chair', `/meetings/${demoMeetingId}/minute-taker`, { method: 'PUT', body: JSON.stringify({ personId: police.id }) })).status).toBe(200);
    const scheduledAt = ((await live.row('select scheduled_at from meetings where id = ?', demoMeetingId)) as { scheduled_at: number }).scheduled_at;
    const yyyy = year(scheduledAt);
    // The seeded history has last week's meeting with two decisions in the same series.
    const before = ((await live.row('select max(seq) top from minutes_decisions where year = ?', yyyy)) as { top: number | null }).top ?? 0;

    expect((await chair.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    expect((await live.row('select status from meetings where id = ?', demoMeetingId))).toEqual({ status: 'ended' });
    expect((await live.rows('select version, note from minutes_versions where meeting_id = ?', demoMeetingId))).toEqual([{ version: 1, note: null }]);
    expect((await live.row('select count(*) n from minutes_items where meeting_id = ?', demoMeetingId))).toEqual({ n: readAgenda(member.doc).length });
    const decisions = (await live.rows('select item_id, number, outcome, text, reasons from minutes_decisions where meeting_id = ? order by seq', demoMeetingId));
    const pad = (n: number) => `${String(n).padStart(3, '0')}/${yyyy}`;
    expect(decisions).toEqual([
      { item_id: first.id, number: pad(before + 1), outcome: 'allocate', text: 'Allocate to the specialist midwife.', reasons: 'High risk with children involved.' },
      { item_id: second.id, number: pad(before + 2), outcome: 'signpost', text: 'Signpost to the recovery service.', reasons: '' },
    ]);
    expect((await live.rows("select what, due, status from actions where meeting_id = ? order by position", demoMeetingId))).toEqual([
      { what: 'Complete the joint visit', due: '2026-12-09', status: 'open' },
      { what: 'Check the tenancy', due: null, status: 'open' },
    ]);
    expect((await live.rows("select name, status from minutes_attendance where meeting_id = ? and status = 'apologies'", demoMeetingId))).toEqual([{ name: 'Taylor Housing', status: 'apologies' }]);
    // Both were in the room when the chair opened it and still there at the end: joined then, left at the end.
    const present = (await live.rows("select name, role, joined_at, left_at from minutes_attendance where meeting_id = ? and status = 'present' order by name", demoMeetingId)) as { name: string; role: string; joined_at: number; left_at: number }[];
    expect(present.map((p) => [p.name, p.role])).toEqual([['Morgan Chair', 'chair'], ['Sam Constable', 'member']]);
    const endedAt = ((await live.row('select ended_at from meetings where id = ?', demoMeetingId)) as { ended_at: number }).ended_at;
    for (const p of present) expect([p.joined_at <= endedAt, p.left_at]).toEqual([true, endedAt]);
    const discussion = (await live.row('select discussion from minutes_items where meeting_id = ? and item_id = ?', demoMeetingId, first.id));
    expect(discussion).toEqual({ discussion: 'Discussed the pre-birth assessment timeline.' });

    // A client edit after the end is refused by the server; what is stored does not change. (On PostgreSQL the row
    // count reads PostgreSQL's log, empty until the document log moves there; the late reader checks it either way.)
    const storedBefore = (await live.row('select count(*) n from meeting_updates where meeting_id = ?', demoMeetingId));
    await member.status('read-only');
    decisionText(member.doc, first.id, 'text').insert(0, 'LATE EDIT ');
    const late = await yclient('chair');
    expect(decisionText(late.doc, first.id, 'text').toString()).toBe('Allocate to the specialist midwife.');
    expect((await live.row('select count(*) n from meeting_updates where meeting_id = ?', demoMeetingId))).toEqual(storedBefore);

    const { body } = await api<{ minutes: MinutesView }>('coordinator', `/meetings/${demoMeetingId}/minutes`);
    expect(body.minutes.items.find((i) => i.id === first.id)?.decision?.number).toBe(pad(before + 1));
    // The meeting screen reads the numbers too, so the decision shows its number once the meeting has ended.
    const detail = await api<{ meeting: MeetingDetailView }>('member2', `/meetings/${demoMeetingId}`);
    expect(detail.body.meeting.decisionNumbers).toEqual({ [first.id]: pad(before + 1), [second.id]: pad(before + 2) });
    expect(body.minutes.meeting.minuteTaker).toEqual({ name: 'Sam Constable', agency: 'Police Public Protection Unit' });
    expect(JSON.stringify(body.minutes)).not.toContain('ownerPersonId');
    const acks = Object.fromEntries(body.minutes.attendance.present.map((p) => [p.name, p.acknowledgedAt]));
    expect(acks).toEqual({ 'Morgan Chair': null, 'Sam Constable': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const docx = await api('coordinator', `/meetings/${demoMeetingId}/minutes.docx`);
    expect(docx.res.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.res.headers.get('content-disposition')).toMatch(/attachment; filename=".*-minutes-v1\.docx"/);
    const text = wordParagraphs(unzipDocx(Buffer.from(await docx.res.arrayBuffer())).document).join('\n');
    expect(text).toContain(`Decision number: ${pad(before + 1)}`);
    const pdf = await api('coordinator', `/meetings/${demoMeetingId}/minutes.pdf`);
    const pages = await pdfPages(Buffer.from(await pdf.res.arrayBuffer()));
    expect(pages.join('\n')).toContain(pad(before + 2));
    expect(pages[0]).toMatch(/OFFICIAL-SENSITIVE/);
    expect(pages[0]).toMatch(new RegExp(`Page 1 of ${pages.length}`));
    expect(text).not.toContain(secret);
    expect(pages.join('\n')).not.toContain(secret);
    for (const format of ['md', 'html', 'json']) {
      const got = await api('coordinator', `/meetings/${demoMeetingId}/minutes.${format}`);
      const file = format === 'json' ? JSON.stringify(got.body) : await got.res.text();
      expect(file, format).toContain('Discussed the pre-birth assessment timeline.');
      expect(file, format).toMatch(format === 'json' ? /"acknowledgedAt":null/ : /1 of 2 present acknowledged .*Not acknowledged by: Morgan Chair/s);
      if (format !== 'json') expect(file, format).toMatch(/Sam Constable, Police Public Protection Unit – acknowledged confidentiality at \d\d:\d\d/);
      expect(file, format).not.toContain(secret);
    }
    const stored = (await live.row('select content from minutes_versions where meeting_id = ?', demoMeetingId)) as { content: string };
    expect(stored.content).not.toContain(secret);
    const csv = await api('coordinator', `/meetings/${demoMeetingId}/minutes.csv`);
    expect(parseCsv(await csv.res.text()).some((row) => row.includes('Complete the joint visit'))).toBe(true);
    const audit = (await live.rows("select action, detail from audit_log where action like 'minutes.%' order by id")) as { action: string; detail: string }[];
    expect(audit.map((a) => [a.action, JSON.parse(a.detail).format ?? null])).toEqual([
      ['minutes.view', null],
      ['minutes.export', 'docx'],
      ['minutes.export', 'pdf'],
      ['minutes.export', 'md'],
      ['minutes.export', 'html'],
      ['minutes.export', 'json'],
      ['minutes.export', 'csv'],
    ]);
    // The administrators' audit log reads the same rows, from wherever the server stores them.
    const { body: log } = await api<{ entries: { action: string; actorName: string | null }[] }>('admin', `/admin/audit?targetId=${demoMeetingId}&action=minutes.export`);
    expect(log.entries.map((e) => [e.action, e.actorName])).toEqual(Array.from({ length: 6 }, () => ['minutes.export', 'Casey Coordinator']));

    // Extracts go to agencies on record only: the referring agency typed on a case ("Midwifery") is not one.
    const { body: again } = await api<{ extractRecipients: string[] }>('coordinator', `/meetings/${demoMeetingId}/minutes`);
    expect(again.extractRecipients).toContain('Police Public Protection Unit');
    expect(again.extractRecipients).not.toContain('Midwifery');
    expect(body.minutes.items.some((i) => i.agencies.includes('Midwifery'))).toBe(true);
    const refused = await api<{ error: { code: string; message: string } }>('coordinator', `/meetings/${demoMeetingId}/minutes.md?agency=Midwifery`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/Midwifery is not an agency/);
    const extract = await api('coordinator', `/meetings/${demoMeetingId}/minutes.md?agency=${encodeURIComponent('Police Public Protection Unit')}`);
    expect(extract.status).toBe(200);
    expect(await extract.res.text()).toContain('Extract for:** Police Public Protection Unit');
  });

  it('amends into a new version with a new hash, keeping the earlier one exportable as it was', async () => {
    const chair = await room('chair');
    await chair.emit(roomEvents.open, { meetingId: demoMeetingId });
    const { first, police } = await runMeeting();
    await chair.emit(roomEvents.end, { meetingId: demoMeetingId });
    const v1 = await api<{ minutes: MinutesView }>('coordinator', `/meetings/${demoMeetingId}/minutes`);
    const action = v1.body.minutes.items.find((i) => i.id === first.id)!.actions[0];
    const amendment = {
      note: 'Corrected the decision wording at the chair’s request',
      items: [{ id: first.id, decision: { outcome: 'allocate', text: 'Allocate to the specialist midwife and the advocate.', reasons: 'High risk with children involved.' }, actions: [{ id: action.id, what: action.what, ownerPersonId: police.id, due: '2026-12-16', status: 'open' }] }],
    };
    const member = await api('member', `/meetings/${demoMeetingId}/minutes/amendments`, { method: 'POST', body: JSON.stringify(amendment) });
    expect(member.status).toBe(403);
    const bad = await api<{ error: { code: string } }>('coordinator', `/meetings/${demoMeetingId}/minutes/amendments`, { method: 'POST', body: JSON.stringify({ ...amendment, items: [{ id: 'nope' }] }) });
    expect(bad.status).toBe(422);
    const amended = await api<{ version: number; changes: string[] }>('coordinator', `/meetings/${demoMeetingId}/minutes/amendments`, { method: 'POST', body: JSON.stringify(amendment) });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ version: 2 });
    expect(amended.body.changes).toEqual([expect.stringMatching(/decision .* text/), expect.stringMatching(/action 1 due/)]);
    const again = await api('coordinator', `/meetings/${demoMeetingId}/minutes/amendments`, { method: 'POST', body: JSON.stringify(amendment) });
    expect(again.status).toBe(422);

    const latest = await api<{ minutes: MinutesView; versions: MinutesVersionView[] }>('chair', `/meetings/${demoMeetingId}/minutes`);
    expect(latest.body.versions.map((v) => [v.version, v.createdBy.name, v.note])).toEqual([
      [2, 'Casey Coordinator', amendment.note],
      [1, 'Morgan Chair', null],
    ]);
    expect(latest.body.versions[0].contentHash).not.toBe(latest.body.versions[1].contentHash);
    expect(latest.body.versions[0].changes).toEqual(amended.body.changes);
    // What changed is stored as catalogue messages: a Welsh reader reads it in Welsh.
    const inWelsh = await api<{ versions: MinutesVersionView[] }>('chair', `/meetings/${demoMeetingId}/minutes`, { headers: { 'accept-language': 'cy' } });
    expect(inWelsh.body.versions[0].changes).toEqual([expect.stringMatching(/^Eitem \d+: testun penderfyniad /), expect.stringMatching(/^Eitem \d+: cam gweithredu 1, dyddiad erbyn$/)]);
    expect(latest.body.minutes.items.find((i) => i.id === first.id)?.decision?.text).toBe('Allocate to the specialist midwife and the advocate.');
    const old = await api<{ minutes: MinutesView }>('chair', `/meetings/${demoMeetingId}/minutes?version=1`);
    expect(old.body.minutes.items.find((i) => i.id === first.id)?.decision?.text).toBe('Allocate to the specialist midwife.');
    expect(old.body.minutes.version.contentHash).toBe(latest.body.versions[1].contentHash);
    const oldMd = await (await api('chair', `/meetings/${demoMeetingId}/minutes.md?version=1`)).res.text();
    expect(oldMd).toContain('Allocate to the specialist midwife.');
    expect(oldMd).toMatch(/Version:\*\* 1 /);
    expect((await live.row('select text from minutes_decisions where item_id = ?', first.id))).toEqual({ text: 'Allocate to the specialist midwife and the advocate.' });
    expect((await live.row('select due from actions where id = ?', action.id))).toEqual({ due: '2026-12-16' });
  });

  it('gives two meetings of one series ending at the same moment distinct consecutive decision numbers', async () => {
    const meetings = [demoMeetingId, 'demo-following'];
    const chairs = await Promise.all(meetings.map((id) => room('chair', id)));
    for (const [i, id] of meetings.entries()) expect((await chairs[i].emit(roomEvents.open, { meetingId: id })).ok).toBe(true);
    for (const id of meetings) {
      // Adding an item and deciding during the live meeting are the chair's.
      const y = await yclient('chair', id);
      y.doc.transact(() => {
        const itemId = addAgendaItem(y.doc, { kind: 'new-referral', title: `Referral at ${id}`, caseRef: 'RR-2026-021' });
        setDecisionOutcome(y.doc, itemId, 'accept');
        decisionText(y.doc, itemId, 'text').insert(0, `Accept at ${id}`);
      });
      await y.saved();
    }
    const acks = await Promise.all(meetings.map((id, i) => chairs[i].emit(roomEvents.end, { meetingId: id })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const rows = (await live.rows("select meeting_id, seq, number from minutes_decisions where series_id = 'series-repeat-removals' order by seq")) as { meeting_id: string; seq: number; number: string }[];
    const mine = rows.filter((r) => meetings.includes(r.meeting_id));
    expect(mine).toHaveLength(2);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    expect(mine[1].seq).toBe(mine[0].seq + 1);
  });
});

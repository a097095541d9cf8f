import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import type { ActionView, PreviousMinutesView } from '../../shared/api-types.js';
import { longDate } from '../../shared/minutes-house-style.js';
import { occurrences } from '../../shared/cadence.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { DemoUser } from '../support/demo-actors.js';
import { parseCsv, pdfPages, unzipDocx, wordParagraphs } from '../support/read-exports.js';
import { connectRoom } from '../support/room-client.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

const draft = 'Draft – not yet agreed';

describe.each(serverEngines)('minutes agreed as a correct record at the next meeting, in every export, on $name', ({ engine }) => {
  const live = liveServer({ scope: 'file', engine });
  const { api, post, cookie } = live;

  /** The text of one export as its reader would see it: Word paragraphs, PDF pages, HTML/Markdown/JSON as text. */
  async function exported(meetingId: string, format: 'docx' | 'pdf' | 'html' | 'md' | 'json' | 'csv', version?: number): Promise<string> {
    const res = await api('coordinator', `/meetings/${meetingId}/minutes.${format}${version ? `?version=${version}` : ''}`);
    expect(res.status).toBe(200);
    // The JSON export is read back by the helper already; the others are files.
    if (format === 'json') return (res.body as { status: string }).status;
    const body = Buffer.from(await res.res.arrayBuffer());
    if (format === 'docx') return wordParagraphs(unzipDocx(body).document).join('\n');
    if (format === 'pdf') return (await pdfPages(body)).join('\n');
    // The CSV's status is its own line above the table, read back as the spreadsheet's cells.
    if (format === 'csv') return parseCsv(body.toString('utf8').replace(/^\uFEFF/, '')).slice(0, 2).map((row) => row.join(',')).join('\n');
    return body.toString('utf8');
  }
  const everyExport = async (meetingId: string, version?: number) => {
    // One sign-in before the parallel downloads (each would otherwise start its own).
    await cookie('coordinator');
    return Promise.all((['docx', 'pdf', 'html', 'md', 'json', 'csv'] as const).map(async (f) => [f, await exported(meetingId, f, version)] as const));
  };

  async function openMeeting(meetingId: string, who: DemoUser = 'chair') {
    const room = await connectRoom(live.url(), await cookie(who));
    expect((await room.emit(roomEvents.join, { meetingId })).ok).toBe(true);
    expect((await room.emit(roomEvents.open, { meetingId })).ok).toBe(true);
    return room;
  }

  it("marks last week's minutes a draft in every export until they are agreed", async () => {
    for (const [format, text] of await everyExport('demo-previous')) expect(text, format).toContain(draft);
  });

  it('shows the previous minutes under "Minutes of the last meeting"; only the chair of the live meeting may agree them', async () => {
    const before = await api<{ previous: PreviousMinutesView }>('chair', `/meetings/${demoMeetingId}/previous-minutes`);
    expect(before.body.previous).toMatchObject({ meetingId: 'demo-previous', version: 1, status: draft, agreed: false, canAgree: false });
    expect(before.body.previous.summary.decisions).toBe(2);
    // Not open yet: agreeing waits for the meeting.
    expect((await post('chair', '/meetings/demo-previous/minutes/agree', { atMeetingId: demoMeetingId })).status).toBe(409);

    const room = await openMeeting(demoMeetingId);
    expect((await api<{ previous: PreviousMinutesView }>('chair', `/meetings/${demoMeetingId}/previous-minutes`)).body.previous.canAgree).toBe(true);
    expect((await api<{ previous: PreviousMinutesView }>('coordinator', `/meetings/${demoMeetingId}/previous-minutes`)).body.previous.canAgree).toBe(false);
    expect((await post('coordinator', '/meetings/demo-previous/minutes/agree', { atMeetingId: demoMeetingId })).status).toBe(403);
    expect((await post('member', '/meetings/demo-previous/minutes/agree', { atMeetingId: demoMeetingId })).status).toBe(403);
    // Minutes are agreed at a later meeting of the series, never at an earlier one.
    const wrongWay = await post<{ error: { fields: Record<string, string> } }>('chair', `/meetings/${demoMeetingId}/minutes/agree`, { atMeetingId: 'demo-previous' });
    expect(wrongWay.status).toBe(422);
    expect(wrongWay.body.error.fields.atMeetingId).toMatch(/later meeting/);

    const agreed = await post<{ agreed: { version: number; agreedBy: string } }>('chair', '/meetings/demo-previous/minutes/agree', { atMeetingId: demoMeetingId });
    expect(agreed.status).toBe(200);
    expect(agreed.body.agreed).toMatchObject({ version: 1, agreedBy: 'Morgan Chair' });
    expect((await post('chair', '/meetings/demo-previous/minutes/agree', { atMeetingId: demoMeetingId })).status).toBe(409);
    const audit = (await live.row("select count(*) as n from audit_log where action = 'minutes.agree' and target_id = 'demo-previous'")) as { n: number };
    expect(audit.n).toBe(1);

    const line = `Agreed as a correct record on ${longDate(new Date().toISOString())}, Morgan Chair`;
    for (const [format, text] of await everyExport('demo-previous')) {
      expect(text, format).toContain(line);
      expect(text, format).not.toContain(draft);
    }
    room.close();
  });

  it('records when a meeting was actually held: exports say "Held on … (scheduled for …)" and the tracker uses the held date', async () => {
    // A one-off meeting scheduled for next Thursday (the series meets on Tuesdays), held today instead.
    const startsAt = new Date(occurrences({ kind: 'weekly', weekday: 4, time: '15:00' }, Date.now() + 24 * 3600_000, 1)[0]).toISOString();
    const scheduled = await post<{ meetings: { id: string }[] }>('coordinator', '/series/series-repeat-removals/meetings', { startsAt });
    expect(scheduled.status).toBe(201);
    const id = scheduled.body.meetings[0].id;
    const room = await openMeeting(id);
    expect((await room.emit(roomEvents.end, { meetingId: id })).ok).toBe(true);
    expect((await room.emit(roomEvents.join, { meetingId: demoMeetingId })).ok).toBe(true);
    expect((await room.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    room.close();
    const row = (await live.row('select scheduled_at as s, opened_at as o, ended_at as e from meetings where id = ?', id)) as { s: number; o: number; e: number };
    expect(row.o).toBeLessThanOrEqual(row.e);
    for (const [format, text] of await everyExport(id)) {
      // JSON carries the dates as fields (below); the CSV is the actions table under its marking and status lines.
      if (format === 'json' || format === 'csv') continue;
      expect(text, format).toContain(`Held on ${longDate(new Date(row.o).toISOString())}`);
      expect(text, format).toContain(`(scheduled for ${longDate(startsAt)}`);
      expect(text, format).toContain(draft);
    }
    const json = (await api<{ held: string; meeting: { heldAt: string; scheduledAt: string } }>('coordinator', `/meetings/${id}/minutes.json`)).body;
    expect(json.meeting).toMatchObject({ heldAt: new Date(row.o).toISOString(), scheduledAt: startsAt });
    expect(json.held).toMatch(/^Held on .* \(scheduled for /);
    const tracker = await api<{ actions: ActionView[] }>('coordinator', '/series/series-repeat-removals/actions?state=all');
    expect(tracker.status).toBe(200);
    const previousOpened = ((await live.row("select opened_at as o from meetings where id = 'demo-previous'")) as { o: number }).o;
    expect(tracker.body.actions.filter((a) => a.meeting.id === 'demo-previous').map((a) => a.meeting.heldAt)).toContain(new Date(previousOpened).toISOString());
  });

  it('agrees with amendments through the amendment path: a new version is agreed, the earlier one stays a draft', async () => {
    const room = await openMeeting('demo-following');
    const minutes = await api<{ minutes: { items: { id: string; kind: string }[] } }>('chair', `/meetings/${demoMeetingId}/minutes`);
    const apologies = minutes.body.minutes.items.find((i) => i.kind === 'apologies')!;
    const versions = async () => ((await live.row('select count(*) as n from minutes_versions where meeting_id = ?', demoMeetingId)) as { n: number }).n;
    // A bad amendment refuses the whole agreement: no version, no agreement.
    const bad = await post('chair', `/meetings/${demoMeetingId}/minutes/agree`, { atMeetingId: 'demo-following', amendment: { note: 'Fix', items: [{ id: 'no-such-item', background: 'x' }] } });
    expect(bad.status).toBe(422);
    expect(await versions()).toBe(1);
    expect(((await live.row('select minutes_agreed_at as a from meetings where id = ?', demoMeetingId)) as { a: number | null }).a).toBeNull();

    const res = await post<{ agreed: { version: number; amended: boolean } }>('chair', `/meetings/${demoMeetingId}/minutes/agree`, {
      atMeetingId: 'demo-following',
      amendment: { note: 'Apologies from the housing officer were missed', items: [{ id: apologies.id, background: 'Apologies: Taylor Housing (Housing Options).' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.agreed).toEqual(expect.objectContaining({ version: 2, amended: true }));
    expect(await exported(demoMeetingId, 'md', 2)).toContain('Agreed as a correct record on');
    expect(await exported(demoMeetingId, 'md', 1)).toContain(draft);
    room.close();
  });
});

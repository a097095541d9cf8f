import { describe, expect, it } from 'vitest';
import { demoMeetingId } from '../../server/seed/demo.js';
import { addAction, type PersonRef } from '../../shared/item-work.js';
import { readAgenda } from '../../shared/meeting-doc.js';
import { roomEvents } from '../../shared/room-protocol.js';
import type { ActionView, MeetingDetailView } from '../../shared/api-types.js';
import type { DemoUser } from '../support/demo-actors.js';
import { liveServer } from '../support/live-server.js';
import { serverEngines } from '../support/server.js';

describe.each(serverEngines)('open actions carry forward; the tracker filters them, on $name', ({ engine }) => {
  const live = liveServer({ engine });
  const { actors } = live;
  const api = <T>(who: DemoUser, path: string, body?: unknown) => (body === undefined ? actors.api<T>(who, path) : actors.post<T>(who, path, body));
  const arising = async (meetingId = demoMeetingId) => (await api<{ actions: ActionView[] }>('member', `/meetings/${meetingId}/matters-arising`)).body.actions;

  it('shows last meeting’s open actions under matters arising, and an update there lands on the original action', async () => {
    const before = await arising();
    expect(before.map((a) => a.what).sort()).toEqual(['Confirm the tenancy sustainment referral', 'Offer a perinatal mental health assessment', 'Share the latest engagement summary with the chair']);
    expect(before.every((a) => a.meeting.id === 'demo-previous' && a.status === 'open')).toBe(true);
    const target = before.find((a) => a.what.startsWith('Confirm'))!;
    expect(target.overdue).toBe(true);

    const watcher = await live.room('chair');
    const told = new Promise((resolve) => watcher.socket.once(roomEvents.actionsChanged, resolve));
    const updated = await api<{ action: ActionView }>('member', `/actions/${target.id}/status`, { status: 'done', note: 'Referral confirmed by phone', meetingId: demoMeetingId });
    expect(updated.status).toBe(200);
    expect(await told).toEqual({ meetingId: demoMeetingId });
    expect(updated.body.action).toMatchObject({ status: 'done', overdue: false, history: [{ status: 'done', note: 'Referral confirmed by phone', by: 'Riley Mental-Health', meetingId: demoMeetingId }] });

    expect(await live.row('select status, meeting_id from actions where id = ?', target.id)).toEqual({ status: 'done', meeting_id: 'demo-previous' });
    // Still listed in this meeting's matters arising (it was dealt with here), with its new status.
    expect((await arising()).find((a) => a.id === target.id)).toMatchObject({ status: 'done' });

    expect((await api('member', `/actions/${target.id}/status`, { status: 'finished', meetingId: demoMeetingId })).status).toBe(422);
    expect((await api('member', '/actions/no-such-action/status', { status: 'done', meetingId: demoMeetingId })).status).toBe(404);
    expect((await api('member', `/actions/${target.id}/status`, { status: 'open', meetingId: 'demo-previous' })).status).toBe(409);
    expect((await api('observer', `/actions/${target.id}/status`, { status: 'open', meetingId: demoMeetingId })).status).toBe(403);
  });

  it('filters the series tracker by agency, person and state', async () => {
    const tracker = (query: string) => api<{ actions: ActionView[] }>('coordinator', `/series/series-repeat-removals/actions${query}`).then((r) => r.body.actions);
    const all = await tracker('?state=all');
    expect(all).toHaveLength(4);
    const openOnes = await tracker('');
    expect(openOnes.map((a) => a.status)).toEqual(['open', 'open', 'open']);
    const overdue = await tracker('?state=overdue');
    expect(overdue.map((a) => a.what)).toEqual(['Confirm the tenancy sustainment referral']);
    const housing = await tracker('?agencyId=agency-hou');
    expect(housing.map((a) => a.owner?.agency)).toEqual(['Housing Options']);
    const person = openOnes.find((a) => a.owner?.name === 'Riley Mental-Health')!.owner!.id!;
    expect((await tracker(`?personId=${person}&state=all`)).map((a) => a.what)).toEqual(['Offer a perinatal mental health assessment']);
    expect((await api('coordinator', '/series/series-repeat-removals/actions?state=sometimes')).status).toBe(422);
    expect((await api('coordinator', '/series/no-such-series/actions')).status).toBe(404);
  });

  it('carries actions agreed at this meeting into the next one when it ends', async () => {
    const chair = await live.openMeeting();
    const y = await live.yclient('member');
    const { body } = await api<{ meeting: MeetingDetailView }>('member', `/meetings/${demoMeetingId}`);
    const owner = body.meeting.participants.find((p) => p.name === 'Sam Constable') as PersonRef;
    addAction(y.doc, readAgenda(y.doc).find((i) => i.caseRef)!.id, { what: 'Arrange a strategy discussion', owner, due: '2026-12-20' });
    await y.saved();
    expect((await chair.emit(roomEvents.end, { meetingId: demoMeetingId })).ok).toBe(true);
    const next = await arising('demo-following');
    expect(next.map((a) => [a.what, a.meeting.id])).toContainEqual(['Arrange a strategy discussion', demoMeetingId]);
    expect(next.map((a) => a.what)).toContain('Offer a perinatal mental health assessment');
  });
});

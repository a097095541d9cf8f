/**
 * The minutes service over the engine-neutral Storage, the same cases on SQLite and on PostgreSQL: ending a meeting
 * writes version 1 from the live document in one command transaction (status, attendance and audit row with it);
 * the same meeting ended twice at once writes one set of minutes and refuses the other with nothing of it stored;
 * meetings of one series ending at once get consecutive decision numbers, each meeting's together; an amendment
 * keeps the numbers it had and numbers a new decision next.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from '../../shared/meeting-doc.js';
import { addAction, decisionText, setDecisionOutcome } from '../../shared/item-work.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/policies/index.js';
import { contentHash } from '../../server/services/minutes/content.js';
import { createMinutesService, type MinutesService } from '../../server/services/minutes/minutes-service.js';
import { contractEngines, fixtureId, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

interface Fixture {
  seriesId: string;
  chair: Actor;
  nurseId: string;
  meetingIds: string[];
}

/** A series (prefix RRT) with a chair and a nurse from two agencies, and `count` live meetings with attendance. */
async function seedSeries(db: EngineUnderTest, count: number, scheme: 'NNN/YYYY' | 'YYYY/NNN' = 'NNN/YYYY'): Promise<Fixture> {
  const council = fixtureId('agency');
  const health = fixtureId('agency');
  await db.insert('agencies', [
    { id: council, name: `Children’s Services ${council}`, shortName: 'CS', createdAt: t0 },
    { id: health, name: `NHS Mental Health ${health}`, shortName: 'MH', createdAt: t0 },
  ]);
  const chairId = fixtureId('chair');
  const nurseId = fixtureId('nurse');
  await db.insert('people', [
    { id: chairId, agencyId: council, name: 'Alex Marsh', email: `${chairId}@example.test`, role: 'chair', createdAt: t0 },
    { id: nurseId, agencyId: health, name: 'Émile Oduya', email: `${nurseId}@example.test`, role: 'member', createdAt: t0 },
  ]);
  const seriesId = fixtureId('series');
  await db.insert('series', [{ id: seriesId, name: 'Repeat Removals Triage', decisionPrefix: 'RRT', decisionScheme: scheme, createdAt: t0 }]);
  await db.insert('series_members', [
    { seriesId, personId: chairId, role: 'chair', createdAt: t0 },
    { seriesId, personId: nurseId, role: 'member', createdAt: t0 },
  ]);
  const meetingIds = Array.from({ length: count }, () => fixtureId('meeting'));
  await db.insert(
    'meetings',
    meetingIds.map((id, i) => ({ id, seriesId, title: `Weekly triage ${i + 1}`, scheduledAt: t0 + i * 60_000, openedAt: t0 + i * 60_000, status: 'live', chairId, createdAt: t0 })),
  );
  await db.insert(
    'meeting_attendance',
    meetingIds.flatMap((meetingId) => [
      { meetingId, personId: chairId, role: 'chair', firstJoinedAt: t0, lastLeftAt: null },
      { meetingId, personId: nurseId, role: 'member', firstJoinedAt: t0 + 1000, lastLeftAt: null },
    ]),
  );
  const chair: Actor = { id: chairId, name: 'Alex Marsh', email: `${chairId}@example.test`, agencyId: council, agencyName: `Children’s Services ${council}`, globalRole: 'chair', language: null };
  return { seriesId, chair, nurseId, meetingIds };
}

/** A live document with `decisions` case items, each decided, the first with an action for the nurse. */
function documentWith(f: Fixture, decisions: number): Y.Doc {
  const doc = new Y.Doc();
  for (let i = 0; i < decisions; i++) {
    const item = addAgendaItem(doc, { kind: 'new-referral', title: `Referral ${i + 1}`, caseRef: `RR-2026-${String(i + 1).padStart(3, '0')}` });
    setDecisionOutcome(doc, item, 'accept');
    decisionText(doc, item, 'text').insert(0, `Accept ${i + 1}`);
    if (i === 0) addAction(doc, item, { what: 'Share the safety plan', owner: { id: f.nurseId, name: 'Émile Oduya', agencyId: '', agencyName: '' } });
  }
  return doc;
}

describe.each(contractEngines)('the minutes service on $name', (engine) => {
  let db: EngineUnderTest;
  let minutes: MinutesService;
  let clock = t0 + 3_600_000;
  beforeAll(async () => {
    db = await engine.open();
    minutes = createMinutesService({ storage: db.storage, now: () => clock });
  });
  afterAll(() => db?.close());

  /** What the room does when the chair ends the meeting: refuse unless live, then end, close attendance, audit. */
  const end = (meetingId: string, doc: Y.Doc, actor: Actor) =>
    minutes.recordAtEnd(meetingId, doc, actor, async (s) => {
      const meeting = await s.records.findMeeting(meetingId);
      if (meeting?.status !== 'live') throw new AppError('conflict', 'This meeting has ended');
      await s.roomState.setStatus(meetingId, 'ended', clock);
      await s.attendance.closeAll(meetingId, clock);
      await s.audit.record({ actorId: actor.id, action: 'meeting.end', targetType: 'meeting', targetId: meetingId }, clock);
    });

  it('ends a meeting with version 1 of its minutes, its numbered decisions, closed attendance and one audit row', async () => {
    const f = await seedSeries(db, 1);
    const [meetingId] = f.meetingIds;
    const recorded = await end(meetingId, documentWith(f, 2), f.chair);
    expect(recorded).toMatchObject({ version: 1, unassigned: [] });
    const view = await minutes.view(meetingId);
    expect(view.items.map((i) => i.decision?.number)).toEqual(['RRT 001/2026', 'RRT 002/2026']);
    expect(view.items[0].actions.map((a) => [a.what, a.owner?.name])).toEqual([['Share the safety plan', 'Émile Oduya']]);
    expect(view.attendance.present.map((p) => [p.name, p.leftAt])).toEqual([
      ['Alex Marsh', new Date(clock).toISOString()],
      ['Émile Oduya', new Date(clock).toISOString()],
    ]);
    expect(view.version.contentHash).toBe(contentHash((await db.storage.stores.minutes.content(meetingId, 1))!));
    expect((await db.storage.stores.records.findMeeting(meetingId))?.status).toBe('ended');
    expect(await db.count('audit_log', 'target_id', meetingId)).toBe(1);
    expect(await minutes.decisionNumbers(meetingId)).toEqual(Object.fromEntries(view.items.map((i) => [i.id, i.decision!.number])));
  });

  it('writes one set of minutes when the same meeting is ended twice at once; the other is refused and stores nothing', async () => {
    const f = await seedSeries(db, 1);
    const [meetingId] = f.meetingIds;
    const doc = documentWith(f, 3);
    const outcomes = await Promise.allSettled([end(meetingId, doc, f.chair), end(meetingId, doc, f.chair)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict' });
    expect(await minutes.versions(meetingId)).toHaveLength(1);
    expect((await db.storage.stores.minutes.decisionsOf(meetingId)).map((d) => d.number)).toEqual(['RRT 001/2026', 'RRT 002/2026', 'RRT 003/2026']);
    expect(await db.count('audit_log', 'target_id', meetingId)).toBe(1);
  });

  it('numbers decisions consecutively across meetings of one series ending at once, each meeting’s together (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 5 }), async (decisionCounts) => {
        const f = await seedSeries(db, decisionCounts.length);
        await Promise.all(f.meetingIds.map((id, i) => end(id, documentWith(f, decisionCounts[i]), f.chair)));
        const perMeeting = await Promise.all(f.meetingIds.map(async (id) => (await db.storage.stores.minutes.decisionsOf(id)).map((d) => d.seq)));
        const total = decisionCounts.reduce((a, b) => a + b, 0);
        expect(perMeeting.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        for (const seqs of perMeeting) for (let i = 1; i < seqs.length; i++) expect(seqs[i] - seqs[i - 1]).toBe(1);
      }),
      { numRuns: 8 },
    );
  });

  it('continues the series’ count from meeting to meeting in the year-first scheme too', async () => {
    const f = await seedSeries(db, 2, 'YYYY/NNN');
    await end(f.meetingIds[0], documentWith(f, 2), f.chair);
    await end(f.meetingIds[1], documentWith(f, 1), f.chair);
    const numbers = await Promise.all(f.meetingIds.map(async (id) => (await minutes.view(id)).items.map((i) => i.decision?.number)));
    expect(numbers).toEqual([['RRT 2026/001', 'RRT 2026/002'], ['RRT 2026/003']]);
    expect((await db.storage.stores.minutes.decisionsOf(f.meetingIds[1])).map((d) => [d.year, d.seq])).toEqual([[2026, 3]]);
  });

  it('an amendment makes version 2: numbers kept, a new decision numbered next, nothing stored when it changes nothing', async () => {
    const f = await seedSeries(db, 2);
    const [first, second] = f.meetingIds;
    await end(first, documentWith(f, 1), f.chair);
    const doc = documentWith(f, 1);
    addAgendaItem(doc, { kind: 'any-other-business', title: 'Any other business', caseRef: 'RR-2026-099' });
    await end(second, doc, f.chair);
    const before = await minutes.view(second);
    const undecided = before.items.find((i) => !i.decision)!;
    clock += 60_000;
    const amended = await minutes.amend(
      second,
      f.chair,
      { note: 'Decision added', items: [{ id: undecided.id, decision: { outcome: 'signpost', text: 'Signpost to early help', reasons: 'Below threshold' } }] },
      { ip: '192.0.2.7' },
    );
    expect(amended.version).toBe(2);
    const after = await minutes.view(second);
    expect(after.items.map((i) => i.decision?.number ?? null)).toEqual(['RRT 002/2026', 'RRT 003/2026']);
    expect((await minutes.view(second, 1)).items.map((i) => i.decision?.number ?? null)).toEqual(['RRT 002/2026', null]);
    await expect(
      minutes.amend(second, f.chair, { note: 'Again', items: [{ id: undecided.id, decision: { outcome: 'signpost', text: 'Signpost to early help', reasons: 'Below threshold' } }] }, { ip: null }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await minutes.versions(second)).toHaveLength(2);
    // The amendment's own audit row, written with it; the refused one left none.
    const audit = (await db.rows('audit_log', 'target_id', second)).map((r) => [r.action, r.ip]);
    expect(audit.sort()).toEqual([
      ['meeting.end', null],
      ['minutes.amend', '192.0.2.7'],
    ]);
  });
});

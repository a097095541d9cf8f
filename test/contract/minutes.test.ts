/**
 * The minutes store's promises, the same cases on SQLite and on PostgreSQL: the facts minutes are written from,
 * attendance order, a version written whole or not at all, content read back exactly as written (its hash still
 * matches), decision numbers consecutive when meetings of one series end at once, one version 1 when the same
 * meeting ends twice at once, and PostgreSQL going away mid-write (a fault, nothing stored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStorageFault } from '../../server/db/pg/faults.js';
import type { MinutesStore, StoredContent } from '../../server/db/stores/minutes.js';
import { AppError } from '../../server/errors.js';
import { contentHash } from '../../server/services/minutes/content.js';
import { contractEngines, fixtureId, openCuttablePostgres, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);
const iso = (ms: number) => new Date(ms).toISOString();

interface Fixture {
  seriesId: string;
  meetingId: string;
  people: { chair: string; taker: string; nurse: string; officer: string };
  agencies: { council: string; health: string };
}

/** A series with people from two agencies, a held meeting with its attendance, a cancelled and a next meeting. */
async function seedMeeting(db: EngineUnderTest): Promise<Fixture> {
  const agencies = { council: fixtureId('agency'), health: fixtureId('agency') };
  await db.insert('agencies', [
    { id: agencies.council, name: `Children’s Services ${agencies.council}`, shortName: 'CS', createdAt: t0 },
    { id: agencies.health, name: `NHS Mental Health ${agencies.health}`, shortName: 'MH', createdAt: t0 },
  ]);
  const people = { chair: fixtureId('chair'), taker: fixtureId('taker'), nurse: fixtureId('nurse'), officer: fixtureId('officer') };
  await db.insert('people', [
    { id: people.chair, agencyId: agencies.council, name: 'Alex Marsh', email: `${people.chair}@example.test`, role: 'chair', createdAt: t0 },
    { id: people.taker, agencyId: agencies.council, name: 'adam Dale', email: `${people.taker}@example.test`, role: 'member', createdAt: t0 },
    { id: people.nurse, agencyId: agencies.health, name: 'Émile Oduya', email: `${people.nurse}@example.test`, role: 'member', createdAt: t0 },
    { id: people.officer, agencyId: agencies.health, name: 'Zoe Brenner', email: `${people.officer}@example.test`, role: 'member', createdAt: t0 },
  ]);
  const seriesId = fixtureId('series');
  await db.insert('series', [{ id: seriesId, name: 'Repeat Removals Triage', decisionPrefix: 'RRT', decisionScheme: 'NNN/YYYY', minutesLanguage: 'cy', createdAt: t0 }]);
  const meetingId = fixtureId('meeting');
  const week = 7 * 86_400_000;
  await db.insert('meetings', [
    { id: meetingId, seriesId, title: 'Weekly triage', scheduledAt: t0, openedAt: t0 + 60_000, venue: 'Civic Centre', status: 'live', chairId: people.chair, minuteTakerId: people.taker, createdAt: t0 },
    { id: fixtureId('cancelled'), seriesId, title: 'Cancelled', scheduledAt: t0 + week, status: 'cancelled', createdAt: t0 },
    { id: `${meetingId}-next`, seriesId, title: 'Next', scheduledAt: t0 + 2 * week, createdAt: t0 },
  ]);
  // Same join time for three: then by name, bytewise ("Zoe" < "adam" < "Émile") on both engines.
  await db.insert('meeting_attendance', [
    { meetingId, personId: people.nurse, role: 'member', firstJoinedAt: t0 + 1000, lastLeftAt: null, confidentialityAckAt: t0 + 2000 },
    { meetingId, personId: people.taker, role: 'member', firstJoinedAt: t0 + 1000, lastLeftAt: t0 + 9000, confidentialityAckAt: null },
    { meetingId, personId: people.officer, role: 'member', firstJoinedAt: t0 + 1000, lastLeftAt: null, confidentialityAckAt: null },
    { meetingId, personId: people.chair, role: 'chair', firstJoinedAt: t0, lastLeftAt: null, confidentialityAckAt: t0 + 500 },
  ]);
  return { seriesId, meetingId, people, agencies };
}

function contentFor(f: Fixture, decisions: number): StoredContent {
  return {
    meeting: { id: f.meetingId, seriesName: 'Repeat Removals Triage', title: 'Weekly triage', heldAt: iso(t0 + 60_000), scheduledAt: iso(t0), venue: 'Civic Centre', chair: { name: 'Alex Marsh', agency: 'CS' }, minuteTaker: null, nextMeetingAt: null },
    confidentialityAcknowledged: false,
    attendance: {
      present: [{ personId: f.people.chair, name: 'Alex Marsh', agency: 'CS', role: 'chair', joinedAt: iso(t0), leftAt: null, acknowledgedAt: iso(t0 + 500) }],
      apologies: [{ personId: null, name: 'Rhys Tal', agency: 'Housing Options' }],
    },
    items: Array.from({ length: decisions }, (_, i) => ({
      id: `item-${i + 1}`,
      number: i + 1,
      kind: 'new-referral',
      title: `Referral ${i + 1} — “quotes” & ümlauts`,
      caseRef: `RR-2026-${String(i + 1).padStart(3, '0')}`,
      agencies: ['CS'],
      background: ['First paragraph.', 'Second paragraph.'],
      contributions: [{ agency: 'MH', author: 'Émile Oduya', text: 'Known to the perinatal team.' }],
      decision: { number: '', outcome: 'allocate', text: `Allocate ${i + 1}`, reasons: 'Two previous removals.' },
      actions: [{ id: `${f.meetingId}-act-${i + 1}`, what: 'Share the safety plan', owner: { name: 'Émile Oduya', agency: 'MH' }, ownerPersonId: f.people.nurse, ownerAgencyId: f.agencies.health, due: '2026-12-08', status: 'open' }],
    })),
    distribution: ['CS', 'MH'],
  } as StoredContent;
}

/** What the minutes service does when a meeting ends: number the decisions, add the version, write its rows. */
async function writeVersion(tx: MinutesStore, f: Fixture, content: StoredContent, version: number, by: string, at: number): Promise<string[]> {
  let seq = await tx.nextDecisionSeq(f.seriesId, 2026);
  const numbers: string[] = [];
  for (const item of content.items) {
    if (item.decision && !item.decision.number) item.decision.number = `${String(seq++).padStart(3, '0')}/2026`;
    if (item.decision) numbers.push(item.decision.number);
  }
  await tx.insertVersion({ meetingId: f.meetingId, version, content, contentHash: contentHash(content), createdBy: by, createdAt: at, note: version > 1 ? 'Corrected' : null, changes: version > 1 ? ['items.1.title'] : [] });
  await tx.writeCurrentRows(f.meetingId, f.seriesId, 2026, content, at);
  return numbers;
}

describe.each(contractEngines)('minutes store on $name', (engine) => {
  let db: EngineUnderTest;
  let store: MinutesStore;
  /** One command's transaction (what the minutes service runs a version's writes in). */
  let write: <T>(work: (tx: MinutesStore) => Promise<T>) => Promise<T>;
  beforeAll(async () => {
    db = await engine.open();
    store = db.storage.stores.minutes;
    write = (work) => db.storage.transaction((s) => work(s.minutes));
  });
  afterAll(() => db?.close());

  it('reads the facts the minutes are written from: chair, minute-taker, the next meeting not cancelled', async () => {
    const f = await seedMeeting(db);
    const facts = await store.meetingFacts(f.meetingId);
    expect(facts).toEqual({
      id: f.meetingId,
      title: 'Weekly triage',
      scheduledAt: t0,
      openedAt: t0 + 60_000,
      venue: 'Civic Centre',
      decisionPrefix: 'RRT',
      decisionScheme: 'NNN/YYYY',
      minutesLanguage: 'cy',
      status: 'live',
      seriesId: f.seriesId,
      seriesName: 'Repeat Removals Triage',
      chairName: 'Alex Marsh',
      chairAgency: `Children’s Services ${f.agencies.council}`,
      takerName: 'adam Dale',
      takerAgency: `Children’s Services ${f.agencies.council}`,
      next: { id: `${f.meetingId}-next`, scheduledAt: t0 + 14 * 86_400_000 },
    });
    expect(await store.meetingFacts('no-such-meeting')).toBeUndefined();
  });

  it('lists attendance by first join, then by name in the same order on both engines', async () => {
    const f = await seedMeeting(db);
    const rows = await store.attendance(f.meetingId);
    expect(rows.map((r) => r.name)).toEqual(['Alex Marsh', 'Zoe Brenner', 'adam Dale', 'Émile Oduya']);
    expect(rows[2]).toEqual({ personId: f.people.taker, role: 'member', joinedAt: t0 + 1000, leftAt: t0 + 9000, ackAt: null, name: 'adam Dale', agency: `Children’s Services ${f.agencies.council}` });
  });

  it('writes a version with its rows in one transaction and reads its content back exactly as written', async () => {
    const f = await seedMeeting(db);
    const content = contentFor(f, 2);
    const numbers = await write((tx) => writeVersion(tx, f, content, 1, f.people.taker, t0 + 3_600_000));
    expect(numbers).toEqual(['001/2026', '002/2026']);
    const stored = await store.content(f.meetingId, 1);
    // Key order and all: the hash taken when it was written still matches what is read.
    expect(JSON.stringify(stored)).toBe(JSON.stringify(content));
    expect(contentHash(stored!)).toBe(contentHash(content));
    expect(await store.versions(f.meetingId)).toEqual([
      { version: 1, contentHash: contentHash(content), createdAt: t0 + 3_600_000, note: null, changes: [], createdBy: { id: f.people.taker, name: 'adam Dale', agency: `Children’s Services ${f.agencies.council}` } },
    ]);
    const decisions = await store.decisionsOf(f.meetingId);
    expect(decisions.map((d) => [d.itemId, d.number, d.seq, d.year])).toEqual([
      ['item-1', '001/2026', 1, 2026],
      ['item-2', '002/2026', 2, 2026],
    ]);
    expect(await db.count('actions', 'meeting_id', f.meetingId)).toBe(2);
    expect(await db.count('minutes_attendance', 'meeting_id', f.meetingId)).toBe(2);
    expect(await store.content(f.meetingId, 2)).toBeUndefined();
  });

  it('an amendment adds version 2, replaces the current rows and keeps decision numbers and action ids', async () => {
    const f = await seedMeeting(db);
    const first = contentFor(f, 2);
    await write((tx) => writeVersion(tx, f, first, 1, f.people.taker, t0));
    const second: StoredContent = JSON.parse(JSON.stringify(first));
    second.items[0].title = 'Corrected title';
    second.items[0].decision!.text = 'Allocate, corrected';
    second.attendance.apologies = [];
    await write((tx) => writeVersion(tx, f, second, 2, f.people.chair, t0 + 1000));
    expect((await store.versions(f.meetingId)).map((v) => [v.version, v.note, v.changes])).toEqual([
      [2, 'Corrected', ['items.1.title']],
      [1, null, []],
    ]);
    const decisions = await store.decisionsOf(f.meetingId);
    expect(decisions.map((d) => [d.number, d.text])).toEqual([
      ['001/2026', 'Allocate, corrected'],
      ['002/2026', 'Allocate 2'],
    ]);
    expect(await db.count('minutes_attendance', 'meeting_id', f.meetingId)).toBe(1);
    expect(await db.count('actions', 'meeting_id', f.meetingId)).toBe(2);
    expect((await store.content(f.meetingId, 1))?.items[0].title).toBe(first.items[0].title);
  });

  it('stores nothing when the work fails after writing (all or nothing)', async () => {
    const f = await seedMeeting(db);
    const failed = write(async (tx) => {
      await writeVersion(tx, f, contentFor(f, 2), 1, f.people.taker, t0);
      throw new AppError('validation_failed', 'The amendment changes nothing');
    });
    await expect(failed).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await store.versions(f.meetingId)).toEqual([]);
    expect(await store.decisionsOf(f.meetingId)).toEqual([]);
    expect(await db.count('actions', 'meeting_id', f.meetingId)).toBe(0);
  });

  it('numbers decisions consecutively when several meetings of one series end at the same moment', async () => {
    const first = await seedMeeting(db);
    const others = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const meetingId = `${first.meetingId}-also-${i}`;
        await db.insert('meetings', [{ id: meetingId, seriesId: first.seriesId, title: `Also ${i}`, scheduledAt: t0 + i, status: 'live', createdAt: t0 }]);
        return { ...first, meetingId };
      }),
    );
    const results = await Promise.all([first, ...others].map((f) => write((tx) => writeVersion(tx, f, contentFor(f, 2), 1, f.people.chair, t0))));
    const all = results.flat().sort();
    expect(all).toEqual(Array.from({ length: 12 }, (_, i) => `${String(i + 1).padStart(3, '0')}/2026`));
    // Each meeting's two decisions are next to each other: numbers were taken by one meeting at a time.
    for (const numbers of results) expect(Number(numbers[1].slice(0, 3)) - Number(numbers[0].slice(0, 3))).toBe(1);
  });

  it('writes one version 1 when the same meeting ends twice at once; the other is told it conflicts', async () => {
    const f = await seedMeeting(db);
    const outcomes = await Promise.allSettled([0, 1].map((i) => write((tx) => writeVersion(tx, f, contentFor(f, 1), 1, i ? f.people.chair : f.people.taker, t0 + i))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect(refused.reason).toMatchObject({ code: 'conflict' });
    expect(await store.versions(f.meetingId)).toHaveLength(1);
    expect(await store.decisionsOf(f.meetingId)).toHaveLength(1);
  });

  it('reads an agreement only once a later meeting agreed a version', async () => {
    const f = await seedMeeting(db);
    expect(await store.agreement(f.meetingId)).toBeNull();
    await db.insert('meetings', [
      { id: `${f.meetingId}-agreed`, seriesId: f.seriesId, title: 'Agreed', scheduledAt: t0 - 1, createdAt: t0, minutesAgreedAt: t0 + 5, minutesAgreedBy: f.people.chair, minutesAgreedIn: f.meetingId, minutesAgreedVersion: 2 },
    ]);
    expect(await store.agreement(`${f.meetingId}-agreed`)).toEqual({ at: t0 + 5, version: 2, by: 'Alex Marsh' });
  });
});

describe('minutes store when PostgreSQL goes away', () => {
  it('a connection lost at COMMIT is a storage fault and stores nothing; unreachable reads fail the same way', async () => {
    const pg = await openCuttablePostgres({ connectionTimeoutMs: 2000 });
    const { direct, proxy, storage } = pg;
    try {
      const f = await seedMeeting(direct);
      const store = storage.stores.minutes;
      const write = <T>(work: (tx: MinutesStore) => Promise<T>) => storage.transaction((s) => work(s.minutes));
      proxy.cutOn('commit');
      const lost = await write((tx) => writeVersion(tx, f, contentFor(f, 2), 1, f.people.taker, t0)).catch((err: unknown) => err);
      expect(lost).toBeInstanceOf(PgStorageFault);
      expect(await direct.minutes.versions(f.meetingId)).toEqual([]);
      expect(await direct.count('minutes_decisions', 'meeting_id', f.meetingId)).toBe(0);
      proxy.cut();
      await expect(store.versions(f.meetingId)).rejects.toMatchObject({ code: 'PG_UNAVAILABLE' });
      proxy.open();
      await write((tx) => writeVersion(tx, f, contentFor(f, 2), 1, f.people.taker, t0));
      expect(await direct.minutes.versions(f.meetingId)).toHaveLength(1);
    } finally {
      await pg.close();
    }
  });
});

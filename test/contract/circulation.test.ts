/**
 * The circulation store, the same cases on SQLite and on PostgreSQL: who an extract may go to (in agency then name
 * order, bytewise), recipient rows with their email's delivery state, a link's token replaced before sending, the
 * first open kept and every open counted (also when opens race), and the link read with its series and the
 * recipient's role there.
 */
import { describe, expect, it } from 'vitest';
import { contractEngines, fixtureId, openForBlock, personRow, type EngineUnderTest } from './engines.js';

const t0 = Date.UTC(2026, 10, 24, 10);

interface Fixture {
  seriesId: string;
  meetingId: string;
  agencies: { police: string; health: string };
  people: { jo: string; emile: string; zoe: string; obs: string; admin: string; gov: string };
}

async function seed(db: EngineUnderTest): Promise<Fixture> {
  const agencies = { police: fixtureId('agency'), health: fixtureId('agency') };
  await db.insert('agencies', [
    { id: agencies.police, name: `Police ${agencies.police}`, shortName: 'P', createdAt: t0 },
    { id: agencies.health, name: `Éire Health ${agencies.health}`, shortName: 'H', createdAt: t0 },
  ]);
  const people = { jo: fixtureId('jo'), emile: fixtureId('emile'), zoe: fixtureId('zoe'), obs: fixtureId('obs'), admin: fixtureId('admin'), gov: fixtureId('gov') };
  await db.insert('people', [
    personRow(people.jo, 'jo Brenner', agencies.police, t0),
    personRow(people.zoe, 'Zoe Adams', agencies.police, t0, { role: 'coordinator', language: 'cy' }),
    personRow(people.emile, 'Émile Oduya', agencies.health, t0),
    personRow(people.obs, 'Ann Observer', agencies.health, t0, { role: 'observer' }),
    personRow(people.admin, 'Ada Admin', agencies.health, t0, { role: 'admin' }),
    personRow(people.gov, 'Gus Board', agencies.health, t0),
  ]);
  const seriesId = fixtureId('series');
  await db.insert('series', [{ id: seriesId, name: 'Triage', createdAt: t0 }]);
  await db.insert('series_members', [
    { seriesId, personId: people.jo, role: 'member', createdAt: t0 },
    { seriesId, personId: people.zoe, role: 'coordinator', createdAt: t0 },
    { seriesId, personId: people.emile, role: 'chair', createdAt: t0 },
    { seriesId, personId: people.obs, role: 'observer', createdAt: t0 },
    { seriesId, personId: people.admin, role: 'member', createdAt: t0 },
    { seriesId, personId: people.gov, role: 'governance', createdAt: t0 },
  ]);
  const meetingId = fixtureId('meeting');
  await db.insert('meetings', [{ id: meetingId, seriesId, title: 'M', scheduledAt: t0, status: 'ended', createdAt: t0 }]);
  return { seriesId, meetingId, agencies, people };
}

describe.each(contractEngines)('circulation on $name', (engine) => {
  const db = openForBlock(engine);

  /** Queues an email and its recipient row, as the send command does. */
  async function sent(f: Fixture, personId: string, agencyName: string, at: number, delivery: 'link' | 'pdf' = 'link') {
    const outboxId = fixtureId('email');
    await db.outbox.enqueue({ id: outboxId, kind: 'circulation', toPersonId: personId, toAddress: `${personId}@example.test`, subject: 'Extract', text: 'T', html: 'H', attachmentName: null, attachmentType: null, attachment: null, meetingId: f.meetingId, seriesId: f.seriesId, nextAttemptAt: at, createdAt: at });
    const id = fixtureId('recipient');
    await db.circulation.insertRecipient({ id, meetingId: f.meetingId, version: 2, agencyName, personId, delivery, outboxId, sentBy: f.people.zoe, createdAt: at });
    return { id, outboxId };
  }

  it('lists the readers an extract may go to: members who read minutes, not observers, governance or admins', async () => {
    const f = await seed(db);
    expect(await db.circulation.readersOf(f.seriesId)).toEqual([
      { id: f.people.zoe, name: 'Zoe Adams', email: `${f.people.zoe}@example.test`, language: 'cy', agencyId: f.agencies.police, agencyName: `Police ${f.agencies.police}`, role: 'coordinator' },
      { id: f.people.jo, name: 'jo Brenner', email: `${f.people.jo}@example.test`, language: null, agencyId: f.agencies.police, agencyName: `Police ${f.agencies.police}`, role: 'member' },
      { id: f.people.emile, name: 'Émile Oduya', email: `${f.people.emile}@example.test`, language: null, agencyId: f.agencies.health, agencyName: `Éire Health ${f.agencies.health}`, role: 'chair' },
    ]);
    expect(await db.circulation.readersOf('nope')).toEqual([]);
  });

  it('lists what was sent, newest first then agency and name, each with its email’s delivery state', async () => {
    const f = await seed(db);
    const a = await sent(f, f.people.emile, 'Éire Health', t0);
    const b = await sent(f, f.people.jo, 'Police', t0 + 1000, 'pdf');
    const c = await sent(f, f.people.zoe, 'Police', t0 + 1000);
    const d = await sent(f, f.people.emile, 'Éire Health', t0 + 1000);
    await db.outbox.markAttemptFailed(b.outboxId, 1, 'Mailbox full', t0 + 60_000);
    const listed = await db.circulation.listForMeeting(f.meetingId);
    expect(listed.map((r) => r.id)).toEqual([c.id, b.id, d.id, a.id]);
    expect(listed[1]).toEqual({
      id: b.id,
      version: 2,
      agencyName: 'Police',
      personId: f.people.jo,
      personName: 'jo Brenner',
      delivery: 'pdf',
      createdAt: t0 + 1000,
      expiresAt: null,
      firstOpenedAt: null,
      opens: 0,
      outboxId: b.outboxId,
      state: 'queued',
      attempts: 1,
      lastError: 'Mailbox full',
      sentAt: null,
      nextAttemptAt: t0 + 60_000,
    });
    expect(await db.circulation.listForMeeting('nope')).toEqual([]);
    expect(await db.circulation.outboxIdsOfMeeting(f.meetingId)).toEqual([a, b, c, d].map((r) => r.outboxId).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(await db.circulation.outboxIdsOfMeeting(f.meetingId, [b.outboxId, 'nope'])).toEqual([b.outboxId]);
    expect(await db.circulation.outboxIdsOfMeeting(f.meetingId, [])).toEqual([]);
    expect(await db.circulation.findByOutboxId(a.outboxId)).toMatchObject({ id: a.id, personId: f.people.emile, tokenHash: null, opens: 0 });
    expect(await db.circulation.findByOutboxId('nope')).toBeUndefined();
    expect(await db.circulation.find(c.id)).toMatchObject({ id: c.id, outboxId: c.outboxId, sentBy: f.people.zoe, delivery: 'link' });
  });

  it('replaces a link’s token before sending, keeps the first open and counts every one, also when opens race', async () => {
    const f = await seed(db);
    const link = await sent(f, f.people.jo, 'Police', t0);
    const first = `hash-${fixtureId('t')}`;
    const second = `hash-${fixtureId('t')}`;
    await db.circulation.setToken(link.id, first, t0 + 1000);
    await db.circulation.setToken(link.id, second, t0 + 2000);
    expect(await db.circulation.findByTokenHash(first)).toBeUndefined();
    expect(await db.circulation.findByTokenHash(second)).toMatchObject({ id: link.id, expiresAt: t0 + 2000 });
    expect(await db.circulation.linkByTokenHash(second)).toMatchObject({ id: link.id, seriesId: f.seriesId, recipientRole: 'member', personId: f.people.jo, meetingId: f.meetingId });
    expect(await db.circulation.linkByTokenHash('nope')).toBeUndefined();
    const racing = Array.from({ length: 8 }, (_, i) => t0 + 500 + i);
    await Promise.all(racing.map((at) => db.storage.transaction((s) => s.circulation.recordOpen(link.id, at))));
    // Racing transactions commit in the order they get the lock (on PostgreSQL not necessarily the order they began):
    // the first open kept is whichever committed first, and a later open never replaces it.
    const raced = await db.circulation.find(link.id);
    expect(racing).toContain(raced?.firstOpenedAt);
    await db.circulation.recordOpen(link.id, t0 + 100);
    expect(await db.circulation.find(link.id)).toMatchObject({ firstOpenedAt: raced?.firstOpenedAt, opens: 9 });
    // Two recipients may not hold the same token.
    const other = await sent(f, f.people.zoe, 'Police', t0);
    await expect(db.circulation.setToken(other.id, second, t0)).rejects.toThrow();
  });

  it('reads a link with no role once its recipient has left the series', async () => {
    const f = await seed(db);
    const link = await sent(f, f.people.gov, 'Éire Health', t0);
    const hash = `hash-${fixtureId('t')}`;
    await db.circulation.setToken(link.id, hash, t0 + 1000);
    expect(await db.circulation.linkByTokenHash(hash)).toMatchObject({ recipientRole: 'governance' });
    const outsider = fixtureId('outsider');
    await db.insert('people', [{ id: outsider, agencyId: f.agencies.police, name: 'Out Sider', email: `${outsider}@example.test`, role: 'member', createdAt: t0 }]);
    const gone = await sent(f, outsider, 'Police', t0);
    await db.circulation.setToken(gone.id, `${hash}-2`, t0 + 1000);
    expect(await db.circulation.linkByTokenHash(`${hash}-2`)).toEqual({ ...(await db.circulation.find(gone.id)), seriesId: f.seriesId, recipientRole: null });
  });
});

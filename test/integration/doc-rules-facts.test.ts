/**
 * The facts a meeting document's rules read (status, participants: server/realtime/yjs-access.ts) are loaded before
 * every Yjs upgrade is let in. Under a join storm (3,000 clients reconnecting after a restart) that was one read of
 * the meeting and all its participants per upgrade, queued one after another. Now a load not started yet is shared
 * by every request made meanwhile, while a request made during a running load still gets a load after it, so the
 * facts are never older than the request. Real SQLite database with the demo seeded; the store's reads are counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { createContext } from '../../server/context.js';
import { createLogger } from '../../server/logger.js';
import { demoMeetingId, seedDemoIfEmpty } from '../../server/seed/demo.js';
import { meetingDocRules, refreshDocRules } from '../../server/realtime/yjs-access.js';
import { tempDir } from '../support/server.js';

const opened: { dir: string; database: Database_ }[] = [];
afterEach(() => {
  for (const { dir, database } of opened.splice(0)) {
    database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function seeded() {
  const dir = tempDir();
  const database = openDatabase(path.join(dir, 'triage.db'));
  opened.push({ dir, database });
  const logger = createLogger('silent');
  await seedDemoIfEmpty(database.db, logger);
  const ctx = createContext(database.db, logger);
  // The real store, its reads counted (and a hook to act while one is running).
  const records = ctx.storage.stores.records;
  const counted = { reads: 0, during: null as null | (() => Promise<void>) };
  const findMeeting = records.findMeeting.bind(records);
  records.findMeeting = async (id: string) => {
    counted.reads++;
    const found = await findMeeting(id);
    const during = counted.during;
    counted.during = null;
    await during?.();
    return found;
  };
  return { database, ctx, counted };
}

describe("a meeting's document-rule facts under a join storm", () => {
  it('300 upgrades at once read the meeting once, not 300 times', async () => {
    const { ctx, counted } = await seeded();
    await Promise.all(Array.from({ length: 300 }, () => refreshDocRules(ctx, demoMeetingId)));
    expect(counted.reads).toBe(1);
    expect(meetingDocRules(ctx, demoMeetingId).meetingStatus()).not.toBe('ended');
  });

  it('a request made while a load runs gets a load after it, which sees what changed meanwhile', async () => {
    const { database, ctx, counted } = await seeded();
    let second: Promise<void> | null = null;
    // While the first load is reading, the meeting ends and 50 more upgrades arrive: they share ONE more load.
    counted.during = async () => {
      database.sqlite.prepare("update meetings set status = 'ended' where id = ?").run(demoMeetingId);
      second = Promise.all(Array.from({ length: 50 }, () => refreshDocRules(ctx, demoMeetingId))).then(() => undefined);
    };
    await refreshDocRules(ctx, demoMeetingId);
    await second;
    expect(counted.reads).toBe(2);
    expect(meetingDocRules(ctx, demoMeetingId).meetingStatus()).toBe('ended');
  });
});

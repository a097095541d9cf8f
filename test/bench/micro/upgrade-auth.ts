/**
 * (b) Cost of authorising one Yjs upgrade, in-process on a seeded temp database: session + person, meeting role,
 * and the 'meeting.join' audit row. `npx tsx test/bench/micro/upgrade-auth.ts`. Upgrades arrive 20 per tick (a
 * join storm); the time includes the end-of-tick work (a batched audit write, where there is one).
 * Median of 5 rounds of 2000 upgrades each, for a chair (0 extra queries) and a member (series lookup).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import { openDatabase } from '../../../server/db/client.js';
import { createContext } from '../../../server/context.js';
import { createLogger } from '../../../server/logger.js';
import { seedDemoIfEmpty } from '../../../server/seed/demo.js';
import { demoMeetingId } from '../../../server/seed/demo.js';
import { authoriseYjsUpgrade } from '../../../server/realtime/yjs-access.js';
import { median } from '../stats.js';

/** CPU time of this process (user + system), in µs: steadier than wall time on a shared machine. */
const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-micro-auth-'));
const database = openDatabase(path.join(dir, 'auth.db'));
const logger = createLogger('silent');
await seedDemoIfEmpty(database.db, logger);
const ctx = createContext(database.db, logger);
const perTick = 20;
const upgrades = 2000;
const tick = () => new Promise((resolve) => setImmediate(resolve));
// Works against either signature: (ctx, req, meetingId) before the restricted door, (ctx, req, {meetingId, doc}) after.
const address = process.env.ADDRESS_AS_STRING ? demoMeetingId : { meetingId: demoMeetingId, doc: 'shared' as const };

async function round(cookie: string): Promise<number> {
  const req = { headers: { cookie, host: 'localhost' }, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
  const t0 = cpuMicros();
  for (let i = 0; i < upgrades; i += perTick) {
    // The door reads the session and the policy asynchronously: a tick's upgrades run together, as under a storm.
    await Promise.all(Array.from({ length: perTick }, () => authoriseYjsUpgrade(ctx, req, address as never)));
    await tick();
  }
  return (cpuMicros() - t0) / upgrades;
}

for (const email of ['chair@demo.triage.test', 'mh@demo.triage.test']) {
  const { token } = await ctx.auth.signIn(email, 'triage-demo-2026', null);
  const cookie = `triage_session=${token}`;
  await round(cookie);
  const rounds: number[] = [];
  for (let i = 0; i < 5; i++) rounds.push(await round(cookie));
  console.log(`${email.split('@')[0].padEnd(6)}: ${median(rounds).toFixed(1)} µs per upgrade (rounds: ${rounds.map((r) => r.toFixed(1)).join(', ')})`);
}
database.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { createContext, type Context } from '../../server/context.js';
import { createLogger } from '../../server/logger.js';
import { seedDemoIfEmpty } from '../../server/seed/demo.js';
import type { Actor } from '../../server/policies/index.js';
import { monthsBefore, withinRepeatWindow } from '../../shared/domain.js';
import { referralBody } from '../../shared/api-schemas.js';
import { contractEngines, type EngineUnderTest } from '../contract/engines.js';
import { tempDir } from '../support/server.js';

const seriesId = 'series-repeat-removals';
const body = referralBody.parse({
  agencyId: 'agency-pol',
  reason: 'Pregnant; known to police.',
  riskLevel: 'medium',
  childrenInvolved: true,
  consent: 'given',
  vulnerabilities: ['domestic abuse'],
  summary: 'Pregnant woman; earlier call-outs.',
});

/** The real commands on each engine (a SQLite file, a PostgreSQL database), with a clock the test moves. */
describe.each(contractEngines)('the 12-month repeat rule, decided by the server (injected clock), on $name', (engine) => {
  let dir: string;
  let unused: Database_;
  let db: EngineUnderTest;
  let ctx: Context;
  let everyone: Actor[] = [];
  let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
  const actor = (email: string): Actor => everyone.find((p) => p.email === email)!;
  beforeEach(async () => {
    db = await engine.open();
    // The commands read and write the engine under test (the context's storage); this SQLite file stays empty.
    dir = tempDir();
    unused = openDatabase(path.join(dir, 'triage.db'));
    await seedDemoIfEmpty(db.database, createLogger('silent'), new Date(clock));
    ctx = createContext(unused.db, createLogger('silent'), () => clock, undefined, undefined, db.storage);
    const agencyList = await db.records.listAgencies();
    everyone = (await db.records.listPeople()).map((p) => {
      const agency = agencyList.find((a) => a.id === p.agencyId)!;
      return { id: p.id, name: p.name, email: p.email, agencyId: agency.id, agencyName: agency.name, globalRole: p.role, language: null };
    });
  });
  afterEach(async () => {
    unused.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  const referAt = async (at: number) => {
    clock = at;
    return await ctx.cases.referCase(actor('police@demo.triage.test'), seriesId, body, null);
  };
  const coordinator = () => actor('coordinator@demo.triage.test');

  it('marks a repeat exactly at 12 months after the earlier referral, and not one millisecond later', async () => {
    const t0 = Date.UTC(2026, 1, 10, 9, 30);
    const a1 = await referAt(t0);
    const a2 = await referAt(t0);
    const b1 = await referAt(Date.UTC(2027, 1, 10, 9, 30));
    const onBoundary = await ctx.cases.matchReferral(coordinator(), b1.referral.id, a1.ref, null);
    expect(onBoundary).toMatchObject({ repeat: true, earlierReferredAt: [new Date(t0).toISOString()], earlierClosedAt: null, caseRef: a1.ref });
    const b2 = await referAt(Date.UTC(2027, 1, 10, 9, 30) + 1);
    const justAfter = await ctx.cases.matchReferral(coordinator(), b2.referral.id, a2.ref, null);
    expect(justAfter).toMatchObject({ repeat: false, earlierReferredAt: [], earlierClosedAt: null });
  });

  it('counts a closure within 12 months even when the earlier referral is older', async () => {
    const old = await referAt(Date.UTC(2025, 0, 5));
    clock = Date.UTC(2026, 2, 1);
    await ctx.cases.closeCase(coordinator(), old.ref, 'No further action', null);
    const again = await referAt(Date.UTC(2027, 2, 1));
    const matched = await ctx.cases.matchReferral(coordinator(), again.referral.id, old.ref, null);
    expect(matched).toMatchObject({ repeat: true, earlierReferredAt: [], earlierClosedAt: new Date(Date.UTC(2026, 2, 1)).toISOString() });
    // Nobody may mark a repeat by hand: the referral body has no such field.
    expect(referralBody.safeParse({ ...body, repeat: true }).success).toBe(false);
  });
});

/** Pure date arithmetic: the same on every engine, so it runs once. */
describe('the 12-month repeat window', () => {
  it('the window is calendar months, inclusive at the boundary, for any instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }), (at) => {
        const boundary = monthsBefore(at, 12);
        expect(withinRepeatWindow(boundary, at)).toBe(true);
        expect(withinRepeatWindow(boundary - 1, at)).toBe(false);
        expect(withinRepeatWindow(at, at)).toBe(true);
        expect(withinRepeatWindow(at + 1, at)).toBe(false);
        const days = (at - boundary) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(364);
        expect(days).toBeLessThanOrEqual(367);
      }),
    );
  });
});

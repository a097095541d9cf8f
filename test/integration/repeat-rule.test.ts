import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database_ } from '../../server/db/client.js';
import { createContext, type Context } from '../../server/context.js';
import { createLogger } from '../../server/logger.js';
import { seedDemoIfEmpty } from '../../server/seed/demo.js';
import { agencies, people } from '../../server/db/schema.js';
import type { Actor } from '../../server/policies/index.js';
import { monthsBefore, withinRepeatWindow } from '../../shared/domain.js';
import { referralBody } from '../../shared/api-schemas.js';
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

/** The real commands on a real SQLite file, with a clock the test moves. */
describe('the 12-month repeat rule, decided by the server (injected clock)', () => {
  let dir: string;
  let database: Database_;
  let ctx: Context;
  let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
  const actor = (email: string): Actor => {
    const row = database.db
      .select({ id: people.id, name: people.name, email: people.email, agencyId: agencies.id, agencyName: agencies.name, globalRole: people.role, language: people.language })
      .from(people)
      .innerJoin(agencies, eq(agencies.id, people.agencyId))
      .where(eq(people.email, email))
      .get()!;
    return row;
  };
  beforeEach(async () => {
    dir = tempDir();
    database = openDatabase(path.join(dir, 'triage.db'));
    await seedDemoIfEmpty(database.db, createLogger('silent'), new Date(clock));
    ctx = createContext(database.db, createLogger('silent'), () => clock);
  });
  afterEach(() => {
    database.close();
    fs.rmSync(dir, { recursive: true, force: true });
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

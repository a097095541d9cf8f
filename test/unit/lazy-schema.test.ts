import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseDetailFields, emptyCaseDetails, readCaseDetails } from '../../shared/case-details.js';
import { lazySchema } from '../../shared/lazy-schema.js';
import { focusPayload, joinPayload, meetingIdSchema } from '../../shared/room-protocol.js';

describe('lazySchema', () => {
  it('makes the schema at its first use, once, and answers as the schema does', () => {
    let made = 0;
    const id = lazySchema(() => {
      made += 1;
      return z.string().regex(/^[a-z]{1,8}$/);
    });
    const body = lazySchema(() => {
      made += 1;
      return z.object({ id, count: z.number().int().min(1) }).strict();
    });
    expect(made).toBe(0);
    expect(body.safeParse({ id: 'abc', count: 2 })).toEqual({ success: true, data: { id: 'abc', count: 2 } });
    expect(made).toBe(2);
    const failed = body.safeParse({ id: 'ABC', count: 0, extra: true });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => [i.code, i.path.join('.')]).sort()).toEqual([
      ['invalid_format', 'id'],
      ['too_small', 'count'],
      ['unrecognized_keys', ''],
    ]);
    // What zod does with a schema: extend it, list its shape, recognise its kind.
    const extended = body.extend({ note: z.string() });
    expect(extended.parse({ id: 'x', count: 1, note: 'n' })).toEqual({ id: 'x', count: 1, note: 'n' });
    expect(Object.keys(body.shape)).toEqual(['id', 'count']);
    expect(body instanceof z.ZodObject).toBe(true);
    expect(id instanceof z.ZodObject).toBe(false);
    expect(made).toBe(2);
  });

  it('stands for the shared schemas: room commands and case details check what they did before', () => {
    expect(meetingIdSchema.safeParse('m-1').success).toBe(true);
    expect(meetingIdSchema.safeParse('m 1').success).toBe(false);
    expect(joinPayload.safeParse({ meetingId: 'm1', extra: 1 }).success).toBe(false);
    expect(focusPayload.parse({ meetingId: 'm1', itemId: null })).toEqual({ meetingId: 'm1', itemId: null });
    expect(caseDetailFields).toEqual(Object.keys(emptyCaseDetails()));
    expect(caseDetailFields).toContain('riskLevel');
    const map = new Map<string, unknown>([
      ['riskLevel', 'not a level'],
      ['repeatReferral', true],
    ]);
    expect(readCaseDetails(map as never)).toMatchObject({ riskLevel: null, repeatReferral: true });
  });
});

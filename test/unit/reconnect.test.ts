import { describe, expect, it } from 'vitest';
import { backoff, reconnectDelay } from '../../client/live/reconnect.js';

describe('reconnect delays: exponential backoff with jitter', () => {
  it('doubles the ceiling per attempt up to the cap, and waits at least half of it', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
      expect(reconnectDelay(attempt, () => 0)).toBe(ceiling / 2);
      expect(reconnectDelay(attempt, () => 0.999999)).toBe(Math.round(ceiling));
    }
    expect(reconnectDelay(40, () => 1)).toBe(backoff.maxMs);
  });

  it('spreads clients out: the same attempt gives different delays for different random draws', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => reconnectDelay(4, () => r)));
    expect(delays.size).toBe(4);
    const spread = Array.from({ length: 200 }, () => reconnectDelay(3));
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...spread)).toBeLessThanOrEqual(4000);
    expect(new Set(spread).size).toBeGreaterThan(50);
  });
});

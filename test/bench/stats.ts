/** Small numeric helpers: seeded PRNG, medians, a latency window over an HDR histogram. */
import { build, type Histogram } from 'hdr-histogram-js';

/** mulberry32: the same seed gives every server the same sender choices and phases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/**
 * Median of each numeric field across repetitions (fields missing or non-numeric in a repetition are skipped); a
 * list of records of the same length in every repetition (per-process figures) is medianed item by item.
 */
export function medianRecord<T extends object>(records: readonly (T | undefined)[]): T | undefined {
  const present = records.filter((r): r is T => r !== undefined);
  if (present.length === 0) return undefined;
  const out = { ...present[0] } as Record<string, unknown>;
  for (const key of Object.keys(out)) {
    const values = present.map((r) => (r as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number' || v === null)) out[key] = median(values.filter((v): v is number => v !== null));
    else if (values.every((v) => Array.isArray(v) && v.length === (values[0] as unknown[]).length && v.every((item) => typeof item === 'object' && item !== null))) {
      out[key] = (values[0] as object[]).map((_, i) => medianRecord(values.map((v) => (v as object[])[i])));
    }
  }
  return out as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Latency (µs resolution) of deliveries whose send time lies in [start, end]. */
export class LatencyWindow {
  readonly histogram: Histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  deliveries = 0;
  sent = 0;
  start = Infinity;
  end = Infinity;

  open(at: number): void {
    this.start = at;
  }

  close(at: number): void {
    this.end = at;
  }

  covers(sentAt: number): boolean {
    return sentAt >= this.start && sentAt <= this.end;
  }

  record(latencyMs: number): void {
    this.deliveries++;
    this.histogram.recordValue(Math.max(1, Math.round(latencyMs * 1000)));
  }

  percentileMs(p: number): number {
    return this.histogram.totalCount === 0 ? NaN : this.histogram.getValueAtPercentile(p) / 1000;
  }

  destroy(): void {
    this.histogram.destroy();
  }
}

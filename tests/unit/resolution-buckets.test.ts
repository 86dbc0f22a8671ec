import { describe, expect, it } from 'vitest';
import {
  RESOLUTION_BUCKET_COUNT,
  RESOLUTION_BUCKET_EDGES,
  bucketBounds,
  bucketLabel,
  bucketOf,
  bucketSqlCase,
  histogramFromRows,
  percentileFromHistogram,
  summarizeHistogram,
} from '@/lib/resolution-buckets';

function hist(entries: Record<number, number>): number[] {
  const counts = new Array<number>(RESOLUTION_BUCKET_COUNT).fill(0);
  for (const [bucket, n] of Object.entries(entries)) counts[Number(bucket)] = n;
  return counts;
}

describe('RESOLUTION_BUCKET_EDGES', () => {
  it('has the agreed 18 edges and 17 buckets', () => {
    expect(RESOLUTION_BUCKET_EDGES).toEqual([
      0,
      1,
      2,
      4,
      8,
      12,
      24,
      48,
      72,
      120,
      168,
      336,
      720,
      1440,
      2160,
      4320,
      8760,
      Infinity,
    ]);
    expect(RESOLUTION_BUCKET_COUNT).toBe(17);
  });
});

describe('bucketOf', () => {
  it('puts a value on an edge in the bucket that starts there', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.99)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(24)).toBe(6);
    expect(bucketOf(8759.9)).toBe(15);
    expect(bucketOf(8760)).toBe(16);
    expect(bucketOf(1e9)).toBe(16);
  });

  it('refuses negative and non-finite hours', () => {
    expect(bucketOf(-0.5)).toBeNull();
    expect(bucketOf(Number.NaN)).toBeNull();
    expect(bucketOf(Infinity)).toBeNull();
  });

  it('agrees with bucketBounds for every bucket', () => {
    for (let i = 0; i < RESOLUTION_BUCKET_COUNT; i++) {
      const [lo] = bucketBounds(i);
      expect(bucketOf(lo)).toBe(i);
    }
  });
});

describe('bucketBounds', () => {
  it('throws for an index outside the buckets', () => {
    expect(() => bucketBounds(-1)).toThrow(RangeError);
    expect(() => bucketBounds(17)).toThrow(RangeError);
    expect(() => bucketBounds(1.5)).toThrow(RangeError);
  });
});

describe('bucketSqlCase', () => {
  it('checks the highest edge first and ends with else null', () => {
    const sql = bucketSqlCase('h');
    expect(sql.startsWith('(case when h >= 8760 then 16')).toBe(true);
    expect(sql).toContain('when h >= 0 then 0 else null end)');
  });
});

describe('bucketLabel', () => {
  it('labels the first, a middle and the open-ended bucket', () => {
    expect(bucketLabel(0)).toBe('<1 h');
    expect(bucketLabel(1)).toBe('1–2 h');
    expect(bucketLabel(5)).toBe('12 h–1 d');
    expect(bucketLabel(6)).toBe('1–2 d');
    expect(bucketLabel(16)).toBe('≥1 y');
  });
});

describe('histogramFromRows', () => {
  it('sums sparse rows into dense counts', () => {
    const counts = histogramFromRows([
      { bucket: 2, n: 3 },
      { bucket: 2, n: 4 },
      { bucket: 16, n: 1 },
    ]);
    expect(counts).toHaveLength(17);
    expect(counts[2]).toBe(7);
    expect(counts[16]).toBe(1);
  });

  it('rejects an unknown bucket', () => {
    expect(() => histogramFromRows([{ bucket: 40, n: 1 }])).toThrow(RangeError);
  });
});

describe('percentileFromHistogram', () => {
  it('returns null, not zero, for an empty histogram', () => {
    expect(percentileFromHistogram(hist({}), 0.5)).toBeNull();
  });

  it('interpolates linearly inside the bucket', () => {
    // 10 requests all in [24, 48): the median sits halfway, p90 at 90 %.
    const counts = hist({ 6: 10 });
    expect(percentileFromHistogram(counts, 0.5)).toBeCloseTo(36);
    expect(percentileFromHistogram(counts, 0.9)).toBeCloseTo(45.6);
    expect(percentileFromHistogram(counts, 0)).toBe(24);
    expect(percentileFromHistogram(counts, 1)).toBe(48);
  });

  it('walks the cumulative counts across buckets', () => {
    // 4 in [0,1), 4 in [1,2), 2 in [4,8): rank 5 is 1/4 into [1,2).
    const counts = hist({ 0: 4, 1: 4, 3: 2 });
    expect(percentileFromHistogram(counts, 0.5)).toBeCloseTo(1.25);
    // rank 9 is halfway into [4,8).
    expect(percentileFromHistogram(counts, 0.9)).toBeCloseTo(6);
  });

  it('skips empty buckets when the rank lands exactly on a boundary', () => {
    const counts = hist({ 0: 5, 10: 5 });
    expect(percentileFromHistogram(counts, 0.5)).toBe(1);
    expect(percentileFromHistogram(counts, 0.6)).toBeCloseTo(168 + 0.2 * 168);
  });

  it('uses the observed maximum for the open-ended last bucket', () => {
    const counts = hist({ 16: 2 });
    expect(percentileFromHistogram(counts, 0.5)).toBe(8760);
    expect(percentileFromHistogram(counts, 0.5, { maxHours: 10760 })).toBeCloseTo(9760);
  });

  it('caps the interpolation at the observed maximum inside a bounded bucket', () => {
    const counts = hist({ 6: 2 });
    expect(percentileFromHistogram(counts, 1, { maxHours: 30 })).toBeCloseTo(30);
  });

  it('rejects p outside 0..1 and negative counts', () => {
    expect(() => percentileFromHistogram(hist({ 1: 1 }), 1.5)).toThrow(RangeError);
    expect(() => percentileFromHistogram(hist({ 1: -1 }), 0.5)).toThrow(RangeError);
  });
});

describe('summarizeHistogram', () => {
  it('gives n, median and p90', () => {
    expect(summarizeHistogram(hist({ 6: 10 }))).toEqual({
      n: 10,
      p50Hours: 36,
      p90Hours: expect.closeTo(45.6, 5) as number,
    });
  });
});

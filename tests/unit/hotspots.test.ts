import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  findHotspots,
  logGamma,
  MIN_HOTSPOT_EXPECTED,
  poissonUpperTail,
} from '@/lib/hotspots';

describe('logGamma', () => {
  it('matches log factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 10);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });
});

describe('poissonUpperTail', () => {
  it('matches the direct sum for small lambda', () => {
    const lambda = 3.2;
    let cdf = 0;
    let term = Math.exp(-lambda);
    for (let k = 0; k < 6; k++) {
      cdf += term;
      term *= lambda / (k + 1);
    }
    expect(poissonUpperTail(6, lambda)).toBeCloseTo(1 - cdf, 12);
  });

  it('is 1 at k = 0 and small far in the tail of a large lambda', () => {
    expect(poissonUpperTail(0, 500)).toBe(1);
    expect(poissonUpperTail(600, 500)).toBeLessThan(1e-4);
    expect(poissonUpperTail(500, 500)).toBeGreaterThan(0.45);
    expect(poissonUpperTail(500, 500)).toBeLessThan(0.55);
  });
});

describe('benjaminiHochberg', () => {
  it('rejects the step-up set', () => {
    expect(benjaminiHochberg([0.02, 0.024, 0.5, 0.03], 0.05)).toEqual([true, true, false, true]);
    expect(benjaminiHochberg([0.02, 0.9, 0.9, 0.9], 0.05)).toEqual([false, false, false, false]);
  });
});

describe('findHotspots', () => {
  it('flags the area with far more requests than its population share', () => {
    const results = findHotspots([
      { count: 100, population: 10_000 },
      { count: 105, population: 10_000 },
      { count: 400, population: 10_000 },
      { count: 95, population: 10_000 },
    ]);
    expect(results.map((r) => r.hotspot)).toEqual([false, false, true, false]);
    expect(results[0]!.expected).toBeCloseTo(175, 6);
  });

  it('does not test areas without population', () => {
    const results = findHotspots([
      { count: 1000, population: null },
      { count: 10, population: 100 },
    ]);
    expect(results[0]).toEqual({ hotspot: false, expected: null, pValue: null });
  });

  it('ignores an area whose expected count is too small to test (a park with 35 requests)', () => {
    const results = findHotspots([
      { count: 1000, population: 50_000 },
      { count: 1100, population: 50_000 },
      { count: 35, population: 12 },
    ]);
    expect(results[2]!.expected).toBeLessThan(MIN_HOTSPOT_EXPECTED);
    expect(results[2]).toMatchObject({ hotspot: false, pValue: null });
    // With no minimum, the same park would be flagged.
    expect(
      findHotspots(
        [
          { count: 1000, population: 50_000 },
          { count: 1100, population: 50_000 },
          { count: 35, population: 12 },
        ],
        0.05,
        0,
      )[2]!.hotspot,
    ).toBe(true);
  });
});

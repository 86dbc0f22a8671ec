import { describe, expect, it } from 'vitest';
import { compareAreas, relativeChange } from '@/lib/compare';
import { classColors, niceCeil, symmetricBreaks } from '@/lib/palette';
import { changeText, compareLabel } from '@/lib/api/texts';

const area = (area_key: string, value: number | null, count: number) => ({
  area_key,
  value,
  count,
});

describe('compareAreas', () => {
  it('gives the baseline, the absolute and the relative difference per area', () => {
    const result = compareAreas(
      [area('a', 120, 120), area('b', 30, 30)],
      [area('a', 100, 100), area('b', 40, 40)],
      20,
    );
    expect(result.get('a')).toEqual({
      baseline: 100,
      baselineCount: 100,
      difference: 20,
      relative: 20,
      tooFew: false,
    });
    expect(result.get('b')?.relative).toBeCloseTo(-25, 9);
  });

  it('marks too few requests in either period and gives no relative change there', () => {
    const result = compareAreas(
      [area('few-now', 5, 5), area('few-before', 50, 50), area('new', 40, 40)],
      [area('few-now', 60, 60), area('few-before', 19, 19)],
      20,
    );
    expect(result.get('few-now')).toMatchObject({ tooFew: true, relative: null, difference: -55 });
    expect(result.get('few-before')).toMatchObject({
      tooFew: true,
      relative: null,
      difference: 31,
    });
    // No baseline row: nothing then, so no value to compare and too few.
    expect(result.get('new')).toMatchObject({
      baseline: null,
      baselineCount: 0,
      difference: null,
      relative: null,
      tooFew: true,
    });
  });

  it('relativeChange has no answer without a baseline', () => {
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
    expect(relativeChange(3, 4)).toBeCloseTo(-25, 9);
  });
});

describe('symmetricBreaks', () => {
  it('spans −M … +M around zero with M a readable edge', () => {
    expect(symmetricBreaks([-12, 3, 41], 5)).toEqual([-50, -30, -10, 10, 30, 50]);
    expect(symmetricBreaks([7.5, -2], 4)).toEqual([-10, -5, 0, 5, 10]);
    expect(symmetricBreaks([null, -180], 3)).toEqual(
      [-200, -200 / 3, 200 / 3, 200].map((v) => Math.round(v * 1e6) / 1e6),
    );
    expect(symmetricBreaks([null], 5)).toEqual([]);
    expect(symmetricBreaks([0, 0], 5)).toEqual([-1, -0.6, -0.2, 0.2, 0.6, 1]);
  });

  it('niceCeil rounds up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect([0.3, 1, 1.2, 2.2, 3, 7, 10, 11, 260].map(niceCeil)).toEqual([
      0.5, 1, 2, 2.5, 5, 10, 10, 20, 500,
    ]);
  });

  it('colours the classes blue below zero, grey across it and orange above, mirrored', () => {
    const colors = classColors(symmetricBreaks([-40, 40], 5), true);
    expect(colors).toHaveLength(5);
    expect(colors[2]).toEqual([240, 240, 240]);
    const [low, , , , high] = colors;
    expect(low![2]).toBeGreaterThan(low![0]); // blue
    expect(high![0]).toBeGreaterThan(high![2]); // orange
  });
});

describe('compare words', () => {
  it('says the change and its baseline', () => {
    expect(compareLabel('previous', 12)).toBe('previous 12 months');
    expect(compareLabel('last_year', 1)).toBe('same month last year');
    expect(changeText(12.4, 'previous 12 months')).toBe('+12% vs previous 12 months');
    expect(changeText(-3.6, 'same 6 months last year')).toBe('−4% vs same 6 months last year');
    expect(changeText(0.2, 'previous month')).toBe('±0% vs previous month');
    expect(changeText(null, 'previous month')).toBe('no baseline in the previous month');
  });
});

import { describe, expect, it } from 'vitest';
import { classOf, classify, computeBreaks, countClasses } from '@/lib/classify';
import { classColors, divergingColor, sequentialPalette } from '@/lib/palette';

const values = [1, 2, 2, 3, 4, 5, 6, 8, 10, 20, 40, 100];

describe('classify', () => {
  it('gives k + 1 ascending edges from min to max for each method', () => {
    for (const method of ['quantile', 'equal', 'jenks'] as const) {
      const { breaks } = classify(values, method, 4);
      expect(breaks[0]).toBe(1);
      expect(breaks.at(-1)).toBe(100);
      expect(breaks).toHaveLength(5);
      expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
    }
  });

  it('puts every value in exactly one class and counts no-data apart', () => {
    const { classCounts, noData } = classify([...values, null, null], 'quantile', 5);
    expect(classCounts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(noData).toBe(2);
  });

  it('splits the range into equal widths for equal interval', () => {
    expect(computeBreaks([0, 10], 'equal', 5)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('finds the natural gap with natural breaks', () => {
    const { breaks } = classify([1, 1, 2, 2, 3, 50, 51, 52], 'jenks', 2);
    expect(breaks).toEqual([1, 50, 52]);
    expect(classify(values, 'jenks', 4).breaks).toEqual([1, 20, 40, 100, 100]);
  });

  it('collapses tied edges rather than returning empty classes', () => {
    const { breaks, classCounts } = classify([0, 0, 0, 0, 0, 0, 5], 'quantile', 5);
    expect(breaks.length).toBeLessThan(6);
    expect(classCounts.every((n) => n > 0)).toBe(true);
  });

  it('handles a constant series and an empty one', () => {
    expect(classify([3, 3, 3], 'jenks', 5)).toEqual({
      breaks: [3, 3],
      classCounts: [3],
      noData: 0,
    });
    expect(classify([null], 'quantile', 5)).toEqual({ breaks: [], classCounts: [], noData: 1 });
  });
});

describe('classOf', () => {
  it('uses half-open classes with the maximum in the last one', () => {
    const breaks = [0, 10, 20, 30];
    expect(classOf(0, breaks)).toBe(0);
    expect(classOf(10, breaks)).toBe(1);
    expect(classOf(30, breaks)).toBe(2);
    expect(classOf(null, breaks)).toBeNull();
    expect(countClasses([0, 5, 10, 29, 30], breaks)).toEqual([2, 1, 2]);
  });
});

describe('palette', () => {
  it('gives n distinct sequential colours, light to dark', () => {
    const colors = sequentialPalette(5);
    expect(new Set(colors.map((c) => c.join())).size).toBe(5);
    const lightness = colors.map(([r, g, b]) => r + g + b);
    expect([...lightness].sort((a, b) => b - a)).toEqual(lightness);
  });

  it('keeps zero neutral and signs apart on the diverging scale', () => {
    expect(divergingColor(0)).toEqual([240, 240, 240]);
    const [low, high] = [divergingColor(-1), divergingColor(1)];
    expect(low[2]).toBeGreaterThan(low[0]);
    expect(high[0]).toBeGreaterThan(high[2]);
    expect(classColors([-50, -10, 10, 50], true)[1]).toEqual([240, 240, 240]);
  });
});

import { describe, expect, it } from 'vitest';
import { classOf, classify, computeBreaks, countClasses } from '@/lib/classify';
import { classColors, divergingColor, NO_DATA_COLOR, sequentialPalette } from '@/lib/palette';
import { boundsOf, contains, interiorPoint, joinAreas } from '@/components/map/transforms';

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

describe('joinAreas (map transforms)', () => {
  const square = (x: number, y: number, key: string) => ({
    type: 'Feature' as const,
    properties: { area_key: key, area_name: `Area ${key}` },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    },
  });
  const boundary = {
    type: 'FeatureCollection' as const,
    features: [square(0, 0, 'a'), square(1, 0, 'b'), square(2, 0, 'c')],
  };
  const data = {
    city: 'x',
    kind: '311' as const,
    level: 'l',
    metric: 'count' as const,
    classification: 'quantile' as const,
    from: '2024-01-01',
    to: '2024-12-31',
    unit: 'requests',
    definition: 'Requests.',
    minSample: 20,
    areas: [
      { area_key: 'a', area_name: 'A', value: 1, count: 1, population: 10, tooFew: false, rank: 2 },
      {
        area_key: 'b',
        area_name: 'B',
        value: 9,
        count: 9,
        population: 10,
        tooFew: false,
        rank: 1,
        hotspot: true,
      },
    ],
    unlocated: 0,
    total: 10,
    breaks: [1, 5, 9],
    classCounts: [1, 1],
    noData: 0,
    tooFew: 0,
    hotspots: null,
    onTime: null,
    duplicates: { mode: 'kept' as const, requests: 0, problems: 0, sentence: '' },
  };

  it('colours each feature by its class and greys areas with no value', () => {
    const features = joinAreas(boundary, data);
    expect(features.map((f) => f.properties.classIndex)).toEqual([0, 1, null]);
    expect(features[2]!.properties.color).toEqual(NO_DATA_COLOR);
    expect(features[0]!.properties.area_name).toBe('A');
    expect(features[2]!.properties.area_name).toBe('Area c');
    expect(features[1]!.properties.hotspot).toBe(true);
  });

  it('finds bounds and a point inside a concave polygon', () => {
    expect(boundsOf(joinAreas(boundary, data))).toEqual([
      [0, 0],
      [3, 1],
    ]);
    const u = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const point = interiorPoint(u)!;
    expect(contains(u, point)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ChoroplethResponse, ResolutionResponse } from '@/lib/api/types';
import { changeMapData, periodMapData } from '@/components/map/compare-data';
import { figureChanges } from '@/components/dashboard/headline-strip-figures';
import { unusualMarkers } from '@/components/map/layers';
import { joinAreas } from '@/components/map/transforms';
import { translator, wordsIn } from '../support/i18n-words';

const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ],
  ],
});

const data = {
  city: 'c',
  kind: '311',
  level: 'ward',
  metric: 'count',
  classification: 'quantile',
  from: '2025-01-01',
  to: '2025-12-31',
  unit: 'requests',
  definition: '',
  minSample: 20,
  areas: [
    {
      area_key: 'a',
      area_name: 'A',
      value: 120,
      count: 120,
      population: null,
      tooFew: false,
      rank: 1,
      unusual: ['Potholes'],
      compare: { baseline: 100, baselineCount: 100, difference: 20, relative: 20, tooFew: false },
    },
    {
      area_key: 'b',
      area_name: 'B',
      value: 10,
      count: 10,
      population: null,
      tooFew: false,
      rank: 2,
      compare: { baseline: 40, baselineCount: 40, difference: -30, relative: null, tooFew: true },
    },
  ],
  unlocated: 0,
  total: 130,
  breaks: [10, 120],
  classCounts: [1, 1],
  noData: 0,
  tooFew: 0,
  hotspots: null,
  onTime: null,
  unusual: { month: '2025-12-01', areas: 1 },
  duplicates: { mode: 'kept', requests: 150, problems: 150, sentence: '' },
  compare: {
    compare: 'previous',
    label: 'previous 12 months',
    from: '2024-01-01',
    to: '2024-12-31',
    months: 12,
    total: 140,
    difference: -10,
    relative: (-10 / 140) * 100,
    partial: false,
    unlocated: 0,
    breaks: [-50, -30, -10, 10, 30, 50],
    classCounts: [0, 0, 0, 0, 1],
    noData: 1,
    tooFew: 1,
    periodBreaks: [10, 40, 120],
  },
} satisfies ChoroplethResponse;

describe('changeMapData', () => {
  it('draws the relative change on the symmetric breaks, hatching too-few areas', () => {
    const change = changeMapData(data);
    expect(change.metric).toBe('change_pct');
    expect(change.breaks).toEqual(data.compare.breaks);
    expect(change.areas.map((a) => [a.value, a.tooFew])).toEqual([
      [20, false],
      [null, true],
    ]);
    const features = joinAreas(
      {
        type: 'FeatureCollection',
        features: ['a', 'b'].map((key, i) => ({
          type: 'Feature',
          geometry: square(i * 2),
          properties: { area_key: key },
        })),
      },
      change,
    );
    // +20% is in the fourth of five classes: orange, not the neutral grey.
    expect(features[0]!.properties.classIndex).toBe(3);
    expect(features[0]!.properties.color[0]).toBeGreaterThan(features[0]!.properties.color[2]);
    expect(features[1]!.properties.tooFew).toBe(true);
    expect(unusualMarkers(features).map((m) => m.properties.area_key)).toEqual(['a']);
  });
});

describe('periodMapData', () => {
  it('draws each period on the breaks both share', () => {
    const before = periodMapData(data, 'baseline');
    const now = periodMapData(data, 'current');
    expect(before.breaks).toEqual([10, 40, 120]);
    expect(now.breaks).toEqual(before.breaks);
    expect(before.areas.map((a) => a.value)).toEqual([100, 40]);
    expect(now.areas.map((a) => a.value)).toEqual([120, 10]);
    expect([before.from, before.to, before.total]).toEqual(['2024-01-01', '2024-12-31', 140]);
    expect(before.classCounts).toEqual([0, 2]);
    expect(now.classCounts).toEqual([1, 1]);
  });
});

describe('figureChanges', () => {
  it('says each figure’s change against the baseline, on-time in points', () => {
    const resolution = {
      available: true,
      summary: { p50Days: 3, onTimePct: 0.8 },
      compare: {
        compare: 'previous',
        months: 12,
        label: 'previous 12 months',
        baseline: { summary: { p50Days: 2, onTimePct: 0.75 } },
      },
    } as unknown as ResolutionResponse;
    const en = [wordsIn('en'), translator('en', 'dashboard')] as const;
    // 130 against 140: −7.14%, one decimal under 10% (the Change card's rounding); +50% whole.
    expect(figureChanges(data, undefined, resolution, ...en)).toEqual({
      requests: '−7.1% vs previous 12 months',
      median: '+50% vs previous 12 months',
      onTime: '+5.0 pts vs previous 12 months',
    });
    expect(figureChanges({ ...data, compare: undefined }, undefined, undefined, ...en)).toEqual({});
    const fr = [wordsIn('fr'), translator('fr', 'dashboard')] as const;
    const french = figureChanges(data, undefined, resolution, ...fr);
    expect(french.requests).toMatch(/^−7,1\s%/);
    expect(french.median).toMatch(/^\+50\s%/);
  });
});

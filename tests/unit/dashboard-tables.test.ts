import { describe, expect, it } from 'vitest';
import { axisWidth, monthNotes } from '@/components/charts/chart-honesty';
import { foldNote } from '@/components/charts/heatmap-fold';
import { classLabels, tooFewCount } from '@/components/map/legend-labels';
import { rankAreas } from '@/components/map/rank';
import { filterRows, sortRows, type Column } from '@/components/ui/table-sort';
import type { ChoroplethArea, ChoroplethResponse, TrendMonth } from '@/lib/api/types';

interface Row {
  name: string;
  n: number | null;
}
const name: Column<Row> = { key: 'name', label: 'Name', value: (r) => r.name };
const n: Column<Row> = { key: 'n', label: 'N', numeric: true, value: (r) => r.n };
const rows: Row[] = [
  { name: 'b', n: 2 },
  { name: 'a', n: null },
  { name: 'c', n: 10 },
  { name: 'd', n: 2 },
];

describe('sortRows / filterRows', () => {
  it('sorts numbers and text both ways with nulls last and ties in order', () => {
    expect(sortRows(rows, n, true).map((r) => r.name)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortRows(rows, n, false).map((r) => r.name)).toEqual(['b', 'd', 'c', 'a']);
    expect(sortRows(rows, name, false).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters on text columns only, case-insensitively, and keeps every row for no needle', () => {
    expect(filterRows(rows, [name, n], 'C').map((r) => r.name)).toEqual(['c']);
    expect(filterRows(rows, [name, n], '10')).toEqual([]);
    expect(filterRows(rows, [name, n], ' ')).toHaveLength(4);
  });
});

describe('chart honesty', () => {
  const month = (m: string, total: number | null, flags: Partial<TrendMonth> = {}): TrendMonth => ({
    month: m,
    total,
    gap: false,
    partial: false,
    outlier: false,
    ...flags,
  });
  const months = [
    month('2016-01-01', 500),
    month('2016-02-01', 480),
    month('2016-03-01', null, { gap: true }),
    month('2016-04-01', 60, { outlier: true }),
    month('2016-05-01', 510),
    month('2016-06-01', 100, { partial: true, outlier: true }),
  ];

  it("reads gaps, the partial month and outliers from the API's month flags", () => {
    const notes = monthNotes(months);
    expect([...notes.gaps]).toEqual(['2016-03-01']);
    expect(notes.partial).toBe('2016-06-01');
    // The partial month is named once, as partial; outliers carry their share of the median.
    expect(notes.unusual).toEqual([{ month: '2016-04-01', ratio: 60 / 480 }]);
  });

  it('sizes the y axis for its longest label', () => {
    const format = (v: number) => v.toLocaleString('en-US');
    expect(axisWidth(9_500, format)).toBeGreaterThan(axisWidth(95, format));
    expect(axisWidth(1_200_000, format)).toBeGreaterThanOrEqual(12 + '1,500,000'.length * 7.5);
  });

  it('says when a heatmap folds several years into one column', () => {
    expect(foldNote(12, 'month')).toBeNull();
    expect(foldNote(24, 'month')).toContain('24 months (2 years)');
    expect(foldNote(18, 'season')).toContain('1.5 years');
  });
});

/** An area as an answer without ranks would hold it (rank left out). */
const area = (key: string, value: number | null, extra: Partial<ChoroplethArea> = {}) =>
  ({
    area_key: key,
    area_name: `Area ${key}`,
    value,
    count: 10,
    population: 1000,
    tooFew: false,
    ...extra,
  }) as unknown as ChoroplethArea;

describe('rankAreas', () => {
  it('works out ranks when the answer has none: ties share one, no value or "too few" get none', () => {
    const ranked = rankAreas([
      area('a', 5),
      area('b', 9),
      area('c', 5),
      area('d', null),
      area('e', null, { tooFew: true, count: 3 }),
      area('f', 1),
    ]);
    expect(Object.fromEntries(ranked.map((r) => [r.area_key, r.rank]))).toEqual({
      a: 2,
      b: 1,
      c: 2,
      d: null,
      e: null,
      f: 4,
    });
    expect(ranked.find((r) => r.area_key === 'e')?.tooFew).toBe(true);
  });

  it("keeps the API's own ranks when it sends them", () => {
    const ranked = rankAreas([area('a', 5, { rank: 2 }), area('b', 9, { rank: 1 })]);
    expect(ranked.map((r) => r.rank)).toEqual([2, 1]);
  });
});

const response: ChoroplethResponse = {
  city: 'toronto',
  kind: '311',
  level: 'ward',
  metric: 'per_1000',
  classification: 'quantile',
  from: '2025-01-01',
  to: '2025-12-31',
  unit: 'requests per 1,000 residents',
  areas: [
    area('1', 2.5, { count: 250, population: 100000 }),
    area('2', 7.25, { count: 29, population: 4000 }),
  ],
  unlocated: 3,
  total: 282,
  breaks: [2.5, 5, 7.25],
  classCounts: [1, 1],
  noData: 0,
  hotspots: null,
  definition: 'Requests per 1,000 residents',
  minSample: 20,
  tooFew: 0,
  onTime: null,
  duplicates: { mode: 'kept', requests: 0, problems: 0, sentence: '' },
};

describe('legend labels', () => {
  it('are the same words for screen and PNG: half-open classes, the last one closed', () => {
    expect(classLabels(response)).toEqual(['2.5 – under 5', '5 – 7.25']);
    expect(tooFewCount(response)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import {
  axisWidth,
  gapMonths,
  partialMonth,
  unusualMonths,
} from '@/components/charts/chart-honesty';
import { foldNote } from '@/components/charts/heatmap-fold';
import { classLabels, tooFewCount } from '@/components/map/legend-labels';
import { mapCsv } from '@/components/map/map-csv';
import { rankAreas } from '@/components/map/rank';
import { filterRows, sortRows, type Column } from '@/components/ui/table-sort';
import type { ChoroplethArea, ChoroplethResponse, CitySummary } from '@/lib/api/types';
import { parseView } from '@/lib/filters';

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
  const totals = [
    { month: '2016-01-01', total: 500 },
    { month: '2016-02-01', total: 480 },
    { month: '2016-03-01', total: 0 },
    { month: '2016-04-01', total: null },
    { month: '2016-05-01', total: 60 },
    { month: '2016-06-01', total: 510 },
  ];

  it('treats months with nothing at all as gaps, not zeros', () => {
    expect([...gapMonths(totals)]).toEqual(['2016-03-01', '2016-04-01']);
    expect(gapMonths([{ month: '2016-01-01', total: 0 }]).size).toBe(0);
  });

  it('names months far from the median month', () => {
    expect(unusualMonths(totals)).toEqual([{ month: '2016-05-01', ratio: 60 / 490 }]);
    expect(unusualMonths(totals.slice(0, 2))).toEqual([]);
  });

  it('marks the last month partial when the data stops before its end', () => {
    const months = ['2025-11-01', '2025-12-01'];
    expect(partialMonth(months, '2025-12-10T08:00:00')).toBe('2025-12-01');
    expect(partialMonth(months, '2025-12-31T21:45:26')).toBeNull();
    expect(partialMonth(months, '2026-01-03T00:00:00')).toBeNull();
    expect(partialMonth(['2024-02-01'], '2024-02-28T10:00:00')).toBe('2024-02-01');
    expect(partialMonth(['2024-02-01'], '2024-02-29T10:00:00')).toBeNull();
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

const area = (key: string, value: number | null, extra: Partial<ChoroplethArea> = {}) => ({
  area_key: key,
  area_name: `Area ${key}`,
  value,
  count: 10,
  population: 1000,
  ...extra,
});

describe('rankAreas', () => {
  it('ranks highest first, ties share a rank, no value and "too few" get none', () => {
    const ranked = rankAreas([
      area('a', 5),
      area('b', 9),
      area('c', 5),
      area('d', null),
      area('e', 99, { tooFew: true } as Partial<ChoroplethArea>),
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
};

describe('legend labels', () => {
  it('are the same words for screen and PNG: half-open classes, the last one closed', () => {
    expect(classLabels(response)).toEqual(['2.5 – under 5', '5 – 7.25']);
    expect(tooFewCount(response)).toBe(0);
  });
});

describe('mapCsv', () => {
  it('holds every area with value, count, population and rank, named after the view', () => {
    const parsed = parseView(new URLSearchParams('city=toronto&level=ward&metric=per_1000'));
    if (!parsed.ok) throw new Error(parsed.error);
    const city = {
      id: 'toronto',
      name: 'Toronto',
      levels: [{ id: 'ward', label: 'Ward' }],
      attribution: 'City of Toronto',
    } as unknown as CitySummary;
    const { fileName, text } = mapCsv(response, parsed.view, city, '2026-01-01T00:00:00Z');
    expect(fileName).toBe('atlas311_toronto_ward_per-1000_2025-01-01_2025-12-31_map-values.csv');
    const data = text.split('\r\n').filter((l) => l && !l.startsWith('#'));
    expect(data).toEqual([
      'area_key,area,per_1000,count,population,rank,too_few',
      '2,Area 2,7.25,29,4000,1,false',
      '1,Area 1,2.5,250,100000,2,false',
    ]);
  });
});

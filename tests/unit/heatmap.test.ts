import { describe, expect, it } from 'vitest';
import {
  heatmapColumns,
  maxShare,
  seasonOfMonth,
  shapeHeatmap,
  shapeTopBySeason,
  type TypeMonthCount,
} from '@/lib/heatmap-shape';

const counts: TypeMonthCount[] = [
  { type: 'Snow', category: 'Winter', monthOfYear: 1, count: 60 },
  { type: 'Snow', category: 'Winter', monthOfYear: 2, count: 30 },
  { type: 'Snow', category: 'Winter', monthOfYear: 12, count: 10 },
  { type: 'Pothole', category: 'Roads', monthOfYear: 4, count: 40 },
  { type: 'Pothole', category: 'Roads', monthOfYear: 7, count: 40 },
  { type: 'Noise', category: 'Bylaw', monthOfYear: 7, count: 5 },
];

describe('seasonOfMonth', () => {
  it('uses meteorological seasons DJF, MAM, JJA, SON', () => {
    expect([12, 1, 2].map(seasonOfMonth)).toEqual(['winter', 'winter', 'winter']);
    expect([3, 5].map(seasonOfMonth)).toEqual(['spring', 'spring']);
    expect([6, 8].map(seasonOfMonth)).toEqual(['summer', 'summer']);
    expect([9, 11].map(seasonOfMonth)).toEqual(['autumn', 'autumn']);
  });
});

describe('heatmapColumns', () => {
  it('has 12 month columns or 4 season columns', () => {
    expect(heatmapColumns('month').map((c) => c.label)[0]).toBe('Jan');
    expect(heatmapColumns('month')).toHaveLength(12);
    expect(heatmapColumns('season').map((c) => c.key)).toEqual([
      'winter',
      'spring',
      'summer',
      'autumn',
    ]);
  });
});

describe('shapeHeatmap', () => {
  it('keeps the top-N types by total, most first, and counts the rest', () => {
    const grid = shapeHeatmap(counts, 'month', 2);
    expect(grid.rows.map((row) => row.type)).toEqual(['Snow', 'Pothole']);
    expect(grid.otherTypes).toBe(1);
  });

  it('fills every column, with shares of the type total so rows are comparable', () => {
    const [snow] = shapeHeatmap(counts, 'month', 5).rows;
    expect(snow?.cells).toHaveLength(12);
    expect(snow?.cells.find((c) => c.column === '1')).toEqual({
      column: '1',
      count: 60,
      share: 0.6,
    });
    expect(snow?.cells.find((c) => c.column === '6')).toEqual({ column: '6', count: 0, share: 0 });
    const sum = snow?.cells.reduce((s, c) => s + (c.share ?? 0), 0);
    expect(sum).toBeCloseTo(1);
  });

  it('folds months into seasons, December into winter', () => {
    const [snow, pothole] = shapeHeatmap(counts, 'season', 5).rows;
    expect(snow?.cells.map((c) => c.count)).toEqual([100, 0, 0, 0]);
    expect(pothole?.cells.map((c) => c.share)).toEqual([0, 0.5, 0.5, 0]);
  });

  it('ignores months outside 1..12 and non-positive counts, and is empty for no rows', () => {
    expect(
      shapeHeatmap([{ type: 'x', category: 'y', monthOfYear: 13, count: 5 }], 'month', 5).rows,
    ).toEqual([]);
    expect(shapeHeatmap([], 'season', 5)).toEqual({
      columns: heatmapColumns('season'),
      rows: [],
      otherTypes: 0,
      otherCount: 0,
      total: 0,
    });
  });

  it('counts the requests of the types beyond the top N, so cells + otherCount = total', () => {
    const rows = [
      { type: 'a', category: 'c', monthOfYear: 1, count: 5 },
      { type: 'b', category: 'c', monthOfYear: 2, count: 3 },
      { type: 'c', category: 'c', monthOfYear: 3, count: 2 },
    ];
    const grid = shapeHeatmap(rows, 'month', 1);
    const cells = grid.rows.flatMap((r) => r.cells).reduce((sum, c) => sum + c.count, 0);
    expect({ cells, otherCount: grid.otherCount, total: grid.total }).toEqual({
      cells: 5,
      otherCount: 5,
      total: 10,
    });
  });

  it('breaks ties in total by name so the order is stable', () => {
    const tied = [
      { type: 'b', category: 'c', monthOfYear: 1, count: 1 },
      { type: 'a', category: 'c', monthOfYear: 1, count: 1 },
    ];
    expect(shapeHeatmap(tied, 'month', 5).rows.map((r) => r.type)).toEqual(['a', 'b']);
  });
});

describe('shapeTopBySeason', () => {
  it('ranks types within each season with their share of the season', () => {
    const seasons = shapeTopBySeason(counts, 1);
    const summer = seasons.find((s) => s.season === 'summer');
    expect(summer?.total).toBe(45);
    expect(summer?.types).toEqual([{ rank: 1, type: 'Pothole', count: 40, share: 0.8889 }]);
    expect(seasons.find((s) => s.season === 'autumn')?.types).toEqual([]);
  });
});

describe('maxShare', () => {
  it('is the largest cell share, 0 for an empty grid', () => {
    expect(maxShare(shapeHeatmap(counts, 'month', 5).rows)).toBe(1);
    expect(maxShare([])).toBe(0);
  });
});

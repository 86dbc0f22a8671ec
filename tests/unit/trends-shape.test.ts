import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { describeMonths, OTHER_CATEGORY, shapeTrends } from '@/lib/queries/trends';

const months = ['2025-01-01', '2025-02-01'];
const row = (month: string, category: string, count: number) => ({ month, category, count });

describe('shapeTrends', () => {
  it('folds a real "Other" and the smaller categories into one series', () => {
    const rows = [
      row('2025-01-01', 'Roads', 50),
      row('2025-01-01', 'Other', 40),
      row('2025-01-01', 'Parks', 30),
      row('2025-01-01', 'Waste', 5),
      row('2025-02-01', 'Other', 10),
    ];
    const { categories, points } = shapeTrends(rows, months, 3);
    expect(categories).toEqual(['Roads', 'Parks', OTHER_CATEGORY]);
    expect(new Set(categories).size).toBe(categories.length);
    const total = points.reduce((sum, p) => sum + (p.count ?? 0), 0);
    expect(total).toBe(135);
    expect(points.find((p) => p.month === '2025-01-01' && p.category === 'Other')?.count).toBe(45);
  });

  it('keeps a real "Other" as the one Other series when everything fits', () => {
    const rows = [row('2025-01-01', 'Roads', 5), row('2025-01-01', 'Other', 7)];
    const { categories } = shapeTrends(rows, months, 8);
    expect(categories).toEqual(['Roads', OTHER_CATEGORY]);
  });

  it('leaves months without data as gaps (null), not zeros', () => {
    const rows = [row('2025-01-01', 'Roads', 5)];
    const { points } = shapeTrends(rows, months, 8, new Set(['2025-02-01']));
    expect(points.map((p) => p.count)).toEqual([5, null]);
  });
});

describe('describeMonths', () => {
  const all = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'];
  const totals = new Map([
    ['2025-01-01', 100],
    ['2025-02-01', 110],
    ['2025-03-01', 5],
    ['2025-05-01', 105],
    ['2025-06-01', 40],
  ]);

  it('marks the partial last month, gaps and months far from the others', () => {
    const { monthInfo, coverageNote } = describeMonths(
      all,
      totals,
      new Set(['2025-04-01']),
      '2025-06-01',
    );
    expect(monthInfo.map((m) => [m.gap, m.partial, m.outlier])).toEqual([
      [false, false, false],
      [false, false, false],
      [false, false, true],
      [true, false, false],
      [false, false, false],
      [false, true, false],
    ]);
    expect(monthInfo[3]!.total).toBeNull();
    expect(coverageNote).toContain('2025-06 is partial');
    expect(coverageNote).toContain('1 month has no data');
    expect(coverageNote).toContain('2025-03');
  });

  it('says nothing when every month is ordinary', () => {
    const { coverageNote } = describeMonths(all.slice(0, 2), totals, new Set(), null);
    expect(coverageNote).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
import {
  AREA_MONTH_MARTS,
  chooseAreaMonthMart,
  chooseHistogramMart,
  hasPreAggregates,
  neededDimensions,
} from '@/lib/queries/mart-choice';
import { FILTER_TABLES } from '@/lib/queries/filters-sql';
import { type View } from '@/lib/view';
import { parseView } from '@/lib/view/schema';

function view(query: string): View {
  const result = parseView(new URLSearchParams(`city=san-francisco&level=neighborhood&${query}`));
  if (!result.ok) throw new Error(result.error);
  return result.view;
}

describe('chooseAreaMonthMart', () => {
  it('answers a view with no filters from the area × month totals', () => {
    expect(chooseAreaMonthMart(view(''))).toBe('mart_area_month_total');
    expect(chooseAreaMonthMart(view('from=2010-01-01&to=2025-12-31&metric=on_time_pct'))).toBe(
      'mart_area_month_total',
    );
  });

  it('keeps status in every pre-aggregate', () => {
    expect(chooseAreaMonthMart(view('status=open'))).toBe('mart_area_month_total');
  });

  it('needs the category mart for a category filter or a category breakdown', () => {
    expect(chooseAreaMonthMart(view('category=Streets,Graffiti'))).toBe('mart_area_month_category');
    expect(chooseAreaMonthMart(view(''), { groupBy: ['category'] })).toBe(
      'mart_area_month_category',
    );
  });

  it('needs the type mart for types, and the full mart for channel or division', () => {
    expect(chooseAreaMonthMart(view('type=Graffiti'))).toBe('mart_area_month_type');
    expect(chooseAreaMonthMart(view('category=Streets'), { groupBy: ['type'] })).toBe(
      'mart_area_month_type',
    );
    expect(chooseAreaMonthMart(view('channel=Phone'))).toBe('mart_area_month');
    expect(chooseAreaMonthMart(view('division=DPW'))).toBe('mart_area_month');
    expect(chooseAreaMonthMart(view(''), { groupBy: ['channel'] })).toBe('mart_area_month');
  });

  it('ignores the filters a query leaves out', () => {
    expect(chooseAreaMonthMart(view('channel=Phone'), { omit: ['channel'] })).toBe(
      'mart_area_month_total',
    );
    expect(neededDimensions(view('type=A&channel=Phone&status=open'), { omit: ['type'] })).toEqual(
      new Set(['channel', 'status']),
    );
  });

  it('uses the full mart where there are no pre-aggregates', () => {
    expect(chooseAreaMonthMart(view(''), { preAggregates: false })).toBe('mart_area_month');
    expect(hasPreAggregates({ dialect: 'duckdb' })).toBe(true);
    expect(hasPreAggregates({ dialect: 'bigquery' })).toBe(false);
    expect(hasPreAggregates({ dialect: 'duckdb', fullMartsOnly: true })).toBe(false);
  });

  it('chooses only tables whose filters buildFilters can apply', () => {
    for (const mart of AREA_MONTH_MARTS) {
      expect([...FILTER_TABLES[mart.table]].sort()).toEqual([...mart.dimensions].sort());
    }
  });
});

describe('chooseHistogramMart', () => {
  it('drops type and category when the view sets neither', () => {
    expect(chooseHistogramMart(view(''))).toBe('mart_resolution_hist_total');
    expect(chooseHistogramMart(view('status=closed'))).toBe('mart_resolution_hist_total');
    expect(chooseHistogramMart(view('type=Graffiti'))).toBe('mart_resolution_hist');
    expect(chooseHistogramMart(view(''), { groupBy: ['type'] })).toBe('mart_resolution_hist');
  });

  it('leaves a filter the histogram cannot apply to the full one (which answers 400)', () => {
    expect(chooseHistogramMart(view('status=open'))).toBe('mart_resolution_hist');
    expect(chooseHistogramMart(view('channel=Phone'))).toBe('mart_resolution_hist');
    expect(chooseHistogramMart(view('channel=Phone'), { omit: ['channel'] })).toBe(
      'mart_resolution_hist_total',
    );
  });
});

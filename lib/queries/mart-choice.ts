/**
 * Which mart answers a query: the smallest pre-aggregate that still has every column the query
 * groups by or the view filters on. The pre-aggregates are sums of mart_area_month over the
 * columns they drop (pipeline/sql/marts/mart_area_month_*.sql), so every measure they hold
 * (sums, and the max of res_hours_max) is the same figure the full mart gives for any view they
 * can answer; tests/integration/queries-preaggregate.test.ts checks each endpoint both ways.
 * Pure: no warehouse, no I/O, unit-tested in tests/unit/mart-choice.test.ts.
 */
import type { View } from '@/lib/view';

/** The view parameters that filter the marts (FILTER_COLUMNS in filters-sql.ts), as columns. */
export type MartDimension = 'type' | 'category' | 'channel' | 'division' | 'status';
export const MART_DIMENSIONS: readonly MartDimension[] = [
  'type',
  'category',
  'channel',
  'division',
  'status',
];

/**
 * The area × month marts, smallest first, with the dimensions each one keeps. Every one has
 * city, level, area_key, month and the same measure columns as mart_area_month.
 */
export const AREA_MONTH_MARTS = [
  { table: 'mart_area_month_total', dimensions: ['status'] },
  { table: 'mart_area_month_category', dimensions: ['category', 'status'] },
  { table: 'mart_area_month_type', dimensions: ['type', 'category', 'status'] },
  {
    table: 'mart_area_month',
    dimensions: ['type', 'category', 'channel', 'division', 'status'],
  },
] as const satisfies readonly { table: string; dimensions: readonly MartDimension[] }[];
export type AreaMonthMart = (typeof AREA_MONTH_MARTS)[number]['table'];

/** The resolution-time histograms, smallest first (`status` is no column: see buildFilters). */
export const HISTOGRAM_MARTS = [
  { table: 'mart_resolution_hist_total', dimensions: [] },
  { table: 'mart_resolution_hist', dimensions: ['type', 'category'] },
] as const satisfies readonly { table: string; dimensions: readonly MartDimension[] }[];
export type HistogramMart = (typeof HISTOGRAM_MARTS)[number]['table'];

export interface MartNeeds {
  /** Dimensions the query groups by or selects. */
  groupBy?: readonly MartDimension[];
  /** Filters the query leaves out (buildFilters' `omit`): they need no column. */
  omit?: readonly MartDimension[];
  /**
   * False where the pre-aggregates do not exist (a BigQuery target loads only the full marts):
   * then the full mart answers everything.
   */
  preAggregates?: boolean;
}

/** The dimensions a query on `view` needs: what it groups by plus every filter the view sets. */
export function neededDimensions(view: View, needs: MartNeeds = {}): Set<MartDimension> {
  const omit = new Set(needs.omit ?? []);
  const needed = new Set<MartDimension>(needs.groupBy ?? []);
  for (const dimension of MART_DIMENSIONS) {
    if (omit.has(dimension)) continue;
    const value = view[dimension];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    needed.add(dimension);
  }
  return needed;
}

function choose<T extends { table: string; dimensions: readonly MartDimension[] }>(
  marts: readonly T[],
  needed: ReadonlySet<MartDimension>,
  preAggregates: boolean,
): T['table'] {
  const full = marts[marts.length - 1]!;
  if (!preAggregates) return full.table;
  const mart = marts.find((m) => [...needed].every((d) => m.dimensions.includes(d)));
  return (mart ?? full).table;
}

/** The smallest area × month mart that can answer `view` with `needs`. */
export function chooseAreaMonthMart(view: View, needs: MartNeeds = {}): AreaMonthMart {
  return choose(AREA_MONTH_MARTS, neededDimensions(view, needs), needs.preAggregates ?? true);
}

/**
 * The smallest histogram mart for `view`. Only type and category are histogram columns; the
 * other filters are left to buildFilters, which ignores status=closed and refuses the rest.
 */
export function chooseHistogramMart(view: View, needs: MartNeeds = {}): HistogramMart {
  const needed = neededDimensions(view, needs);
  // status=closed is every resolved request: no column needed. Any other filter the histogram
  // has no column for goes to the full histogram, whose buildFilters names it in a 400.
  if (view.status === 'closed') needed.delete('status');
  return choose(HISTOGRAM_MARTS, needed, needs.preAggregates ?? true);
}

/**
 * The pre-aggregates are built by the DuckDB pipeline; other targets hold only the full marts.
 * `fullMartsOnly` (set by the test that compares both answers) turns them off for one warehouse.
 */
export function hasPreAggregates(warehouse: { dialect: string; fullMartsOnly?: boolean }): boolean {
  return warehouse.dialect === 'duckdb' && warehouse.fullMartsOnly !== true;
}

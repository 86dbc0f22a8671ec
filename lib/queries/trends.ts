/**
 * Monthly volume by category for the city or the selected area. The largest categories are
 * kept and the rest rolled into "Other" so a stacked chart stays readable; months inside the
 * city's data coverage with nothing recorded are 0, months outside it are left out.
 */
import 'server-only';
import type { View } from '@/lib/filters';
import type { Warehouse } from '@/lib/warehouse/types';
import { addMonths, buildFilters, monthsBetween, sql } from './filters-sql';
import { getChartContext, num, scopeOf, str, type ChartMeta } from './chart-context';

export const OTHER_CATEGORY = 'Other';

export interface TrendPoint {
  month: string;
  category: string;
  count: number;
}

export interface TrendsResponse {
  meta: ChartMeta;
  months: string[];
  /** Largest first; OTHER_CATEGORY last when present. */
  categories: string[];
  /** One point per month × category, in month then category order. */
  points: TrendPoint[];
}

/** Fills and rolls up: every month × kept category once, smaller categories as "Other". */
export function shapeTrends(
  rows: readonly TrendPoint[],
  months: readonly string[],
  maxCategories: number,
): { categories: string[]; points: TrendPoint[] } {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.category, (totals.get(row.category) ?? 0) + row.count);
  const ranked = [...totals.entries()]
    .filter(([, total]) => total > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([category]) => category);
  const keep = ranked.length > maxCategories ? ranked.slice(0, maxCategories - 1) : ranked;
  const kept = new Set(keep);
  const categories = ranked.length > keep.length ? [...keep, OTHER_CATEGORY] : keep;
  const cells = new Map<string, number>();
  for (const row of rows) {
    const category = kept.has(row.category) ? row.category : OTHER_CATEGORY;
    const key = `${row.month}|${category}`;
    cells.set(key, (cells.get(key) ?? 0) + row.count);
  }
  const points = months.flatMap((month) =>
    categories.map((category) => ({
      month,
      category,
      count: cells.get(`${month}|${category}`) ?? 0,
    })),
  );
  return { categories, points };
}

export async function getTrends(
  wh: Warehouse,
  view: View,
  params: { maxCategories: number },
): Promise<TrendsResponse> {
  const context = await getChartContext(wh, view);
  const where = buildFilters(view, { range: context.range, ...scopeOf(context) });
  const query = sql`select month, category, sum(opened) as n from mart_area_month where ${where}
    group by month, category order by month, category`;
  const rows = (await wh.query(query.sql, query.params)).map((row) => ({
    month: str(row.month).slice(0, 10),
    category: str(row.category) || 'Unknown',
    count: num(row.n),
  }));
  const first =
    context.range.fromMonth > context.firstMonth ? context.range.fromMonth : context.firstMonth;
  const last =
    context.range.toMonth < context.lastMonth ? context.range.toMonth : context.lastMonth;
  const count = first <= last ? monthsBetween(first, last) : 0;
  const months = Array.from({ length: count }, (_, i) => addMonths(first, i));
  return { meta: context.meta, months, ...shapeTrends(rows, months, params.maxCategories) };
}

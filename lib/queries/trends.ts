/**
 * Monthly volume by category for the city or the selected area. The largest categories are
 * kept and the rest folded into "Other" — one series, whether or not the data has a real
 * category called "Other" — so a stacked chart stays readable and still adds up to the total.
 * Months with no data at all are gaps (null), not zeros; the last month is marked partial when
 * the data ends before its last day; months whose volume is far from the others are flagged.
 */
import 'server-only';
import { count, isoDate, queryRows, text } from './rows';
import type { View } from '@/lib/view';
import { lastMonthIsPartial } from '@/lib/view/dates';
import type { TrendMonth, TrendPoint, TrendsResponse } from '@/lib/api/types';
import type { Warehouse } from '@/lib/warehouse/types';
import { CITY_LEVEL, buildFilters, monthList, raw, sql } from './filters-sql';
import { chooseAreaMonthMart, hasPreAggregates, MART_DIMENSIONS } from './mart-choice';
import { getChartContext, num, str } from './chart-context';
import { chartCompare } from './compare';

export const OTHER_CATEGORY = 'Other';

/** A month below a quarter or above four times the median month is "far from the others". */
const OUTLIER_FACTOR = 4;

/**
 * Fills and folds: every month × kept category once, smaller categories (and any real "Other")
 * as one OTHER_CATEGORY series. `gaps` are months with no data at all: their points are null.
 */
export function shapeTrends(
  rows: readonly { month: string; category: string; count: number }[],
  months: readonly string[],
  maxCategories: number,
  gaps: ReadonlySet<string> = new Set(),
): { categories: string[]; points: TrendPoint[] } {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.category, (totals.get(row.category) ?? 0) + row.count);
  const ranked = [...totals.entries()]
    .filter(([, total]) => total > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([category]) => category);
  // A real "Other" is never kept on its own: it joins the folded rest, so the name appears once.
  const named = ranked.filter((category) => category !== OTHER_CATEGORY);
  const hasOther = named.length < ranked.length;
  const room = hasOther || named.length > maxCategories ? maxCategories - 1 : maxCategories;
  const keep = named.slice(0, room);
  const kept = new Set(keep);
  const categories = keep.length < ranked.length ? [...keep, OTHER_CATEGORY] : keep;
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
      count: gaps.has(month) ? null : (cells.get(`${month}|${category}`) ?? 0),
    })),
  );
  return { categories, points };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Per month: total, gap, partial, outlier; and one sentence about them (or null). */
export function describeMonths(
  months: readonly string[],
  totals: ReadonlyMap<string, number>,
  gaps: ReadonlySet<string>,
  partialMonth: string | null,
): { monthInfo: TrendMonth[]; coverageNote: string | null } {
  const full = months.filter((m) => !gaps.has(m) && m !== partialMonth);
  const typical = full.length >= 3 ? median(full.map((m) => totals.get(m) ?? 0)) : 0;
  const monthInfo = months.map((month): TrendMonth => {
    const gap = gaps.has(month);
    const total = gap ? null : (totals.get(month) ?? 0);
    const outlier =
      !gap &&
      month !== partialMonth &&
      typical > 0 &&
      total !== null &&
      (total < typical / OUTLIER_FACTOR || total > typical * OUTLIER_FACTOR);
    return { month, total, gap, partial: month === partialMonth, outlier };
  });
  const notes: string[] = [];
  const gapCount = monthInfo.filter((m) => m.gap).length;
  const outliers = monthInfo.filter((m) => m.outlier).map((m) => m.month.slice(0, 7));
  if (partialMonth && months.includes(partialMonth)) {
    notes.push(`${partialMonth.slice(0, 7)} is partial: the data ends before its last day.`);
  }
  if (gapCount) {
    notes.push(
      `${gapCount} month${gapCount === 1 ? ' has' : 's have'} no data in the file at all (gaps, not zeros).`,
    );
  }
  if (outliers.length) {
    notes.push(
      `Volume in ${outliers.slice(0, 6).join(', ')}${outliers.length > 6 ? '…' : ''} is far from the other months: likely the file's coverage, not the city.`,
    );
  }
  return { monthInfo, coverageNote: notes.length ? notes.join(' ') : null };
}

export async function getTrends(
  wh: Warehouse,
  view: View,
  params: { maxCategories: number },
): Promise<TrendsResponse> {
  const context = await getChartContext(wh, view);
  const scope = context.meta.area
    ? { level: context.meta.level, areaKey: context.meta.area.key }
    : { level: CITY_LEVEL };
  const preAggregates = hasPreAggregates(wh);
  const table = chooseAreaMonthMart(view, { groupBy: ['category'], preAggregates });
  const where = buildFilters(view, { range: context.range, ...scope, table });
  const query = sql`select month, category, sum(opened) as n from ${raw(table)} where ${where}
    group by month, category order by month, category`;
  // A month with no data at all in the city's file (any filter, any area) is a gap, not a zero.
  // The same query for every view of the city (the range is applied here), so after the first
  // view the published file's answer cache holds it.
  const coverageTable = chooseAreaMonthMart(view, { omit: MART_DIMENSIONS, preAggregates });
  const coverageQuery = sql`select month from ${raw(coverageTable)}
    where city = ${view.city} and level = ${CITY_LEVEL} group by month having sum(opened) > 0`;
  const [rawRows, coveredRows] = await Promise.all([
    queryRows(wh, query, { month: isoDate, category: text, n: count }),
    queryRows(wh, coverageQuery, { month: isoDate }),
  ]);
  const { fromMonth, toMonth } = context.range;
  const covered = coveredRows.filter((row) => row.month >= fromMonth && row.month <= toMonth);
  const rows = rawRows.map((row) => ({
    month: str(row.month).slice(0, 10),
    category: str(row.category) || 'Unknown',
    count: num(row.n),
  }));
  const first =
    context.range.fromMonth > context.firstMonth ? context.range.fromMonth : context.firstMonth;
  const last =
    context.range.toMonth < context.lastMonth ? context.range.toMonth : context.lastMonth;
  const months = monthList(first, last);
  const withData = new Set(covered.map((row) => str(row.month).slice(0, 10)));
  const gaps = new Set(months.filter((month) => !withData.has(month)));
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.month, (totals.get(row.month) ?? 0) + row.count);
  const partialMonth = lastMonthIsPartial({
    firstMonth: context.firstMonth,
    lastMonth: context.lastMonth,
    lastOpened: context.summary.lastOpened,
  })
    ? context.lastMonth
    : null;
  const answer: TrendsResponse = {
    meta: context.meta,
    months,
    ...describeMonths(months, totals, gaps, partialMonth),
    ...shapeTrends(rows, months, params.maxCategories, gaps),
  };
  await chartCompare(
    view,
    context,
    answer,
    (baseline) => getTrends(wh, baseline, params),
    ({ months: m, monthInfo, categories, points }) => ({
      months: m,
      monthInfo,
      categories,
      points,
    }),
    (trend) => trend.monthInfo.reduce((sum, month) => sum + (month.total ?? 0), 0),
  );
  return answer;
}

/**
 * Area profile: the selected area's figures beside the city's (requests, per 1,000 residents,
 * median days to close, on-time share where supported), its top types with the city's share of
 * the same type, and its monthly trend against the city's, each indexed to its own monthly
 * average (100 = average month) so a small area and the city share an axis.
 */
import 'server-only';
import { chartCompare } from './compare';
import { z } from 'zod';
import { count, isoDate, numberOrNull, queryRow, queryRows, text } from './rows';
import type { View } from '@/lib/view';
import type { Warehouse } from '@/lib/warehouse/types';
import { InvalidViewError } from '@/lib/api/errors';
import { histogramFromRows, percentileFromHistogram } from '@/lib/resolution-buckets';
import {
  CITY_LEVEL,
  addMonths,
  buildFilters,
  monthsBetween,
  raw,
  sql,
  type FilterParameter,
} from './filters-sql';
import {
  chooseAreaMonthMart,
  chooseHistogramMart,
  hasPreAggregates,
  type MartDimension,
} from './mart-choice';
import {
  getChartContext,
  num,
  numOrNull,
  ratio,
  round,
  str,
  type ChartContext,
} from './chart-context';
import type { AreaProfileResponse, ProfileFigure } from '@/lib/api/types';

const HIST_OMIT: readonly FilterParameter[] = ['channel', 'division', 'status'];

/** Each value over the series' mean × 100; null when the series is all zero. */
export function indexSeries(values: readonly number[]): (number | null)[] {
  const mean = values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0;
  return values.map((value) => (mean > 0 ? round((value / mean) * 100, 1) : null));
}

/** The smallest area × month mart for the profile's view, grouped by `groupBy`. */
function martFor(wh: Warehouse, context: ChartContext, groupBy: readonly MartDimension[] = []) {
  return chooseAreaMonthMart(context.view, { groupBy, preAggregates: hasPreAggregates(wh) });
}

/** The area and the city-wide rows of one level in one query: `(level, area) or city`. */
function bothScopes(level: string, areaKey: string) {
  return sql`((level = ${level} and area_key = ${areaKey}) or level = ${CITY_LEVEL})`;
}

interface Totals {
  opened: number;
  stillOpen: number;
  onTime: number;
  slaDue: number;
  /** Requests opened per month (YYYY-MM-01). */
  months: Map<string, number>;
}

/** The area's and the city's totals and monthly counts, from one query grouped by month. */
async function totalsAndMonths(
  wh: Warehouse,
  context: ChartContext,
  level: string,
  areaKey: string,
): Promise<{ area: Totals; city: Totals }> {
  const table = martFor(wh, context);
  const where = buildFilters(context.view, { range: context.range, level: null, table });
  const query = sql`select level = ${CITY_LEVEL} as is_city, month, sum(opened) as opened,
    sum(still_open) as still_open, sum(on_time) as on_time, sum(sla_due) as sla_due
    from ${raw(table)} where ${where} and ${bothScopes(level, areaKey)} group by 1, 2`;
  const rows = await queryRows(wh, query, {
    is_city: z.boolean(),
    month: isoDate,
    opened: count,
    still_open: count,
    on_time: count,
    sla_due: count,
  });
  const empty = (): Totals => ({
    opened: 0,
    stillOpen: 0,
    onTime: 0,
    slaDue: 0,
    months: new Map(),
  });
  const area = empty();
  const city = empty();
  for (const row of rows) {
    const t = row.is_city ? city : area;
    t.opened += row.opened;
    t.stillOpen += row.still_open;
    t.onTime += row.on_time;
    t.slaDue += row.sla_due;
    const month = str(row.month).slice(0, 10);
    t.months.set(month, (t.months.get(month) ?? 0) + row.opened);
  }
  return { area, city };
}

/** Requests per type in the area and in the city, from one query. */
async function byType(wh: Warehouse, context: ChartContext, level: string, areaKey: string) {
  const table = martFor(wh, context, ['type']);
  const where = buildFilters(context.view, { range: context.range, level: null, table });
  const query = sql`select level = ${CITY_LEVEL} as is_city, type, sum(opened) as n
    from ${raw(table)} where ${where} and ${bothScopes(level, areaKey)} group by 1, 2`;
  const rows = await queryRows(wh, query, { is_city: z.boolean(), type: text, n: count });
  const area = new Map<string, number>();
  const city = new Map<string, number>();
  for (const row of rows) (row.is_city ? city : area).set(str(row.type), num(row.n));
  return { area, city };
}

/**
 * Closed requests per resolution-time bucket; by type for the area (its top types' medians), by
 * bucket alone for the city, which then reads the smallest histogram that has the view's filters.
 */
async function resolutionHist(
  wh: Warehouse,
  context: ChartContext,
  level: string,
  areaKey?: string,
) {
  const byType = areaKey !== undefined;
  const table = chooseHistogramMart(context.view, {
    groupBy: byType ? ['type'] : [],
    omit: HIST_OMIT,
    preAggregates: hasPreAggregates(wh),
  });
  const where = buildFilters(context.view, {
    table,
    range: context.range,
    level,
    areaKey,
    omit: HIST_OMIT,
  });
  const query = byType
    ? sql`select type, bucket, sum(n) as n from ${raw(table)} where ${where} group by type, bucket`
    : sql`select '' as type, bucket, sum(n) as n from ${raw(table)} where ${where} group by bucket`;
  const rows = await queryRows(wh, query, { type: text, bucket: z.number().int(), n: count });
  return rows.map((row) => ({ type: str(row.type), bucket: num(row.bucket), n: num(row.n) }));
}

async function cityPopulation(wh: Warehouse, context: ChartContext): Promise<number | null> {
  const row = await queryRow(
    wh,
    sql`select count(*) as areas, count(population) as known, sum(population) as population
      from dim_area where city = ${context.meta.city} and level = ${context.meta.level}`,
    { areas: count, known: count, population: numberOrNull },
  );
  // A city total from a partial sum would inflate per-1,000 rates: all areas or nothing.
  if (!row || num(row.areas) === 0 || num(row.areas) !== num(row.known)) return null;
  return numOrNull(row.population);
}

const days = (hours: number | null) => round(hours === null ? null : hours / 24);

export async function getAreaProfile(wh: Warehouse, view: View): Promise<AreaProfileResponse> {
  if (view.area === undefined) {
    throw new InvalidViewError('area', 'area is required: choose an area to see its profile.');
  }
  const context = await getChartContext(wh, view);
  const area = context.meta.area;
  if (!area) {
    throw new InvalidViewError('area', 'area is required: choose an area to see its profile.');
  }
  const level = context.meta.level;
  const resolution = context.meta.hasResolution;
  const [scopes, types, population, areaHist, cityHist] = await Promise.all([
    totalsAndMonths(wh, context, level, area.key),
    byType(wh, context, level, area.key),
    cityPopulation(wh, context),
    resolution ? resolutionHist(wh, context, level, area.key) : Promise.resolve([]),
    resolution ? resolutionHist(wh, context, CITY_LEVEL) : Promise.resolve([]),
  ]);
  const { area: areaTotals, city: cityTotals } = scopes;
  const { area: areaTypes, city: cityTypes } = types;
  const areaMonths = areaTotals.months;
  const cityMonths = cityTotals.months;
  const areaCounts = histogramFromRows(areaHist);
  const cityCounts = histogramFromRows(cityHist);
  const perThousand = (count: number, people: number | null) =>
    people && people > 0 ? round((count / people) * 1000) : null;

  const figures: ProfileFigure[] = [
    { key: 'requests', label: 'Requests', area: areaTotals.opened, city: cityTotals.opened },
    {
      key: 'per_1000',
      label: 'Per 1,000 residents',
      area: perThousand(areaTotals.opened, area.population),
      // Per-1,000 for the city counts only located requests' population base: use the city total.
      city: perThousand(cityTotals.opened, population),
    },
    {
      key: 'still_open',
      label: 'Still open',
      area: areaTotals.stillOpen,
      city: cityTotals.stillOpen,
    },
  ];
  if (resolution) {
    figures.push(
      {
        key: 'median_days',
        label: 'Median days to close',
        area: days(percentileFromHistogram(areaCounts, 0.5)),
        city: days(percentileFromHistogram(cityCounts, 0.5)),
      },
      {
        key: 'p90_days',
        label: '90th percentile days to close',
        area: days(percentileFromHistogram(areaCounts, 0.9)),
        city: days(percentileFromHistogram(cityCounts, 0.9)),
      },
    );
  }
  if (context.meta.hasSla) {
    figures.push({
      key: 'on_time_pct',
      label: 'On time',
      area: ratio(areaTotals.onTime, areaTotals.slaDue),
      city: ratio(cityTotals.onTime, cityTotals.slaDue),
    });
  }

  const cityTotal = [...cityTypes.values()].reduce((sum, n) => sum + n, 0);
  const typeHist = new Map<string, { bucket: number; n: number }[]>();
  for (const row of areaHist) typeHist.set(row.type, [...(typeHist.get(row.type) ?? []), row]);
  const topTypes = [...areaTypes.entries()]
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 10)
    .map(([type, count], i) => ({
      rank: i + 1,
      type,
      count,
      share: ratio(count, areaTotals.opened),
      cityShare: ratio(cityTypes.get(type) ?? 0, cityTotal),
      p50Days: resolution
        ? days(percentileFromHistogram(histogramFromRows(typeHist.get(type) ?? []), 0.5))
        : null,
    }));

  const first =
    context.range.fromMonth > context.firstMonth ? context.range.fromMonth : context.firstMonth;
  const last =
    context.range.toMonth < context.lastMonth ? context.range.toMonth : context.lastMonth;
  const months =
    first <= last
      ? Array.from({ length: monthsBetween(first, last) }, (_, i) => addMonths(first, i))
      : [];
  const areaSeries = months.map((m) => areaMonths.get(m) ?? 0);
  const citySeries = months.map((m) => cityMonths.get(m) ?? 0);
  const areaIndex = indexSeries(areaSeries);
  const cityIndex = indexSeries(citySeries);
  const trend = months.map((month, i) => ({
    month,
    area: areaSeries[i] ?? 0,
    city: citySeries[i] ?? 0,
    areaIndex: areaIndex[i] ?? null,
    cityIndex: cityIndex[i] ?? null,
  }));

  const answer: AreaProfileResponse = { meta: { ...context.meta, area }, figures, topTypes, trend };
  await chartCompare(
    view,
    context,
    answer,
    (baseline) => getAreaProfile(wh, baseline),
    (before) => ({ figures: before.figures }),
    (profile) => profile.figures.find((f) => f.key === 'requests')?.area ?? 0,
  );
  return answer;
}

/**
 * The choropleth widget: one value per area of a level for a view, with class breaks, the
 * requests left out for want of a location, and (for counts) a hotspot test.
 *
 * Metrics and the requests each `count` is computed from:
 * - count, per_1000, still_open, change_pct: requests opened in the range;
 * - median_days, p90_days: closed requests with a resolution time, interpolated inside the
 *   buckets of mart_resolution_hist (lib/resolution-buckets.ts);
 * - on_time_pct: requests due under a service-level target, i.e. closed ones plus open ones
 *   already overdue (`sla_due`), of which `on_time` closed by the target.
 */
import 'server-only';
import { getCity, getLevel, type CityConfig, type Level } from '@/lib/cities';
import { classify } from '@/lib/classify';
import type { Metric, View } from '@/lib/filters';
import { findHotspots, HOTSPOT_ALPHA, HOTSPOT_TEST_DESCRIPTION } from '@/lib/hotspots';
import { histogramFromRows, percentileFromHistogram } from '@/lib/resolution-buckets';
import { InvalidViewError, NotFoundError } from '@/lib/api/errors';
import type { ChoroplethArea, ChoroplethResponse } from '@/lib/api/types';
import type { Warehouse } from '@/lib/warehouse/types';
import { getDimCity, supportedMetrics } from './cities';
import {
  buildFilters,
  CITY_LEVEL,
  previousRange,
  resolveRange,
  type MonthRange,
} from './filters-sql';

/** The unit of a metric, in the city's words (its config's nouns: Seattle counts incidents). */
export function metricUnit(metric: Metric, nouns: CityConfig['nouns']): string {
  return METRIC_UNITS[metric].replace('requests', nouns.many);
}

export const METRIC_UNITS: Record<Metric, string> = {
  count: 'requests',
  per_1000: 'requests per 1,000 residents',
  median_days: 'days (median time to close)',
  p90_days: 'days (90th percentile time to close)',
  on_time_pct: '% closed on time',
  still_open: 'requests still open',
  change_pct: '% change vs previous period',
};

/** Why a metric cannot be drawn for this city and level, or null when it can. */
export function metricUnsupportedReason(
  config: CityConfig,
  level: Level,
  metric: Metric,
  supported: readonly Metric[],
): string | null {
  if (metric === 'per_1000' && !level.hasPopulation) {
    return `per_1000 needs population figures, which ${config.name} has none of for the ${level.label} level`;
  }
  if (supported.includes(metric)) return null;
  switch (metric) {
    case 'median_days':
    case 'p90_days':
    case 'still_open':
      return `${metric} needs closing dates, which ${config.name}'s data does not publish`;
    case 'on_time_pct':
      return `on_time_pct needs a service-level target, which ${config.name}'s data does not publish`;
    default:
      return `${metric} is not available for ${config.name}`;
  }
}

interface AreaRow {
  [key: string]: string | number | boolean | null;
  area_key: string;
  area_name: string | null;
  population: number | null;
}

interface MeasureRow {
  [key: string]: string | number | boolean | null;
  area_key: string;
  opened: number;
  still_open: number;
  sla_due: number;
  on_time: number;
  res_max: number | null;
}

interface HistRow {
  [key: string]: string | number | boolean | null;
  area_key: string;
  bucket: number;
  n: number;
}

export function resolveCityLevel(view: View): { config: CityConfig; level: Level } {
  const config = getCity(view.city);
  if (!config) throw new InvalidViewError('city', `unknown city "${view.city}"`);
  const level = getLevel(config, view.level);
  if (!level) {
    const known = config.levels.map((l) => l.id).join(', ');
    throw new InvalidViewError(
      'level',
      `unknown level "${view.level}" for ${config.name}; one of ${known}`,
    );
  }
  return { config, level };
}

async function measuresByArea(
  warehouse: Warehouse,
  view: View,
  range: MonthRange,
): Promise<Map<string, MeasureRow>> {
  const where = buildFilters(view, { range });
  const rows = await warehouse.query<MeasureRow>(
    `select cast(area_key as varchar) as area_key, sum(opened) as opened,
       sum(still_open) as still_open, sum(sla_due) as sla_due, sum(on_time) as on_time,
       max(res_hours_max) as res_max
     from mart_area_month where ${where.sql} group by 1`,
    where.params,
  );
  return new Map(rows.map((row) => [row.area_key, row]));
}

async function cityTotal(warehouse: Warehouse, view: View, range: MonthRange): Promise<number> {
  const where = buildFilters(view, { range, level: CITY_LEVEL });
  const [row] = await warehouse.query<{ total: number | null }>(
    `select sum(opened) as total from mart_area_month where ${where.sql}`,
    where.params,
  );
  return Number(row?.total ?? 0);
}

async function histogramsByArea(
  warehouse: Warehouse,
  view: View,
  range: MonthRange,
): Promise<Map<string, number[]>> {
  const where = buildFilters(view, { range, table: 'mart_resolution_hist' });
  const rows = await warehouse.query<HistRow>(
    `select cast(area_key as varchar) as area_key, bucket, sum(n) as n
     from mart_resolution_hist where ${where.sql} group by 1, 2`,
    where.params,
  );
  const grouped = new Map<string, { bucket: number; n: number }[]>();
  for (const row of rows) {
    const list = grouped.get(row.area_key) ?? [];
    list.push({ bucket: Number(row.bucket), n: Number(row.n) });
    grouped.set(row.area_key, list);
  }
  return new Map([...grouped].map(([key, list]) => [key, histogramFromRows(list)]));
}

export async function getChoropleth(warehouse: Warehouse, view: View): Promise<ChoroplethResponse> {
  const { config, level } = resolveCityLevel(view);
  const [dim] = await getDimCity(warehouse, view.city);
  if (!dim?.last_month) throw new NotFoundError(`No data has been loaded for ${config.name} yet.`);

  const reason = metricUnsupportedReason(config, level, view.metric, supportedMetrics(config, dim));
  if (reason) throw new InvalidViewError('metric', reason);
  const wantHotspots = view.hotspots === '1';
  if (wantHotspots && view.metric !== 'count') {
    throw new InvalidViewError('hotspots', 'hotspots are tested on the count metric only');
  }
  if (wantHotspots && !level.hasPopulation) {
    throw new InvalidViewError(
      'hotspots',
      `hotspots need population figures, which the ${level.label} level does not have`,
    );
  }

  const range = resolveRange(view, dim.last_month);
  const resolution = view.metric === 'median_days' || view.metric === 'p90_days';
  // Build the histogram filter first: a filter it cannot apply is a 400 before any query runs.
  if (resolution) buildFilters(view, { range, table: 'mart_resolution_hist' });

  const [areaRows, measures, total, histograms, previous] = await Promise.all([
    warehouse.query<AreaRow>(
      `select cast(area_key as varchar) as area_key, area_name, population
       from dim_area where city = ? and level = ? order by area_key`,
      [view.city, view.level],
    ),
    measuresByArea(warehouse, view, range),
    cityTotal(warehouse, view, range),
    resolution ? histogramsByArea(warehouse, view, range) : Promise.resolve(null),
    view.metric === 'change_pct'
      ? measuresByArea(warehouse, view, previousRange(range))
      : Promise.resolve(null),
  ]);

  let located = 0;
  const areas: ChoroplethArea[] = areaRows.map((area) => {
    const m = measures.get(area.area_key);
    const opened = Number(m?.opened ?? 0);
    located += opened;
    const population = area.population === null ? null : Number(area.population);
    const base = {
      area_key: area.area_key,
      area_name: area.area_name ?? area.area_key,
      population,
    };
    switch (view.metric) {
      case 'count':
        return { ...base, value: opened, count: opened };
      case 'per_1000':
        return { ...base, value: population ? (opened / population) * 1000 : null, count: opened };
      case 'still_open':
        return { ...base, value: Number(m?.still_open ?? 0), count: opened };
      case 'on_time_pct': {
        const due = Number(m?.sla_due ?? 0);
        return {
          ...base,
          value: due > 0 ? (Number(m?.on_time ?? 0) / due) * 100 : null,
          count: due,
        };
      }
      case 'median_days':
      case 'p90_days': {
        const counts = histograms?.get(area.area_key) ?? [];
        const n = counts.reduce((sum, value) => sum + value, 0);
        const p = view.metric === 'median_days' ? 0.5 : 0.9;
        const hours = n
          ? percentileFromHistogram(counts, p, { maxHours: m?.res_max ?? null })
          : null;
        return { ...base, value: hours === null ? null : hours / 24, count: n };
      }
      case 'change_pct': {
        const before = Number(previous?.get(area.area_key)?.opened ?? 0);
        return {
          ...base,
          value: before > 0 ? ((opened - before) / before) * 100 : null,
          count: opened,
        };
      }
      default: {
        const unknown: never = view.metric;
        throw new Error(`unhandled metric ${String(unknown)}`);
      }
    }
  });

  let hotspots: ChoroplethResponse['hotspots'] = null;
  if (wantHotspots) {
    const results = findHotspots(areas);
    results.forEach((result, i) => {
      areas[i]!.hotspot = result.hotspot;
    });
    hotspots = {
      test: HOTSPOT_TEST_DESCRIPTION,
      alpha: HOTSPOT_ALPHA,
      tested: results.filter((r) => r.pValue !== null).length,
      found: results.filter((r) => r.hotspot).length,
    };
  }

  const { breaks, classCounts, noData } = classify(
    areas.map((area) => area.value),
    view.classification,
    view.classes,
  );
  return {
    city: view.city,
    kind: config.kind,
    level: view.level,
    metric: view.metric,
    classification: view.classification,
    from: range.from,
    to: range.to,
    unit: metricUnit(view.metric, config.nouns),
    areas,
    unlocated: Math.max(0, total - located),
    total,
    breaks,
    classCounts,
    noData,
    hotspots,
  };
}

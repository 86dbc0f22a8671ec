/**
 * The city list (registry joined with dim_city) and each city's filter values. One function per
 * widget: getCities for the city picker, getFilterOptions for the filter bar.
 */
import 'server-only';
import { getCity, loadCities, type CityConfig } from '@/lib/cities';
import type { Metric } from '@/lib/view';
import { InvalidViewError } from '@/lib/api/errors';
import type {
  CitiesResponse,
  CitySummary,
  FilterOption,
  FilterOptionsResponse,
  LevelAvailability,
} from '@/lib/api/types';
import { nounFor } from '@/lib/api/texts';
import type { View } from '@/lib/view';
import { getChartContext } from './chart-context';
import type { Warehouse } from '@/lib/warehouse/types';
import { lastCompleteMonth } from '@/lib/view/dates';
import { buildFilters, CITY_LEVEL, raw, sql } from './filters-sql';

interface DimCityRow {
  [key: string]: string | number | boolean | null;
  city: string;
  has_resolution: boolean | null;
  has_sla: boolean | null;
  first_month: string | null;
  last_month: string | null;
  last_opened: string | null;
  freshness: string | null;
  rows_loaded: number | null;
}

/** The metrics a city's data supports, from its config and what the pipeline found. */
export function supportedMetrics(config: CityConfig, row: DimCityRow | undefined): Metric[] {
  const resolution = config.metrics.resolution && (row?.has_resolution ?? true);
  const sla = config.metrics.sla && (row?.has_sla ?? true);
  const metrics: Metric[] = ['count'];
  if (config.levels.some((level) => level.hasPopulation)) metrics.push('per_1000');
  if (resolution) metrics.push('median_days', 'p90_days');
  if (sla) metrics.push('on_time_pct');
  if (resolution) metrics.push('still_open');
  metrics.push('change_pct');
  return metrics;
}

/** Whether any of the city's layouts maps an intake channel column. */
export function hasChannelColumn(config: CityConfig): boolean {
  return config.layouts.some((layout) => layout.fields.channel !== undefined);
}

export function toCitySummary(config: CityConfig, row: DimCityRow | undefined): CitySummary {
  const firstMonth = row?.first_month ?? null;
  const lastMonth = row?.last_month ?? null;
  const lastOpened = row?.last_opened ?? null;
  return {
    id: config.id,
    name: config.name,
    kind: config.kind,
    timezone: config.timezone,
    levels: config.levels.map((level) => ({
      id: level.id,
      label: level.label,
      areas: level.expectedAreas,
      hasPopulation: level.hasPopulation,
      boundaryUrl: `/geojson/${level.boundary}.geojson`,
    })),
    metrics: supportedMetrics(config, row),
    hasResolution: config.metrics.resolution && (row?.has_resolution ?? false),
    hasSla: config.metrics.sla && (row?.has_sla ?? false),
    hasChannel: hasChannelColumn(config),
    loaded: row !== undefined && row.last_month !== null,
    freshness: row?.freshness ?? null,
    firstMonth,
    lastMonth,
    lastOpened,
    lastCompleteMonth:
      firstMonth && lastMonth ? lastCompleteMonth({ firstMonth, lastMonth, lastOpened }) : null,
    rowsLoaded: row?.rows_loaded ?? null,
    attribution: config.attribution,
    view: config.view,
    bbox: config.bbox,
  };
}

export function getDimCity(warehouse: Warehouse, city?: string): Promise<DimCityRow[]> {
  const where = city === undefined ? sql`true` : sql`d.city = ${city}`;
  return warehouse.query<DimCityRow>(
    `with last_opened as (
       select city, max(opened) as last_opened from fact_requests group by city
     )
     select d.city, d.has_resolution, d.has_sla, d.first_month, d.last_month,
       cast(cast(l.last_opened as date) as varchar) as last_opened,
       cast(d.freshness as varchar) as freshness, d.rows_loaded
     from dim_city d left join last_opened l on l.city = d.city where ${where.sql}`,
    where.params,
  );
}

export async function getCities(warehouse: Warehouse): Promise<CitiesResponse> {
  const rows = await getDimCity(warehouse);
  const byCity = new Map(rows.map((row) => [row.city, row]));
  return {
    cities: [...loadCities().values()].map((config) =>
      toCitySummary(config, byCity.get(config.id)),
    ),
  };
}

export async function getCitySummary(warehouse: Warehouse, cityId: string): Promise<CitySummary> {
  const config = getCity(cityId);
  if (!config) throw new InvalidViewError('city', `unknown city "${cityId}"`);
  const [row] = await getDimCity(warehouse, cityId);
  return toCitySummary(config, row);
}

const FILTER_OPTION_COLUMNS = ['type', 'category', 'channel', 'division'] as const;
/** Enough for a searchable list; the rarest types beyond this are reachable by typing the URL. */
const MAX_OPTIONS = 1000;

/**
 * The values each filter can take, with their counts in the view's range under the view's other
 * filters (a filter's own selection does not narrow its own list), and whether each level has
 * located data in the range so the picker can disable a level with nothing to draw.
 */
export async function getFilterOptions(
  warehouse: Warehouse,
  view: View,
): Promise<FilterOptionsResponse> {
  const context = await getChartContext(warehouse, { ...view, area: undefined });
  const { range, summary } = context;
  const lists = await Promise.all(
    FILTER_OPTION_COLUMNS.map((column) => {
      const where = buildFilters(view, { range, level: CITY_LEVEL, omit: [column] });
      const query = sql`select cast(${raw(column)} as varchar) as value, sum(opened) as count
         from mart_area_month where ${where} and ${raw(column)} is not null
         group by 1 having sum(opened) > 0 order by count desc, value limit ${MAX_OPTIONS}`;
      return warehouse.query<{ value: string; count: number }>(query.sql, query.params);
    }),
  );
  const levelWhere = buildFilters(view, { range, level: null });
  const levelQuery = sql`select level, sum(opened) as located from mart_area_month
    where ${levelWhere} and level <> ${CITY_LEVEL} group by level`;
  const levelRows = await warehouse.query<{ level: string; located: number }>(
    levelQuery.sql,
    levelQuery.params,
  );
  const located = new Map(levelRows.map((row) => [row.level, Number(row.located)]));
  const noun = nounFor(summary.kind);
  const levels = summary.levels.map((level): LevelAvailability => {
    const count = located.get(level.id) ?? 0;
    return {
      id: level.id,
      located: count,
      available: count > 0,
      reason:
        count > 0
          ? null
          : `None of ${summary.name}'s ${noun} from ${range.from} to ${range.to} can be placed in a ${level.label.toLowerCase()}: the data has no location at this level in this range.`,
    };
  });
  const [type, category, channel, division] = lists.map((rows) =>
    rows.map((row): FilterOption => ({
      value: row.value,
      label: row.value,
      count: Number(row.count),
    })),
  );
  return {
    city: summary.id,
    from: range.from,
    to: range.to,
    type: type ?? [],
    category: category ?? [],
    channel: summary.hasChannel ? (channel ?? []) : [],
    division: division ?? [],
    levels,
  };
}

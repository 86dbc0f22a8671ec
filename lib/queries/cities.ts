/**
 * The city list (registry joined with dim_city) and each city's filter values. One function per
 * widget: getCities for the city picker, getFilterOptions for the filter bar.
 */
import 'server-only';
import { getCity, loadCities, type CityConfig } from '@/lib/cities';
import type { Metric } from '@/lib/filters';
import { InvalidViewError } from '@/lib/api/errors';
import type {
  CitiesResponse,
  CitySummary,
  FilterOption,
  FilterOptionsResponse,
} from '@/lib/api/types';
import type { Warehouse } from '@/lib/warehouse/types';
import { CITY_LEVEL, raw, sql } from './filters-sql';

interface DimCityRow {
  [key: string]: string | number | boolean | null;
  city: string;
  has_resolution: boolean | null;
  has_sla: boolean | null;
  first_month: string | null;
  last_month: string | null;
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

export function toCitySummary(config: CityConfig, row: DimCityRow | undefined): CitySummary {
  return {
    id: config.id,
    name: config.name,
    kind: config.kind,
    nouns: config.nouns,
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
    loaded: row !== undefined && row.last_month !== null,
    freshness: row?.freshness ?? null,
    firstMonth: row?.first_month ?? null,
    lastMonth: row?.last_month ?? null,
    rowsLoaded: row?.rows_loaded ?? null,
    attribution: config.attribution,
    view: config.view,
    bbox: config.bbox,
  };
}

export function getDimCity(warehouse: Warehouse, city?: string): Promise<DimCityRow[]> {
  const where = city === undefined ? sql`true` : sql`city = ${city}`;
  return warehouse.query<DimCityRow>(
    `select city, has_resolution, has_sla, cast(first_month as varchar) as first_month,
       cast(last_month as varchar) as last_month, cast(freshness as varchar) as freshness,
       rows_loaded
     from dim_city where ${where.sql}`,
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

export async function getFilterOptions(
  warehouse: Warehouse,
  cityId: string,
): Promise<FilterOptionsResponse> {
  if (!getCity(cityId)) throw new InvalidViewError('city', `unknown city "${cityId}"`);
  const lists = await Promise.all(
    FILTER_OPTION_COLUMNS.map((column) => {
      const where = sql`city = ${cityId} and level = ${CITY_LEVEL} and ${raw(column)} is not null`;
      return warehouse.query<{ value: string; count: number }>(
        `select cast(${column} as varchar) as value, sum(opened) as count
         from mart_area_month where ${where.sql}
         group by 1 order by count desc, value limit ${MAX_OPTIONS}`,
        where.params,
      );
    }),
  );
  const [type, category, channel, division] = lists.map((rows) =>
    rows.map((row): FilterOption => ({ value: row.value, count: Number(row.count) })),
  );
  return {
    city: cityId,
    type: type ?? [],
    category: category ?? [],
    channel: channel ?? [],
    division: division ?? [],
  };
}

/**
 * A city's summary as the app shows it: its config joined with what the pipeline found
 * (dim_city). Pure, so the proxy (config only, before the warehouse is asked), the routes and the
 * tests build it the same way.
 */
import type { CityConfig } from '@/lib/cities/schema';
import type { CitySummary } from '@/lib/api/types';
import { lastCompleteMonth } from './dates';
import type { Metric } from './schema';

export interface DimCityRow {
  city: string;
  has_resolution: boolean | null;
  has_sla: boolean | null;
  first_month: string | null;
  last_month: string | null;
  last_opened: string | null;
  previous_month: string | null;
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
  const previousMonth = row ? row.previous_month : undefined;
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
    hasChannel: hasChannelColumn(config),
    loaded: row !== undefined && row.last_month !== null,
    freshness: row?.freshness ?? null,
    firstMonth,
    lastMonth,
    lastOpened,
    lastCompleteMonth:
      firstMonth && lastMonth
        ? lastCompleteMonth({ firstMonth, lastMonth, lastOpened, previousMonth })
        : null,
    rowsLoaded: row?.rows_loaded ?? null,
    attribution: config.attribution,
    view: config.view,
    bbox: config.bbox,
  };
}

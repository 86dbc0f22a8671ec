/**
 * One queryOptions per endpoint, shared by server prefetching and client hooks so keys and
 * fetchers cannot drift. Keys hold every view value that changes the answer (charts ignore
 * metric, classification, classes and hotspots, which only style the map).
 */
import { queryOptions } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { requestFilters, viewToSearch, type View } from '@/lib/view/fields';
import type { HeatmapMode, Season } from '@/lib/heatmap-shape';
import type { AnomaliesResponse } from '@/lib/queries/anomalies';
import type { StatusResponse } from '@/lib/status';
import { fetchJson, shouldRetry } from './client';
import type {
  AreaProfileResponse,
  BreakdownDimension,
  BreakdownResponse,
  ChoroplethResponse,
  CitiesResponse,
  FilterOptionsResponse,
  HeatmapResponse,
  PatternsResponse,
  ResolutionEstimateResponse,
  ResolutionResponse,
  TrendsResponse,
} from './types';

export { ApiRequestError, fetchJson } from './client';

/** The view fields the choropleth depends on (not `area`, which only selects). */
export function choroplethParams(view: View): string {
  return viewToSearch({
    city: view.city,
    level: view.level,
    metric: view.metric,
    classification: view.classification,
    classes: view.classes === 5 ? undefined : view.classes,
    from: view.from,
    to: view.to,
    type: view.type,
    category: view.category,
    channel: view.channel,
    division: view.division,
    status: view.status,
    hotspots: view.hotspots === '1' ? '1' : undefined,
    compare: view.compare,
    duplicates: view.duplicates === 'merged' ? 'merged' : undefined,
  });
}

/** The view fields every chart depends on, as a query string (defaults left out). */
export function chartSearch(
  view: View,
  extra: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams(
    viewToSearch({ ...requestFilters(view), area: view.area, compare: view.compare }),
  );
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

export const citiesQuery = (initialData?: CitiesResponse) =>
  queryOptions({
    queryKey: ['cities'],
    queryFn: ({ signal }) => fetchJson<CitiesResponse>('/api/cities', signal),
    staleTime: 5 * 60_000,
    initialData,
  });

export const choroplethQuery = (view: View) => {
  const params = choroplethParams(view);
  return queryOptions({
    queryKey: ['choropleth', params],
    queryFn: ({ signal }) => fetchJson<ChoroplethResponse>(`/api/choropleth?${params}`, signal),
    staleTime: 60_000,
    retry: shouldRetry,
  });
};

/** Filter values with counts for the view's city, level, range and filters. */
export const filterOptionsQuery = (view: View) => {
  const params = viewToSearch(requestFilters(view));
  return queryOptions({
    queryKey: ['filter-options', params],
    queryFn: ({ signal }) =>
      fetchJson<FilterOptionsResponse>(`/api/choropleth/options?${params}`, signal),
    staleTime: 5 * 60_000,
    retry: shouldRetry,
  });
};

/** Simplified boundaries: a static file under public/geojson. */
export const boundaryQuery = (url: string) =>
  queryOptions({
    queryKey: ['boundary', url],
    queryFn: ({ signal }) => fetchJson<FeatureCollection>(url, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

const chartOptions = <T>(widget: string, search: string) =>
  queryOptions({
    queryKey: ['charts', widget, search] as const,
    queryFn: ({ signal }) => fetchJson<T>(`/api/${widget}?${search}`, signal),
    staleTime: 60_000,
    retry: shouldRetry,
  });

export function heatmapQuery(
  view: View,
  params: { mode: HeatmapMode; topN: number; rankType?: string; season?: Season },
) {
  return chartOptions<HeatmapResponse>(
    'heatmap',
    chartSearch(view, {
      mode: params.mode,
      topN: params.topN,
      rankType: params.rankType,
      season: params.season,
    }),
  );
}

export function patternsQuery(view: View) {
  return chartOptions<PatternsResponse>('patterns', chartSearch(view));
}

export function trendsQuery(view: View) {
  return chartOptions<TrendsResponse>('trends', chartSearch(view));
}

export function breakdownQuery(view: View, dimension: BreakdownDimension) {
  return chartOptions<BreakdownResponse>('breakdown', chartSearch(view, { dimension }));
}

export function resolutionQuery(view: View) {
  return chartOptions<ResolutionResponse>('resolution', chartSearch(view));
}

export function resolutionEstimateQuery(view: View, type: string, areaKey: string | undefined) {
  return chartOptions<ResolutionEstimateResponse>(
    'resolution',
    chartSearch({ ...view, area: undefined }, { estimateType: type, estimateArea: areaKey }),
  );
}

export function areaProfileQuery(view: View) {
  return chartOptions<AreaProfileResponse>('area', chartSearch(view));
}

/** GET /api/status for one city: the freshness line and stale banner (lib/freshness.ts). */
export const statusQuery = (city: string) =>
  queryOptions({
    queryKey: ['status', city],
    queryFn: ({ signal }) =>
      fetchJson<StatusResponse>(`/api/status?city=${encodeURIComponent(city)}`, signal),
    staleTime: 60_000,
  });

/** GET /api/anomalies: the top flags of one city and level ("Unusual this month"). */
export const anomaliesQuery = (city: string, level: string) =>
  queryOptions({
    queryKey: ['anomalies', city, level],
    queryFn: ({ signal }) =>
      fetchJson<AnomaliesResponse>(
        `/api/anomalies?${new URLSearchParams({ city, level, limit: '5' }).toString()}`,
        signal,
      ),
    staleTime: 5 * 60_000,
  });

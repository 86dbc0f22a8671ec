/**
 * One queryOptions per chart endpoint, shared by a server prefetch and the client hooks so keys
 * and fetchers cannot drift. Keys hold every view value that changes the answer (not metric,
 * classification, classes or hotspots, which only style the map).
 */
import { queryOptions } from '@tanstack/react-query';
import { viewToSearch, type View } from '@/lib/filters';
import type { HeatmapResponse, HeatmapMode, Season } from '@/lib/queries/heatmap-shape';
import type { TrendsResponse } from '@/lib/queries/trends';
import type { BreakdownResponse, BreakdownDimension } from '@/lib/queries/breakdown';
import type { ResolutionEstimateResponse, ResolutionResponse } from '@/lib/queries/resolution';
import type { AreaProfileResponse } from '@/lib/queries/area-profile';

export class ChartRequestError extends Error {
  override name = 'ChartRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

async function fetchChart<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    let body: { error?: string; parameter?: string } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // not JSON: keep the status line
    }
    throw new ChartRequestError(
      body.error ?? `Request failed (${response.status})`,
      response.status,
      body.parameter,
    );
  }
  return (await response.json()) as T;
}

/** The view fields every chart depends on, as a query string (defaults left out). */
export function chartSearch(
  view: View,
  extra: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams(
    viewToSearch({
      city: view.city,
      level: view.level,
      from: view.from,
      to: view.to,
      type: view.type,
      category: view.category,
      channel: view.channel,
      division: view.division,
      status: view.status,
      area: view.area,
    }),
  );
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

const options = <T>(widget: string, search: string) =>
  queryOptions({
    queryKey: ['charts', widget, search] as const,
    queryFn: ({ signal }) => fetchChart<T>(`/api/${widget}?${search}`, signal),
    staleTime: 60_000,
    retry: (count, error) =>
      !(error instanceof ChartRequestError && error.status < 500) && count < 2,
  });

export function heatmapQuery(
  view: View,
  params: { mode: HeatmapMode; topN: number; rankType?: string; season?: Season },
) {
  return options<HeatmapResponse>(
    'heatmap',
    chartSearch(view, {
      mode: params.mode,
      topN: params.topN,
      rankType: params.rankType,
      season: params.season,
    }),
  );
}

export function trendsQuery(view: View) {
  return options<TrendsResponse>('trends', chartSearch(view));
}

export function breakdownQuery(view: View, dimension: BreakdownDimension) {
  return options<BreakdownResponse>('breakdown', chartSearch(view, { dimension }));
}

export function resolutionQuery(view: View) {
  return options<ResolutionResponse>('resolution', chartSearch(view));
}

export function resolutionEstimateQuery(view: View, type: string, areaKey: string | undefined) {
  return options<ResolutionEstimateResponse>(
    'resolution',
    chartSearch({ ...view, area: undefined }, { estimateType: type, estimateArea: areaKey }),
  );
}

export function areaProfileQuery(view: View) {
  return options<AreaProfileResponse>('area', chartSearch(view));
}

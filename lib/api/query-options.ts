/**
 * One queryOptions per endpoint, shared by server prefetching and client hooks so keys and
 * fetchers cannot drift. Keys hold every view value that changes the answer.
 */
import { queryOptions } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { viewToSearch, type View } from '@/lib/filters';
import type { ApiError, CitiesResponse, ChoroplethResponse, FilterOptionsResponse } from './types';

/** An API answer that was not 2xx: `message` is the server's safe message. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    let body: Partial<ApiError> = {};
    try {
      body = (await response.json()) as ApiError;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiRequestError(
      body.error ?? `Request failed (${response.status})`,
      response.status,
      body.parameter,
    );
  }
  return (await response.json()) as T;
}

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
  });
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
    retry: (count, error) => !(error instanceof ApiRequestError && error.status < 500) && count < 2,
  });
};

export const filterOptionsQuery = (city: string) =>
  queryOptions({
    queryKey: ['filter-options', city],
    queryFn: ({ signal }) =>
      fetchJson<FilterOptionsResponse>(
        `/api/choropleth/options?${new URLSearchParams({ city }).toString()}`,
        signal,
      ),
    staleTime: 5 * 60_000,
  });

/** Simplified boundaries: a static file under public/geojson. */
export const boundaryQuery = (url: string) =>
  queryOptions({
    queryKey: ['boundary', url],
    queryFn: ({ signal }) => fetchJson<FeatureCollection>(url, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

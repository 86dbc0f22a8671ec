/**
 * Resolve a page's view from its searchParams through resolveView: the city defaults to the first
 * city with data and the level to the city's first level; parameters a view does not know
 * (utm_source, fbclid) are ignored so a shared link still opens.
 */
import 'server-only';
import type { CitiesResponse } from '@/lib/api/types';
import { resolveView, type ResolveResult } from '@/lib/view/resolve';
import { toUrlSearchParams, type SearchParams } from './request';

export type { SearchParams } from './request';

export function resolvePageView(searchParams: SearchParams, cities: CitiesResponse): ResolveResult {
  return resolveView(toUrlSearchParams(searchParams), cities.cities, {
    defaults: true,
    unknown: 'ignore',
  });
}

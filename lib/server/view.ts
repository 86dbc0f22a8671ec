/**
 * Resolve a page's view from its searchParams: the city defaults to the first city with data and
 * the level to the city's first level; everything else goes through parseView.
 */
import 'server-only';
import { parseView, type View } from '@/lib/filters';
import type { CitiesResponse, CitySummary } from '@/lib/api/types';

export type SearchParams = Record<string, string | string[] | undefined>;

export function toUrlSearchParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

export type PageView =
  { ok: true; view: View; city: CitySummary } | { ok: false; error: string; parameter: string };

export function resolvePageView(searchParams: SearchParams, cities: CitiesResponse): PageView {
  const params = toUrlSearchParams(searchParams);
  const fallback = cities.cities.find((c) => c.loaded) ?? cities.cities[0];
  if (!fallback) return { ok: false, parameter: 'city', error: 'No city is configured.' };
  if (!params.has('city')) params.set('city', fallback.id);
  const city = cities.cities.find((c) => c.id === params.get('city'));
  if (!city) return { ok: false, parameter: 'city', error: `unknown city "${params.get('city')}"` };
  if (!params.has('level')) params.set('level', city.levels[0]!.id);
  if (!city.levels.some((l) => l.id === params.get('level'))) {
    return {
      ok: false,
      parameter: 'level',
      error: `unknown level "${params.get('level')}" for ${city.name}`,
    };
  }
  const parsed = parseView(params);
  return parsed.ok ? { ok: true, view: parsed.view, city } : parsed;
}

/**
 * The server side of the view gateway: the city list from the warehouse, then resolveView
 * (lib/view/resolve.ts) — the same rules routes, pages and embeds use. A failure throws the
 * typed error (InvalidViewError → 400, NotFoundError → 404) that the route wrapper answers.
 */
import 'server-only';
import type { CitiesResponse } from '@/lib/api/types';
import { resolveView, type ResolvedView, type ResolveOptions } from '@/lib/view/resolve';
import { getCities } from '@/lib/queries/cities';
import { getWarehouse } from './warehouse';

export type SearchParams = Record<string, string | string[] | undefined>;

/** A page's searchParams object as URLSearchParams (the first of repeated values). */
export function toUrlSearchParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

/** API routes: unknown parameters are refused; `defaults` fills city and level. */
export async function requireView(
  params: URLSearchParams,
  options: { defaultLevel?: boolean } = {},
): Promise<ResolvedView & { cities: CitiesResponse }> {
  const cities = await getCities(getWarehouse());
  const resolveOptions: ResolveOptions = { unknown: 'reject' };
  if (options.defaultLevel && params.get('city')) resolveOptions.defaults = true;
  const resolved = resolveView(params, cities.cities, resolveOptions);
  if (!resolved.ok) throw resolved.error;
  return { ...resolved, cities };
}

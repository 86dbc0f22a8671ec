/**
 * resolveView: the one gateway from URL parameters to a view. It parses the parameters (lib/view/
 * schema.ts), defaults the city to the first city with data and the level to the city's first
 * level, checks both against the city list, and works out the date range — or returns a typed
 * error (InvalidViewError → 400, NotFoundError → 404) with one sentence. Pure and client-safe:
 * routes, pages, embeds and the client all call it with the same city list.
 */
import { InvalidViewError, NotFoundError, type ViewError } from '@/lib/api/errors';
import type { CitySummary, LevelSummary } from '@/lib/api/types';
import { resolveRange, type DateRange } from './dates';
import { parseView, type ParseOptions, type View } from './schema';

export interface ResolvedView {
  view: View;
  city: CitySummary;
  level: LevelSummary;
  /** null while the city has no data loaded. */
  range: DateRange | null;
  /** Parameters left out because the view does not know them (pages only). */
  ignored: string[];
}

export type ResolveResult = ({ ok: true } & ResolvedView) | { ok: false; error: ViewError };

export interface ResolveOptions extends ParseOptions {
  /** Fill city and level when absent (pages and embeds); API routes require both. */
  defaults?: boolean;
}

export function findCity(cities: readonly CitySummary[], id: string): CitySummary | ViewError {
  const city = cities.find((c) => c.id === id);
  if (city) return city;
  const known = cities.map((c) => c.id).join(', ');
  return new NotFoundError(`There is no city "${id}" (known cities: ${known}).`, 'city');
}

export function findLevel(city: CitySummary, id: string): LevelSummary | ViewError {
  const level = city.levels.find((l) => l.id === id);
  if (level) return level;
  const known = city.levels.map((l) => l.id).join(', ');
  return new NotFoundError(`${city.name} has no level "${id}" (levels: ${known}).`, 'level');
}

export function rangeOf(view: Pick<View, 'from' | 'to'>, city: CitySummary): DateRange | null {
  if (!city.firstMonth || !city.lastMonth) return null;
  // The default range (no dates at all) is the last 12 complete months; a range with only a
  // start runs to the end of the data.
  const end =
    view.to === undefined && view.from === undefined
      ? (city.lastCompleteMonth ?? city.lastMonth)
      : city.lastMonth;
  return resolveRange(view, end);
}

export function resolveView(
  input: URLSearchParams,
  cities: readonly CitySummary[],
  options: ResolveOptions = {},
): ResolveResult {
  const params = new URLSearchParams(input);
  if (options.defaults) {
    const fallback = cities.find((c) => c.loaded) ?? cities[0];
    if (!fallback) return { ok: false, error: new NotFoundError('No city is configured.', 'city') };
    if (!params.get('city')) params.set('city', fallback.id);
    const chosen = findCity(cities, params.get('city') ?? '');
    // An unknown city is a 404 even though its level could not be defaulted.
    if (chosen instanceof Error) return { ok: false, error: chosen };
    if (!params.get('level') && chosen.levels[0]) params.set('level', chosen.levels[0].id);
  }
  const parsed = parseView(params, options);
  if (!parsed.ok) return { ok: false, error: new InvalidViewError(parsed.parameter, parsed.error) };
  return resolveParsedView(parsed.view, cities, parsed.ignored);
}

/** The city, level and range of a view that has already been parsed. */
export function resolveParsedView(
  view: View,
  cities: readonly CitySummary[],
  ignored: string[] = [],
): ResolveResult {
  const city = findCity(cities, view.city);
  if (city instanceof Error) return { ok: false, error: city };
  const level = findLevel(city, view.level);
  if (level instanceof Error) return { ok: false, error: level };
  return { ok: true, view, city, level, range: rangeOf(view, city), ignored };
}

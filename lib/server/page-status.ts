/**
 * The HTTP status of a page request, decided before the page renders: the same resolveView the
 * page runs, over the configured cities (no warehouse needed to know a city or level exists).
 * 400 for a bad parameter, 404 for an unknown city or level, null when the view is fine. Pages
 * ignore parameters they do not know, so tracking parameters never cause an error.
 */
import { firstIssue } from '@/lib/view/schema';
import { resolveView } from '@/lib/view/resolve';
import { toCitySummary } from '@/lib/view/city-summary';
import { EMBED_HEATMAP_KEYS, EMBED_HEATMAP_PARAMS } from '@/lib/view/embed';
import { InvalidViewError, type ViewError } from '@/lib/api/errors';
import type { CityConfig } from '@/lib/cities/schema';

/** Pages whose query string is a view. */
export const VIEW_PAGES = ['/', '/embed/map', '/embed/heatmap', '/report'] as const;

export function pageViewError(
  pathname: string,
  search: URLSearchParams,
  configs: Iterable<CityConfig>,
): ViewError | null {
  if (!(VIEW_PAGES as readonly string[]).includes(pathname)) return null;
  const params = new URLSearchParams(search);
  if (pathname === '/embed/heatmap') {
    const own = EMBED_HEATMAP_PARAMS.safeParse({
      mode: params.get('mode') ?? undefined,
      topN: params.get('topN') ?? undefined,
    });
    if (!own.success) {
      const issue = firstIssue(own.error);
      return new InvalidViewError(issue.parameter, issue.error);
    }
    for (const key of EMBED_HEATMAP_KEYS) params.delete(key);
  }
  const cities = [...configs].map((config) => toCitySummary(config, undefined));
  const resolved = resolveView(params, cities, { defaults: true, unknown: 'ignore' });
  return resolved.ok ? null : resolved.error;
}

/** Feed addresses, shared by the feed route, the dashboard's links and its page head. Pure. */
import { DEFAULT_LOCALE, withLang, type Locale } from '@/lib/i18n/locales';

export interface FeedScope {
  city: string;
  /** Both or neither: an area feed names its level. */
  level?: string;
  area?: string;
}

/**
 * The feed's path: /feed/<city>.atom or /feed/<city>/<level>/<area>.atom, with `?lang=` when the
 * page is in another language than English (a feed reader sends no Accept-Language, so the
 * address carries the page's language, whether it came from the link or the browser).
 */
export function feedPath(scope: FeedScope, locale?: Locale): string {
  const city = encodeURIComponent(scope.city);
  const path =
    scope.level === undefined || scope.area === undefined
      ? `/feed/${city}.atom`
      : `/feed/${city}/${encodeURIComponent(scope.level)}/${encodeURIComponent(scope.area)}.atom`;
  return locale && locale !== DEFAULT_LOCALE ? withLang(path, locale) : path;
}

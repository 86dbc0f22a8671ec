/** Feed addresses, shared by the feed route, the dashboard's links and its page head. Pure. */

export interface FeedScope {
  city: string;
  /** Both or neither: an area feed names its level. */
  level?: string;
  area?: string;
}

/** The feed's path: /feed/<city>.atom or /feed/<city>/<level>/<area>.atom. */
export function feedPath(scope: FeedScope): string {
  const city = encodeURIComponent(scope.city);
  if (scope.level === undefined || scope.area === undefined) return `/feed/${city}.atom`;
  return `/feed/${city}/${encodeURIComponent(scope.level)}/${encodeURIComponent(scope.area)}.atom`;
}

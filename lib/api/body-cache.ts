/**
 * The JSON routes' answers as sent, per published warehouse: the same request against the same
 * published file gets the same bytes, so a repeat is answered without parsing, querying or
 * serialising again. Keyed by the file's identity (lib/server/warehouse-identity.ts; a new
 * publish is a new file, so nothing is ever stale) and the request's route and parameters in
 * a canonical order (?a=1&b=2 and ?b=2&a=1 are one answer). Bounded by entries and bytes, least
 * recently used out first; only successful answers are kept. Pure, so a test can drive it.
 */

export interface BodyCacheLimits {
  entries: number;
  bytes: number;
}

export const BODY_CACHE_LIMITS: BodyCacheLimits = { entries: 2000, bytes: 64 * 1024 * 1024 };

/** The cache key of a request: route and parameters sorted by name, then value. */
export function bodyKey(route: string, params: URLSearchParams): string {
  const pairs = [...params].sort(([a, x], [b, y]) =>
    a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0,
  );
  return `${route}?${new URLSearchParams(pairs).toString()}`;
}

export class BodyCache {
  private generation: string | null = null;
  private readonly bodies = new Map<string, string>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly limits: BodyCacheLimits = BODY_CACHE_LIMITS) {}

  /** The body cached for `key` under `generation`; a new generation empties the cache. */
  get(generation: string, key: string): string | undefined {
    this.turn(generation);
    const body = this.bodies.get(key);
    if (body === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    // Most recently used last.
    this.bodies.delete(key);
    this.bodies.set(key, body);
    return body;
  }

  set(generation: string, key: string, body: string): void {
    this.turn(generation);
    if (body.length > this.limits.bytes) return;
    const previous = this.bodies.get(key);
    if (previous !== undefined) {
      this.bodies.delete(key);
      this.bytes -= previous.length;
    }
    this.bodies.set(key, body);
    this.bytes += body.length;
    while (this.bodies.size > this.limits.entries || this.bytes > this.limits.bytes) {
      const oldest = this.bodies.keys().next().value;
      if (oldest === undefined) break;
      this.bytes -= this.bodies.get(oldest)!.length;
      this.bodies.delete(oldest);
    }
  }

  get size(): number {
    return this.bodies.size;
  }

  private turn(generation: string): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.bodies.clear();
    this.bytes = 0;
  }
}

/**
 * A response cache in front of a warehouse, so a page that was already answered does not wait
 * on a BigQuery job (~0.5–2 s, and ≥10 MB billed each).
 *
 * - LRU of `maxEntries`, keyed by dialect + SQL + parameters (JSON).
 * - Invalidation by **publish_version**: an opaque string that changes whenever the pipeline
 *   publishes. For BigQuery it is `lastModifiedTime:numRows` of `pipeline_runs` (tables.get: a
 *   free metadata call, not a job). The pipeline appends its `pipeline_runs` row as the last
 *   statement of a run, after the MERGE and the marts transaction have committed, so a new
 *   publish_version means new data is visible. (A failed run also appends a row: one needless
 *   invalidation, never a stale answer.)
 * - A hit never waits on the marker: when the marker is older than `markerTtlMs` it is refreshed
 *   in the background (stale-while-revalidate), and the cache is emptied when it changed. So an
 *   answer can be at most `markerTtlMs` + one tables.get older than the last publish.
 * - A result is stored only if no invalidation happened while it ran, and concurrent identical
 *   misses share one query. Errors are never cached.
 */
import type { Param, Row, Warehouse } from '../types';
import { LruMap } from '../../lru';

export interface ResponseCacheOptions {
  /** Reads the publish_version; see the docblock. */
  readMarker: () => Promise<string>;
  maxEntries?: number;
  markerTtlMs?: number;
  now?: () => number;
}

export interface CachedWarehouse extends Warehouse {
  stats(): { hits: number; misses: number; size: number; marker: string | undefined };
}

export function withResponseCache(
  inner: Warehouse,
  options: ResponseCacheOptions,
): CachedWarehouse {
  const maxEntries = options.maxEntries ?? 500;
  const ttl = options.markerTtlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const entries = new LruMap<string, Row[]>(maxEntries);
  const inFlight = new Map<string, Promise<Row[]>>();
  let marker: string | undefined;
  let checkedAt = -Infinity;
  let refreshing: Promise<void> | undefined;
  let generation = 0;
  let hits = 0;
  let misses = 0;

  const refreshMarker = () =>
    (refreshing ??= (async () => {
      try {
        const next = await options.readMarker();
        checkedAt = now();
        if (next !== marker) {
          marker = next;
          generation += 1;
          entries.clear();
          inFlight.clear();
        }
      } finally {
        refreshing = undefined;
      }
    })());

  return {
    dialect: inner.dialect,
    async query<T extends Row = Row>(sql: string, params: readonly Param[] = []) {
      if (marker === undefined) {
        await refreshMarker(); // the first query must know the marker before it can cache
      } else if (now() - checkedAt > ttl) {
        // A failed marker read keeps the old entries: the warehouse answers stay correct as of it.
        refreshMarker().catch(() => undefined);
      }
      const key = JSON.stringify([inner.dialect, sql, params]);
      const cached = entries.get(key);
      if (cached) {
        hits += 1;
        return cached as T[];
      }
      misses += 1;
      const pending = inFlight.get(key);
      if (pending) return (await pending) as T[];
      const started = generation;
      const promise = inner.query(sql, params);
      inFlight.set(key, promise);
      try {
        const rows = await promise;
        if (generation === started) {
          entries.set(key, rows);
        }
        return rows as T[];
      } finally {
        if (inFlight.get(key) === promise) inFlight.delete(key);
      }
    },
    stats: () => ({ hits, misses, size: entries.size, marker }),
    close: () => inner.close(),
  };
}

/**
 * The warehouse registry: picks a driver from configuration. A new driver must be added to the
 * switch; the default branch throws so none can be forgotten.
 *
 *   WAREHOUSE=duckdb (default)  DUCKDB_PATH
 *   WAREHOUSE=bigquery          BIGQUERY_PROJECT (required), BIGQUERY_DATASET, BIGQUERY_LOCATION,
 *                               BIGQUERY_MAX_BYTES_BILLED (all parsed and defaulted in lib/env.ts)
 *
 * BigQuery answers go through the response cache (bigquery/cache.ts), invalidated by the
 * publish_version; DuckDB answers locally and notices a newly published file itself.
 */
import type { ServerEnv } from '../env';
import { withResponseCache } from './bigquery/cache';
import { bigQueryConfigFromEnv, type Component } from './bigquery/config';
import { openBigQuery } from './bigquery/connection';
import { openPublishedDuckDb } from './duckdb/connection';
import type { Warehouse } from './types';

export type { Warehouse, Row, Param, JsonScalar, DialectId } from './types';
export { WarehouseError } from './types';

/** How long a cached BigQuery answer may trail a publish, at most (plus one tables.get). */
export const BIGQUERY_CACHE_TTL_MS = 30_000;
export const BIGQUERY_CACHE_ENTRIES = 500;

/** `env` is what lib/env.ts `getEnv()`/`parseEnv()` returns: parsed and defaulted once. */
export function openWarehouse(env: ServerEnv, component: Component = 'web'): Warehouse {
  switch (env.WAREHOUSE) {
    case 'duckdb':
      return openPublishedDuckDb(env.DUCKDB_PATH);
    case 'bigquery': {
      const warehouse = openBigQuery(bigQueryConfigFromEnv(env, component));
      return withResponseCache(warehouse, {
        readMarker: () => warehouse.publishVersion(),
        markerTtlMs: BIGQUERY_CACHE_TTL_MS,
        maxEntries: BIGQUERY_CACHE_ENTRIES,
      });
    }
    default: {
      const unknown: never = env.WAREHOUSE;
      throw new Error(`Unknown WAREHOUSE ${String(unknown)}`);
    }
  }
}
